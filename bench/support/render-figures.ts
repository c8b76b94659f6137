import { maxConcurrent, spreadOf, type Interval, type Spread } from "./statistics";

/** What one load of the task pane showed, in ms on the pane's clock (from its navigation start). */
export interface LoadFigures {
  firstRenderMs: number;
  /** The frame painted after the first render. */
  paintedMs: number;
  /** From the first render to every status settled. */
  statusesMs: number;
  statusesAtFirstRender: string[];
  settledStatuses: string[];
  /** The pane's first contentful paint (its "starting" spinner). */
  firstContentfulPaintMs: number | undefined;
  /** The status checks (WhoAmI) sent to the orgs: start and response end of each. */
  statusChecks: Interval[];
  /** Requests to the token endpoint (0 when every token came from the cache). */
  tokenRequests: number;
}

/** The figures of a series of loads. */
export interface SeriesFigures {
  loads: number;
  firstRender: Spread;
  painted: Spread;
  statuses: Spread;
  firstContentfulPaint: Spread | undefined;
  /** Per load: the status checks sent, and the most of them in flight together. */
  statusChecks: number[];
  statusChecksInFlight: number[];
  /** From the first status check's start to the last one's. */
  statusChecksStartSpread: Spread | undefined;
  tokenRequests: number;
  statusesAtFirstRender: Record<string, number>;
  settledStatuses: Record<string, number>;
}

/** Returns the figures of a series of loads. Throws an Error for an empty series. */
export function seriesFigures(loads: readonly LoadFigures[]): SeriesFigures {
  const fcp = loads.flatMap((load) => (load.firstContentfulPaintMs === undefined ? [] : [load.firstContentfulPaintMs]));
  const startSpreads = loads.flatMap((load) => {
    const starts = load.statusChecks.map((check) => check.start);
    return starts.length === 0 ? [] : [Math.max(...starts) - Math.min(...starts)];
  });
  return {
    loads: loads.length,
    firstRender: spreadOf(loads.map((load) => load.firstRenderMs)),
    painted: spreadOf(loads.map((load) => load.paintedMs)),
    statuses: spreadOf(loads.map((load) => load.statusesMs)),
    firstContentfulPaint: fcp.length === 0 ? undefined : spreadOf(fcp),
    statusChecks: loads.map((load) => load.statusChecks.length),
    statusChecksInFlight: loads.map((load) => maxConcurrent(load.statusChecks)),
    statusChecksStartSpread: startSpreads.length === 0 ? undefined : spreadOf(startSpreads),
    tokenRequests: loads.reduce((sum, load) => sum + load.tokenRequests, 0),
    statusesAtFirstRender: tally(loads.flatMap((load) => load.statusesAtFirstRender)),
    settledStatuses: tally(loads.flatMap((load) => load.settledStatuses)),
  };
}

/** Returns the printed table of named series against the first-render budget, then a line on each series' statuses and status checks. */
export function formatSeries(series: Readonly<Record<string, SeriesFigures>>, budgetMs: number, orgCount: number): string[] {
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  const row = (name: string, spread: Spread | undefined, budget?: number): string => {
    if (spread === undefined) return `${name.padEnd(34)}${"-".padStart(9)}`;
    const cells = [spread.median, spread.p90, spread.min, spread.max].map((value) => ms(value).padStart(9)).join("");
    const verdict = budget === undefined ? "" : `${`≤ ${ms(budget)}`.padStart(11)}  ${spread.median <= budget ? "within budget" : "OVER BUDGET"}`;
    return `${name.padEnd(34)}${cells}${verdict}`;
  };
  const lines = [`${"".padEnd(34)}${["median", "p90", "min", "max"].map((head) => head.padStart(9)).join("")}${"budget".padStart(11)}`];
  for (const [name, figures] of Object.entries(series)) {
    lines.push(
      row(`${name}: first render`, figures.firstRender, budgetMs),
      row(`${name}: next frame painted`, figures.painted),
      row(`${name}: pane's first paint (spinner)`, figures.firstContentfulPaint),
      row(`${name}: statuses settled after render`, figures.statuses),
      row(`${name}: status checks start spread`, figures.statusChecksStartSpread),
    );
  }
  lines.push("");
  for (const [name, figures] of Object.entries(series)) {
    const together = figures.statusChecksInFlight.filter((count) => count >= orgCount).length;
    lines.push(
      `${name}: at first render ${describeTally(figures.statusesAtFirstRender)}; settled ${describeTally(figures.settledStatuses)}; ` +
        `status checks per load ${[...new Set(figures.statusChecks)].join("/")}, all ${orgCount} in flight together in ${together} of ${figures.loads} loads ` +
        `(most in flight per load: ${figures.statusChecksInFlight.join(" ")}); ${figures.tokenRequests} token requests`,
    );
  }
  return lines;
}

/** Returns "5× Connected, 1× Sign-in needed". */
export function describeTally(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([value, count]) => `${count}× ${value}`)
    .join(", ");
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
