import { percentile } from "./load";

/** The spread of repeated measurements, in their unit (milliseconds here). */
export interface Spread {
  count: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Returns the median (mean of the two middle values for an even count), nearest-rank p90, min and max. Throws an Error for no values. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("No measurements to summarize.");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { count: sorted.length, median, p90: percentile(sorted, 0.9), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

/** A request's time on the wire, as Resource Timing gives it (start, response end). */
export interface Interval {
  start: number;
  end: number;
}

/** Returns the most intervals that were open at one instant (one that ends when another starts does not overlap it); 0 for none. */
export function maxConcurrent(intervals: readonly Interval[]): number {
  const events = intervals.flatMap((interval) => [
    { at: interval.start, change: 1 },
    { at: interval.end, change: -1 },
  ]);
  // At equal times, ends come first.
  events.sort((a, b) => a.at - b.at || a.change - b.change);
  let open = 0;
  let most = 0;
  for (const event of events) {
    open += event.change;
    most = Math.max(most, open);
  }
  return most;
}
