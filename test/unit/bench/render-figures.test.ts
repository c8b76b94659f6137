import { formatSeries, seriesFigures, type LoadFigures } from "../../../bench/support/render-figures";

/** A load that rendered at `firstRenderMs` and sent its checks at the given starts (each 50 ms long). */
function load(firstRenderMs: number, starts: number[], settled = "Connected"): LoadFigures {
  return {
    firstRenderMs,
    paintedMs: firstRenderMs + 30,
    statusesMs: 200,
    statusesAtFirstRender: starts.map(() => "Connecting…"),
    settledStatuses: starts.map(() => settled),
    firstContentfulPaintMs: 100,
    statusChecks: starts.map((start) => ({ start, end: start + 50 })),
    tokenRequests: 0,
  };
}

test("a series: spreads of the times, the checks in flight per load, their start spread, statuses tallied", () => {
  const figures = seriesFigures([load(450, [600, 601, 602, 603, 604]), load(480, [700, 710, 760, 770, 780], "Sign-in needed"), load(520, [800, 801, 802, 803, 804])]);
  expect(figures).toMatchObject({
    loads: 3,
    firstRender: { median: 480, min: 450, max: 520 },
    painted: { median: 510 },
    statusChecks: [5, 5, 5],
    statusChecksInFlight: [5, 3, 5],
    statusChecksStartSpread: { median: 4, max: 80 },
    settledStatuses: { Connected: 10, "Sign-in needed": 5 },
    statusesAtFirstRender: { "Connecting…": 15 },
  });
});

test("a load without status checks (every org needs sign-in) has no start spread", () => {
  expect(seriesFigures([load(400, [])]).statusChecksStartSpread).toBeUndefined();
});

test("the table judges the median against the budget and says in how many loads all orgs were checked together", () => {
  const within = seriesFigures([load(450, [1, 2, 3, 4, 5]), load(490, [1, 2, 3, 4, 5])]);
  const over = seriesFigures([load(450, [0, 100, 200, 300, 400]), load(700, [1, 2, 3, 4, 5]), load(900, [1, 2, 3, 4, 5])]);
  const lines = formatSeries({ cold: over, warm: within }, 500, 5);
  expect(lines.find((line) => line.startsWith("cold: first render"))).toMatch(/700 ms .*≤ 500 ms\s+OVER BUDGET$/);
  expect(lines.find((line) => line.startsWith("warm: first render"))).toMatch(/470 ms .*within budget$/);
  expect(lines.find((line) => line.startsWith("cold: next frame"))).not.toMatch(/budget/i);
  expect(lines.find((line) => line.startsWith("cold: at first render"))).toContain("all 5 in flight together in 2 of 3 loads (most in flight per load: 1 5 5)");
});
