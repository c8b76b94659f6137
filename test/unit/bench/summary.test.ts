import { figuresLine, formatSummary, summaryRows } from "../../../bench/support/summary";

const BUNDLE = { bench: "bundle", taskpaneFirstRenderGzip: 184_900, taskpaneAllGzip: 250_000, commandsGzip: 105_000, budgets: { taskpaneFirstRender: 130_000, taskpaneAll: 260_000, commands: 110_000 } };

test("the figures line is the last JSON object with a bench field; other output is ignored", () => {
  const output = ["Bundle sizes", '{"not":"figures"}', JSON.stringify({ bench: "bundle", first: true }), "{ broken", JSON.stringify(BUNDLE), "done", ""].join("\n");
  expect(figuresLine(output)).toEqual(BUNDLE);
  expect(figuresLine("no figures here\n")).toBeUndefined();
});

test("bundle: each size against its budget", () => {
  expect(summaryRows({ name: "bundle", exitCode: 0, figures: BUNDLE })).toEqual([
    { bench: "bundle", what: "task pane, first render", measured: "184.9 KB gzip", budget: "≤ 130.0 KB gzip", met: false },
    { bench: "bundle", what: "task pane, all JS", measured: "250.0 KB gzip", budget: "≤ 260.0 KB gzip", met: true },
    { bench: "bundle", what: "commands, all JS", measured: "105.0 KB gzip", budget: "≤ 110.0 KB gzip", met: true },
  ]);
  const withCss = summaryRows({ name: "bundle", exitCode: 0, figures: { ...BUNDLE, taskpaneFirstRenderCssGzip: 12_757 } });
  expect(withCss.at(-1)).toEqual({ bench: "bundle", what: "task pane, first render CSS", measured: "12.8 KB gzip", budget: "", met: undefined });
});

test("first render and round trips: the verdicts the benches computed", () => {
  const firstRender = {
    bench: "first-render",
    orgs: 5,
    budgetMs: 500,
    cold: { firstRenderMs: { median: 612, p90: 700 }, paintedMs: { median: 650 }, statusesSettledAfterMs: { median: 300 }, statusChecksInFlight: [5, 4] },
    meets: { cold: false, statusChecksOverlap: true },
  };
  const rows = summaryRows({ name: "first-render", exitCode: 0, figures: firstRender });
  expect(rows[0]).toEqual({ bench: "first render", what: "cold: org list (p90)", measured: "612 ms (700 ms)", budget: "≤ 500 ms median", met: false });
  expect(rows.map((row) => row.measured)).toEqual(expect.arrayContaining(["650 ms", "300 ms", "5 4", "yes"]));

  const roundTrips = { bench: "round-trips", rows: [{ operation: "bulk track of 100 messages", requests: 3, budget: 2, only: "POST $batch", met: false }] };
  expect(summaryRows({ name: "round-trips", exitCode: 0, figures: roundTrips })).toEqual([
    { bench: "round trips", what: "bulk track of 100 messages", measured: "3 requests", budget: "2 POST $batch", met: false },
  ]);
});

test("a bench that failed or printed nothing says so; the summary counts missed budgets", () => {
  expect(summaryRows({ name: "emulator", exitCode: 1, figures: undefined })).toEqual([{ bench: "emulator", what: "(no figures)", measured: "exit code 1", budget: "", met: undefined }]);
  expect(summaryRows({ name: "bundle", exitCode: 1, figures: BUNDLE }).at(-1)).toMatchObject({ what: "(failed)", measured: "exit code 1" });
  const lines = formatSummary([
    { name: "bundle", exitCode: 0, figures: BUNDLE },
    { name: "emulator", exitCode: 1, figures: undefined },
  ]);
  expect(lines.filter((line) => line.endsWith("OVER BUDGET"))).toHaveLength(1);
  expect(lines.at(-1)).toBe("1 budget missed (reported, not fatal).");
  expect(formatSummary([{ name: "bundle", exitCode: 0, figures: { ...BUNDLE, taskpaneFirstRenderGzip: 120_000 } }]).at(-1)).toBe("Every budget met.");
});
