// Only modules that load no driver: pg and mysql2 are required by adapterFor's adapters on
// first use (see adapter-for.ts). Re-exporting PostgresAdapter, MySqlAdapter or the grant
// rewriter here would load both drivers with the package.
export { ENGINES } from './types/adapter';
export type {
  ConnectOptions,
  DatabaseCredentials,
  DatabaseSession,
  Engine,
  EngineAdapter,
  EngineFamily,
} from './types/adapter';
export { adapterFor } from './adapter-for';
export { scramSha256Verifier, saslPrepPassword } from './postgres/scram-verifier';
export type { ScramVerifierOptions } from './postgres/scram-verifier';
export {
  alternateUsername,
  assertUsableUsername,
  familyOf,
  maxUsernameLength,
  usernameLength,
} from './validation';
export { isConcurrentUpdateError } from './driver-errors';
export { rdsCaBundle } from './tls';
export {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  DatabaseConnectionError,
  DatabaseStatementError,
  DriverErrorSummary,
  EngineAdapterError,
  GrantRewriteError,
  HostUnreachableError,
  InvalidCredentialsError,
  TlsVerificationError,
  UnsupportedEngineError,
  UnsupportedUsernameError,
  UserNotFoundError,
} from './errors';
export type { ConnectionTarget } from './errors';
export {
  AUTHENTICATION_FAILURE_CODES,
  CLONE_SUFFIX,
  CONNECTION_FAILURE_REASONS,
  DEFAULT_TIMEOUTS_MS,
  MAX_USERNAME_LENGTH,
  MAX_USERNAME_LENGTH_BY_ENGINE,
  STATEMENT_FAILURE_REASONS,
} from './constants';
export type { ConnectionFailureReason, StatementFailureReason } from './constants';
