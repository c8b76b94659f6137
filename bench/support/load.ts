/** Latency figures of one measured phase. */
export interface LoadResult {
  /** Successful operations inside the measured window. */
  operations: number;
  errors: number;
  /** The first few error descriptions, for the report. */
  errorSamples: string[];
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadOptions {
  clients: number;
  warmUpMs: number;
  measureMs: number;
  /** Runs one operation for a client; resolves true on success, false (or throws) on failure. */
  operation: (client: number) => Promise<true | string>;
}

/**
 * Runs `clients` closed loops of `operation` for a warm-up, then for the measured window; returns
 * the throughput and latency percentiles of the operations that started inside the window.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + options.warmUpMs;
  const end = measureFrom + options.measureMs;
  const client = async (n: number): Promise<void> => {
    while (performance.now() < end) {
      const began = performance.now();
      let outcome: true | string;
      try {
        outcome = await options.operation(n);
      } catch (error) {
        outcome = (error as Error).message;
      }
      const finished = performance.now();
      if (began < measureFrom) continue;
      if (outcome === true) latencies.push(finished - began);
      else {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  const seconds = (performance.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    errors,
    errorSamples,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? 0,
  };
}

/** Returns the nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
