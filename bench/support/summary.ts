/**
 * The summary `npm run bench` prints after running every benchmark: each bench prints one JSON
 * line (`{"bench": "<name>", …}`), and this reads those lines into rows of measured figure,
 * budget and verdict. It reads defensively: a bench that failed or printed no figures gets a row
 * that says so.
 */

/** What one benchmark run gave: its exit code and its JSON line, if it printed one. */
export interface BenchReport {
  name: string;
  exitCode: number;
  figures: Record<string, unknown> | undefined;
}

/** One line of the summary. */
export interface SummaryRow {
  bench: string;
  what: string;
  measured: string;
  budget: string;
  /** undefined: nothing to judge (information, or no figures). */
  met: boolean | undefined;
}

/** Returns the JSON line of a benchmark's output (the last line that parses as an object with a `bench` field), or undefined. Never throws. */
export function figuresLine(output: string): Record<string, unknown> | undefined {
  const lines = output.split(/\r?\n/).reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value) && typeof value.bench === "string") return value;
    } catch {
      // Not the figures line.
    }
  }
  return undefined;
}

/** Returns the summary rows of one benchmark's report. Never throws. */
export function summaryRows(report: BenchReport): SummaryRow[] {
  const figures = report.figures;
  const failed: SummaryRow = { bench: report.name, what: "(no figures)", measured: `exit code ${report.exitCode}`, budget: "", met: undefined };
  if (figures === undefined) return [failed];
  const rows = ROWS[report.name]?.(figures) ?? [];
  if (rows.length === 0) return [failed];
  return report.exitCode === 0 ? rows : [...rows, { ...failed, what: "(failed)" }];
}

/** Returns the printed summary of every report. */
export function formatSummary(reports: readonly BenchReport[]): string[] {
  const rows = reports.flatMap(summaryRows);
  const verdict = (met: boolean | undefined): string => (met === undefined ? "" : met ? "within budget" : "OVER BUDGET");
  const widths = [14, 38, 30, 24];
  const line = (cells: string[]): string =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join(" ")
      .trimEnd();
  const missed = rows.filter((row) => row.met === false).length;
  return [
    line(["bench", "figure", "measured", "budget", "verdict"]),
    ...rows.map((row) => line([row.bench, row.what, row.measured, row.budget, verdict(row.met)])),
    "",
    missed === 0 ? "Every budget met." : `${missed} budget${missed === 1 ? "" : "s"} missed (reported, not fatal).`,
  ];
}

type RowMaker = (figures: Record<string, unknown>) => SummaryRow[];

const ROWS: Readonly<Record<string, RowMaker>> = {
  emulator(figures) {
    const deliver = record(figures.deliverIncomingEmail);
    const whoAmI = record(figures.whoAmI);
    const targets = record(figures.targets);
    const meets = record(figures.meets);
    return [
      row("emulator", "DeliverIncomingEmail", `${num(deliver.perSecond)} emails/s, p99 ${num(deliver.p99Ms)} ms`, `≥ ${num(targets.deliveredPerSecond)}/s, p99 ≤ ${num(targets.p99Ms)} ms`, both(meets.deliveredPerSecond, meets.deliverP99)),
      row("emulator", "WhoAmI", `${num(whoAmI.perSecond)} req/s, p99 ${num(whoAmI.p99Ms)} ms`, `p99 ≤ ${num(targets.p99Ms)} ms`, bool(meets.whoAmIP99)),
    ];
  },
  bundle(figures) {
    const budgets = record(figures.budgets);
    const size = (bytes: unknown): string => (typeof bytes === "number" ? `${(bytes / 1000).toFixed(1)} KB gzip` : "?");
    const judged = (what: string, bytes: unknown, budget: unknown): SummaryRow =>
      row("bundle", what, size(bytes), `≤ ${size(budget)}`, typeof bytes === "number" && typeof budget === "number" ? bytes <= budget : undefined);
    return [
      judged("task pane, first render", figures.taskpaneFirstRenderGzip, budgets.taskpaneFirstRender),
      judged("task pane, all JS", figures.taskpaneAllGzip, budgets.taskpaneAll),
      judged("commands, all JS", figures.commandsGzip, budgets.commands),
      ...(typeof figures.taskpaneFirstRenderCssGzip === "number" ? [row("bundle", "task pane, first render CSS", size(figures.taskpaneFirstRenderCssGzip), "", undefined)] : []),
    ];
  },
  "first-render": (figures) => {
    const meets = record(figures.meets);
    const budget = `≤ ${num(figures.budgetMs)} ms median`;
    const rows: SummaryRow[] = [];
    for (const kind of ["cold", "warm"]) {
      const series = record(figures[kind]);
      if (Object.keys(series).length === 0) continue;
      const render = record(series.firstRenderMs);
      const painted = record(series.paintedMs);
      const settled = record(series.statusesSettledAfterMs);
      rows.push(
        row("first render", `${kind}: org list (p90)`, `${num(render.median)} ms (${num(render.p90)} ms)`, budget, bool(meets[kind])),
        row("first render", `${kind}: next frame painted`, `${num(painted.median)} ms`, "", undefined),
        row("first render", `${kind}: ${num(figures.orgs)} statuses settled after`, `${num(settled.median)} ms`, "", undefined),
        row("first render", `${kind}: checks in flight together`, Array.isArray(series.statusChecksInFlight) ? series.statusChecksInFlight.join(" ") : "?", "overlapping", undefined),
      );
    }
    if (typeof meets.statusChecksOverlap === "boolean") rows.push(row("first render", "status checks overlap in every load", meets.statusChecksOverlap ? "yes" : "no", "yes", meets.statusChecksOverlap));
    return rows;
  },
  "round-trips": (figures) =>
    (Array.isArray(figures.rows) ? figures.rows : []).filter(isRecord).map((entry) => {
      const budget = `${num(entry.budget)}${typeof entry.only === "string" ? ` ${entry.only}` : ""}`;
      return row("round trips", String(entry.operation), `${num(entry.requests)} requests`, budget, bool(entry.met));
    }),
};

function row(bench: string, what: string, measured: string, budget: string, met: boolean | undefined): SummaryRow {
  return { bench, what, measured, budget, met };
}

function both(a: unknown, b: unknown): boolean | undefined {
  return typeof a === "boolean" && typeof b === "boolean" ? a && b : undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function num(value: unknown): string {
  return typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "?";
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
