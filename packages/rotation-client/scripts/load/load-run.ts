import type { LoadClient } from './load-client';

export interface LoadRunProps {
  readonly clients: readonly LoadClient[];
  /** Concurrent loops per client. */
  readonly concurrency: number;
  /** The disturbance (rotations, restarts); load runs until it settles, plus `tailMs`. */
  readonly during: () => Promise<void>;
  /** Keep the load on this long after `during` settles, ms. @default 500 */
  readonly tailMs?: number;
  /** Safety bound on iterations per loop. @default 100000 */
  readonly maxIterationsPerLoop?: number;
}

export interface FailureRecord {
  /** ms since the run started */
  readonly at: number;
  readonly code: string;
}

export interface ClientResult {
  readonly name: string;
  readonly attempts: number;
  readonly failures: number;
  readonly retries: number;
  readonly secretReads: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failureLog: readonly FailureRecord[];
}

export interface LoadRunResult {
  readonly durationMs: number;
  /** The error `during` threw, if any (e.g. a rotation that failed during a restart). */
  readonly disturbanceError?: unknown;
  readonly results: readonly ClientResult[];
}

/** The value at quantile q (0..1) of ascending `sorted`, nearest rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}

/**
 * Runs `concurrency` loops per client, each opening a new connection and querying, while `during`
 * runs; counts attempts, failures and connect latency per client.
 */
export async function runLoad(props: LoadRunProps): Promise<LoadRunResult> {
  const started = performance.now();
  const maxIterations = props.maxIterationsPerLoop ?? 100_000;
  let stop = false;
  const tallies = props.clients.map(() => ({
    attempts: 0,
    latencies: [] as number[],
    failures: [] as FailureRecord[],
  }));

  const loops = props.clients.flatMap((client, index) =>
    Array.from({ length: props.concurrency }, async () => {
      const tally = tallies[index]!;
      for (let iteration = 0; !stop && iteration < maxIterations; iteration++) {
        tally.attempts += 1;
        try {
          tally.latencies.push(await client.connectAndQuery());
        } catch (error) {
          tally.failures.push({ at: Math.round(performance.now() - started), code: codeOf(error) });
          // A failed attempt must not spin: real clients would report and pause too.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    }),
  );

  let disturbanceError: unknown;
  try {
    await props.during();
  } catch (error) {
    disturbanceError = error;
  }
  await new Promise((resolve) => setTimeout(resolve, props.tailMs ?? 500));
  stop = true;
  await Promise.all(loops);

  return {
    durationMs: Math.round(performance.now() - started),
    ...(disturbanceError !== undefined ? { disturbanceError } : {}),
    results: props.clients.map((client, index) => {
      const tally = tallies[index]!;
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      return {
        name: client.name,
        attempts: tally.attempts,
        failures: tally.failures.length,
        retries: client.retries(),
        secretReads: client.secretReads(),
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        failureLog: tally.failures,
      };
    }),
  };
}
