import { openDialogForMessage } from "../../../src/office/dialog";
import { installOfficeFake, type OfficeFake } from "../../../src/simulator/host/office-fake";

const ORIGIN = "https://localhost:3000";
const request = { url: `${ORIGIN}/auth-dialog.html`, expectedOrigin: ORIGIN };

/** Waits until the fake has opened a dialog. */
async function opened(fake: OfficeFake): Promise<OfficeFake["dialogs"][number]> {
  for (let attempt = 0; attempt < 20 && fake.dialogs.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  const dialog = fake.dialogs[0];
  if (dialog === undefined) throw new Error("no dialog was opened");
  return dialog;
}

describe("Office dialogs", () => {
  let fake: OfficeFake;
  beforeEach(() => {
    fake = installOfficeFake();
  });
  afterEach(() => fake.uninstall());

  test("returns the first message from the expected origin and closes the dialog", async () => {
    const result = openDialogForMessage(request);
    const dialog = await opened(fake);
    dialog.sendMessage('{"type":"done"}', `${ORIGIN}/`);
    await expect(result).resolves.toBe('{"type":"done"}');
    expect(dialog.closed).toBe(true);
    expect(dialog.url).toBe(request.url);
  });

  test("ignores a message from any other origin", async () => {
    const result = openDialogForMessage(request);
    const dialog = await opened(fake);
    dialog.sendMessage("forged", "https://evil.example");
    dialog.sendMessage("genuine", ORIGIN);
    await expect(result).resolves.toBe("genuine");
  });

  test("a host that cannot tell the origin is refused, not trusted", async () => {
    const result = openDialogForMessage(request);
    const dialog = await opened(fake);
    (dialog as unknown as { sendMessage(message: string, origin: undefined): void }).sendMessage("who sent this?", undefined);
    await expect(result).rejects.toMatchObject({ kind: "office", messageKey: "dialog.originUnknown" });
  });

  test("closing the dialog settles it as cancelled", async () => {
    const result = openDialogForMessage(request);
    (await opened(fake)).closeByUser();
    await expect(result).rejects.toMatchObject({ kind: "cancelled", messageKey: "dialog.closed" });
  });

  test("another dialog event is AppError office with the event code", async () => {
    const result = openDialogForMessage(request);
    (await opened(fake)).sendEvent(12002);
    await expect(result).rejects.toMatchObject({ kind: "office", code: "12002" });
  });

  test("a dialog Office refuses to open is AppError office; one the person ignores is cancelled", async () => {
    fake.failNext("displayDialogAsync", { code: 12007, name: "DialogAlreadyOpened" });
    await expect(openDialogForMessage(request)).rejects.toMatchObject({ kind: "office", code: "12007" });
    fake.failNext("displayDialogAsync", { code: 12009, name: "DialogIgnored" });
    await expect(openDialogForMessage(request)).rejects.toMatchObject({ kind: "cancelled" });
  });
});
