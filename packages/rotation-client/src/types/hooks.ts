import type { EngineFamily, SecretStage } from './secret';

/** One GetSecretValue call. Carries no secret value. */
export interface SecretRefreshEvent {
  readonly secretId: string;
  readonly stage: SecretStage;
  /** `changed`: a new version id; `unchanged`: same version; `absent`: no version has this stage; `failed`: the call threw. */
  readonly outcome: 'changed' | 'unchanged' | 'absent' | 'failed';
  readonly durationMs: number;
  /** The error name when `outcome` is `failed` (e.g. `ThrottlingException`). */
  readonly errorName?: string;
}

/** A connection attempt was refused for its credentials and will be tried again. */
export interface AuthRetryEvent {
  readonly secretId: string;
  readonly family: EngineFamily;
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  /** Stage of the credentials that were refused. */
  readonly failedStage: SecretStage;
  /** The driver's error code (e.g. `28P01`, `ER_ACCESS_DENIED_ERROR`). */
  readonly code: string;
}

/** The retry budget ran out: the caller gets an `AuthenticationRetryExhaustedError`. */
export interface AuthFailureEvent {
  readonly secretId: string;
  readonly family: EngineFamily;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly code: string;
}

/** A connect-phase network/server-availability error will be tried again (only with `transientRetryBudgetMs` > 0). */
export interface ConnectRetryEvent {
  readonly secretId: string;
  readonly family: EngineFamily;
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: string;
}

/**
 * Callbacks for metrics. They receive counts and codes, never a secret value. A hook that throws
 * is ignored: metrics must not break connections.
 */
export interface RotationClientHooks {
  readonly onSecretRefresh?: (event: SecretRefreshEvent) => void;
  readonly onAuthRetry?: (event: AuthRetryEvent) => void;
  readonly onAuthFailure?: (event: AuthFailureEvent) => void;
  readonly onConnectRetry?: (event: ConnectRetryEvent) => void;
}

/** Running totals for one pool, e.g. for a metrics exporter or a benchmark. */
export interface RotationClientStats {
  /** GetSecretValue calls made for this pool's secret (every stage). */
  readonly secretRefreshes: number;
  /** GetSecretValue calls that failed (throttling, network). */
  readonly secretRefreshFailures: number;
  /** Connection attempts retried after an authentication failure. */
  readonly authRetries: number;
  /** Connections given up after the retry budget ran out. */
  readonly authFailures: number;
  /** Connection attempts retried after a transient connect error. */
  readonly connectRetries: number;
  /** Connections opened by this pool. */
  readonly connectionsOpened: number;
}
