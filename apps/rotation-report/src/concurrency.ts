/** A function that runs `work` when one of `limit` slots is free. */
export type Limiter = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Bounds how many calls are in flight: AWS throttles per account and region, and a 2-core
 * runner gains nothing from thousands of open sockets.
 *
 * @example const limit = createLimiter(8); await Promise.all(ids.map((id) => limit(() => describe(id))));
 */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A freed slot passes straight to the next waiter, so a new caller cannot slip in between.
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active -= 1;
    else next();
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await work();
    } finally {
      release();
    }
  };
}

/** Maps with at most `limit` items in flight, keeping the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const run = createLimiter(limit);
  return Promise.all(items.map((item, index) => run(() => work(item, index))));
}
