import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CredentialProvider } from './credential-provider';
import { RotationMetrics } from './rotation-metrics';
import { SecretCache } from './secret-cache';
import type { ConnectWithRetryContext } from './connect-with-retry';
import type { RotationClientStats } from './types/hooks';
import type { RotationClientOptions } from './types/options';
import type { EngineFamily } from './types/secret';

/** What a rotation-aware pool exposes about itself, as `pool.rotation`. */
export interface RotationControl {
  /** The secret this pool logs in with. */
  readonly secretId: string;
  /** Running totals of refreshes, retries and failures. */
  stats(): RotationClientStats;
  /** Forgets cached versions of this secret, so the next new connection re-reads it. */
  invalidate(): void;
}

/** The pieces a pool factory wires together; one per pool. */
export interface RotationRuntime {
  readonly control: RotationControl;
  readonly retryContext: ConnectWithRetryContext;
  /** Stops listening to the (possibly shared) cache; call when the pool ends. */
  readonly detach: () => void;
}

export function createRotationRuntime(options: RotationClientOptions, family: EngineFamily): RotationRuntime {
  const cache =
    options.cache ??
    new SecretCache({
      client:
        options.client ??
        new SecretsManagerClient({
          ...(options.region !== undefined ? { region: options.region } : {}),
          ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
        }),
      ...(options.cacheTtlMs !== undefined ? { ttlMs: options.cacheTtlMs } : {}),
    });
  const metrics = new RotationMetrics(options.hooks);
  const detach = cache.subscribe((event) => {
    if (event.secretId === options.secretId) metrics.secretRefresh(event);
  });
  const provider = new CredentialProvider({
    secretId: options.secretId,
    family,
    cache,
    ...(options.minRefreshIntervalMs !== undefined
      ? { minRefreshIntervalMs: options.minRefreshIntervalMs }
      : {}),
    ...(options.usePendingStage !== undefined ? { usePendingStage: options.usePendingStage } : {}),
  });
  return {
    control: {
      secretId: options.secretId,
      stats: () => metrics.stats(),
      invalidate: () => cache.invalidate(options.secretId),
    },
    retryContext: {
      family,
      provider,
      metrics,
      policy: {
        ...(options.retryBudgetMs !== undefined ? { retryBudgetMs: options.retryBudgetMs } : {}),
        ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
        ...(options.backoffCapMs !== undefined ? { backoffCapMs: options.backoffCapMs } : {}),
        ...(options.transientRetryBudgetMs !== undefined
          ? { transientRetryBudgetMs: options.transientRetryBudgetMs }
          : {}),
      },
    },
    detach,
  };
}
