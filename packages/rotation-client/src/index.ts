export { createPgPool, RotationAwarePgPool } from './pg-pool';
export type { PgPoolOptions, PgPassthroughOptions } from './pg-pool';
export { createMySqlPool } from './mysql-pool';
export type { MySqlPoolOptions, MySqlPassthroughOptions, RotationAwareMySqlPool } from './mysql-pool';
export { SecretCache } from './secret-cache';
export type { SecretCacheProps, CachedSecretValue, SecretCacheGetOptions } from './secret-cache';
export { CredentialProvider } from './credential-provider';
export type { CredentialProviderProps } from './credential-provider';
export { parseDatabaseSecret, engineFamily } from './secret-parser';
export { isAuthenticationFailure, isTransientConnectFailure } from './error-classification';
export { fullJitterDelay, RetryBudget } from './backoff';
export { redactText } from './redact';
export { tlsSettingsFor } from './tls';
export { SECRET_STAGES, ENGINES, DEFAULTS } from './constants';
export {
  RotationClientError,
  InvalidOptionError,
  SecretFormatError,
  EngineMismatchError,
  SecretFetchError,
  DatabaseConnectError,
  AuthenticationRetryExhaustedError,
} from './errors';
export type { RotationControl } from './rotation-runtime';
export type { RotationClientOptions } from './types/options';
export type {
  RotationClientHooks,
  RotationClientStats,
  SecretRefreshEvent,
  AuthRetryEvent,
  AuthFailureEvent,
  ConnectRetryEvent,
} from './types/hooks';
export type { DatabaseSecret, Engine, EngineFamily, SecretStage, ResolvedCredentials } from './types/secret';
