import type {
  AuthFailureEvent,
  AuthRetryEvent,
  ConnectRetryEvent,
  RotationClientHooks,
  RotationClientStats,
  SecretRefreshEvent,
} from './types/hooks';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function safely<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // A failing metrics hook must never fail a connection.
  }
}

/** Counts a pool's rotation events and forwards them to the user's hooks. */
export class RotationMetrics {
  private readonly counts: Mutable<RotationClientStats> = {
    secretRefreshes: 0,
    secretRefreshFailures: 0,
    authRetries: 0,
    authFailures: 0,
    connectRetries: 0,
    connectionsOpened: 0,
  };

  constructor(private readonly hooks: RotationClientHooks = {}) {}

  secretRefresh(event: SecretRefreshEvent): void {
    this.counts.secretRefreshes += 1;
    if (event.outcome === 'failed') this.counts.secretRefreshFailures += 1;
    safely(this.hooks.onSecretRefresh, event);
  }

  authRetry(event: AuthRetryEvent): void {
    this.counts.authRetries += 1;
    safely(this.hooks.onAuthRetry, event);
  }

  authFailure(event: AuthFailureEvent): void {
    this.counts.authFailures += 1;
    safely(this.hooks.onAuthFailure, event);
  }

  connectRetry(event: ConnectRetryEvent): void {
    this.counts.connectRetries += 1;
    safely(this.hooks.onConnectRetry, event);
  }

  connectionOpened(): void {
    this.counts.connectionsOpened += 1;
  }

  /** A snapshot of the totals. */
  stats(): RotationClientStats {
    return { ...this.counts };
  }
}
