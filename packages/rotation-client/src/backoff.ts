export interface BackoffProps {
  /** Delay ceiling of the first retry, ms. */
  readonly baseMs: number;
  /** Largest delay, ms. */
  readonly capMs: number;
}

/**
 * Capped exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^retry)).
 * Full jitter spreads a reconnect storm instead of moving it.
 *
 * @example
 * fullJitterDelay(3, { baseMs: 50, capMs: 5000 }) // somewhere in [0, 400)
 */
export function fullJitterDelay(
  retry: number,
  props: BackoffProps,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(props.capMs, props.baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/**
 * A wall-clock allowance for retries. `delayFor` clamps a wanted delay to what is left and reports
 * exhaustion, so a caller never sleeps past its deadline.
 */
export class RetryBudget {
  readonly startedAt: number;
  private readonly deadline: number;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.deadline = this.startedAt + budgetMs;
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - this.now());
  }

  /** The delay to wait before the next attempt, or `undefined` when the budget is spent. */
  delayFor(wantedMs: number): number | undefined {
    const remaining = this.remainingMs();
    if (remaining <= 0) return undefined;
    return Math.min(wantedMs, remaining);
  }
}

/** Resolves after `ms`. The timer keeps the process alive: a caller is waiting for this connection. */
export function sleep(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
