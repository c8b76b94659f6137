/**
 * @jest-environment jsdom
 * @jest-environment-options {"url": "https://localhost/taskpane.html"}
 */
import { installFirstRenderProbe, probeInitScript, PROBE_PROPERTY, type ProbeOptions, type ProbeRecord } from "../../../bench/support/first-render-probe";

const OPTIONS: ProbeOptions = {
  pathSuffix: "/taskpane.html",
  orgNames: ["Contoso Sales", "Fabrikam Support"],
  pendingLabels: ["Not connected", "Connecting…"],
  settledLabels: ["Connected", "Sign-in needed"],
};

/** Renders the org list as the pane does: a list item per org with its name and a status badge among other text. */
function renderList(statuses: Record<string, string>): void {
  const items = Object.entries(statuses).map(
    ([name, status]) => `<li><div><span>${name}</span><div class="badge">${status}</div></div><span>https://example/${name}</span><button>Connect</button></li>`,
  );
  document.body.innerHTML = `<section><ul>${items.join("")}</ul></section>`;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Resolves once `done()` is true (checked every few ms); rejects after 2 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("The probe did not get there in 2 s.");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(() => {
  window.history.replaceState(null, "", "/taskpane.html");
  document.body.innerHTML = "";
  delete (window as unknown as Record<string, unknown>)[PROBE_PROPERTY];
});

test("times the first render once every org is listed with a status, then the settling of every status", async () => {
  const record = installFirstRenderProbe(window, OPTIONS);
  expect((window as unknown as Record<string, ProbeRecord>)[PROBE_PROPERTY]).toBe(record);

  document.body.innerHTML = "<p>Starting…</p>";
  renderList({ "Contoso Sales": "Connecting…" });
  await flush();
  expect(record.firstRenderMs).toBeUndefined();

  renderList({ "Contoso Sales": "Connecting…", "Fabrikam Support": "Connecting…" });
  await flush();
  expect(record).toMatchObject({ installed: "start", statusesAtFirstRender: ["Connecting…", "Connecting…"] });
  expect(record.firstRenderMs).toEqual(expect.any(Number));
  await until(() => record.paintedMs !== undefined);
  expect(record.paintedMs).toBeGreaterThanOrEqual(record.firstRenderMs ?? Infinity);
  expect(record.settledMs).toBeUndefined();

  const first = record.firstRenderMs;
  renderList({ "Contoso Sales": "Connected", "Fabrikam Support": "Connecting…" });
  await flush();
  expect(record.settledMs).toBeUndefined();
  renderList({ "Contoso Sales": "Connected", "Fabrikam Support": "Sign-in needed" });
  await flush();
  expect(record).toMatchObject({ firstRenderMs: first, settledStatuses: ["Connected", "Sign-in needed"] });
  expect(record.settledMs).toBeGreaterThanOrEqual(first ?? Infinity);
});

test("a status that is only a button's or the URL's text does not count: the badge must show a known label", async () => {
  const record = installFirstRenderProbe(window, OPTIONS);
  renderList({ "Contoso Sales": "Synchronizing", "Fabrikam Support": "Connecting…" });
  await flush();
  expect(record.firstRenderMs).toBeUndefined();
});

test("a page of another path is not watched until a document of the pane's path is loaded in its window", async () => {
  const record = installFirstRenderProbe(window, { ...OPTIONS, pathSuffix: "/other.html" });
  renderList({ "Contoso Sales": "Connecting…", "Fabrikam Support": "Connecting…" });
  await flush();
  expect(record.installed).toBeUndefined();
  expect(record.firstRenderMs).toBeUndefined();

  window.history.replaceState(null, "", "/other.html");
  document.body.innerHTML = "";
  window.dispatchEvent(new Event("DOMContentLoaded"));
  expect(record).toMatchObject({ installed: "domContentLoaded" });
  expect(record.installedTooLate).toBeUndefined();
  renderList({ "Contoso Sales": "Connected", "Fabrikam Support": "Connected" });
  await flush();
  expect(record.settledStatuses).toEqual(["Connected", "Connected"]);
});

test("the init script runs on its own in a page (no helper of the TypeScript runner) and installs the probe", () => {
  new Function(probeInitScript(OPTIONS))();
  expect((window as unknown as Record<string, ProbeRecord>)[PROBE_PROPERTY]).toEqual({ installed: "start" });
});
