import { fullJitterDelay, RetryBudget, sleep } from './backoff';
import { DEFAULTS } from './constants';
import { AuthenticationRetryExhaustedError, DatabaseConnectError } from './errors';
import {
  errorCodeOf,
  isAuthenticationFailure,
  isRetryableSecretFetchFailure,
  isTransientConnectFailure,
} from './error-classification';
import { usedCredentialsOf } from './connect-failure';
import type { CredentialProvider } from './credential-provider';
import type { RotationMetrics } from './rotation-metrics';
import type { EngineFamily } from './types/secret';

export interface RetryPolicy {
  /** @default 90000 */
  readonly retryBudgetMs?: number;
  /** @default 50 */
  readonly backoffBaseMs?: number;
  /** @default 5000 */
  readonly backoffCapMs?: number;
  /** @default 0 */
  readonly transientRetryBudgetMs?: number;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ConnectWithRetryContext {
  readonly family: EngineFamily;
  readonly provider: CredentialProvider;
  readonly metrics: RotationMetrics;
  readonly policy: RetryPolicy;
}

/**
 * Runs `attempt` (open one connection) until it succeeds, retrying:
 * - authentication failures: recover the secret (AWSCURRENT, then AWSPENDING), back off with full
 *   jitter, within `retryBudgetMs`;
 * - Secrets Manager throttling or unavailability with nothing cached: back off, within
 *   `retryBudgetMs` (the SDK has already retried; a missing secret or a denied read is final);
 * - transient connect failures: back off only (the secret is not the problem), within
 *   `transientRetryBudgetMs`.
 * Anything else is rethrown at once.
 */
export async function connectWithRetry<T>(
  attempt: () => Promise<T>,
  context: ConnectWithRetryContext,
): Promise<T> {
  const { family, provider, metrics, policy } = context;
  const now = policy.now ?? Date.now;
  const wait = policy.sleep ?? sleep;
  const backoff = {
    baseMs: policy.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
    capMs: policy.backoffCapMs ?? DEFAULTS.backoffCapMs,
  };
  const authBudget = new RetryBudget(policy.retryBudgetMs ?? DEFAULTS.retryBudgetMs, now);
  const transientBudget = new RetryBudget(
    policy.transientRetryBudgetMs ?? DEFAULTS.transientRetryBudgetMs,
    now,
  );
  let authRetries = 0;
  let transientRetries = 0;
  let secretRetries = 0;

  for (;;) {
    try {
      const connection = await attempt();
      metrics.connectionOpened();
      return connection;
    } catch (error) {
      const code = errorCodeOf(error);
      if (isAuthenticationFailure(family, error)) {
        const failed = usedCredentialsOf(error);
        if (failed !== undefined) {
          try {
            await provider.recover(failed);
          } catch {
            // Secrets Manager unavailable and nothing cached: back off and try again within budget.
          }
        }
        const delayMs = authBudget.delayFor(fullJitterDelay(authRetries, backoff, policy.random));
        if (delayMs === undefined) {
          const attempts = authRetries + 1;
          const elapsedMs = authBudget.elapsedMs();
          metrics.authFailure({ secretId: provider.secretId, family, attempts, elapsedMs, code });
          if (error instanceof DatabaseConnectError) {
            throw new AuthenticationRetryExhaustedError(provider.secretId, attempts, elapsedMs, error);
          }
          throw error;
        }
        authRetries += 1;
        metrics.authRetry({
          secretId: provider.secretId,
          family,
          attempt: authRetries,
          delayMs,
          failedStage: failed?.stage ?? 'AWSCURRENT',
          code,
        });
        await wait(delayMs);
        continue;
      }
      if (isRetryableSecretFetchFailure(error)) {
        const delayMs = authBudget.delayFor(fullJitterDelay(secretRetries, backoff, policy.random));
        if (delayMs === undefined) throw error;
        secretRetries += 1;
        await wait(delayMs);
        continue;
      }
      if (isTransientConnectFailure(family, error)) {
        const delayMs = transientBudget.delayFor(fullJitterDelay(transientRetries, backoff, policy.random));
        if (delayMs === undefined) throw error;
        transientRetries += 1;
        metrics.connectRetry({
          secretId: provider.secretId,
          family,
          attempt: transientRetries,
          delayMs,
          code,
        });
        await wait(delayMs);
        continue;
      }
      throw error;
    }
  }
}
