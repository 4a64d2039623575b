import {
  CLONE_SUFFIX,
  DEFAULT_TIMEOUTS_MS,
  MAX_USERNAME_LENGTH_BY_ENGINE,
  USERNAME_LENGTH_UNIT,
} from './constants';
import { InvalidCredentialsError, UnsupportedEngineError, UnsupportedUsernameError } from './errors';
import {
  ENGINES,
  type ConnectOptions,
  type DatabaseCredentials,
  type Engine,
  type EngineFamily,
} from './types/adapter';

/** The driver family behind an engine; throws UnsupportedEngineError for anything else. */
export function familyOf(engine: string): EngineFamily {
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UnsupportedEngineError(engine);
  return engine === 'postgres' || engine === 'aurora-postgresql' ? 'postgres' : 'mysql';
}

/**
 * Longest user name `engine` accepts, in the unit its family counts (PostgreSQL bytes, MySQL
 * characters): 63 for PostgreSQL, 32 for MySQL and Aurora MySQL, 80 for MariaDB. A family
 * name gives the family's floor (`mysql` -> 32).
 *
 * @example
 * maxUsernameLength('mariadb'); // 80
 */
export function maxUsernameLength(engine: Engine | EngineFamily): number {
  return MAX_USERNAME_LENGTH_BY_ENGINE[engine];
}

/** Length of a user name in the unit its engine family counts. */
export function usernameLength(family: EngineFamily, username: string): number {
  return family === 'postgres' ? Buffer.byteLength(username, 'utf8') : [...username].length;
}

/**
 * Throws UnsupportedUsernameError when the name cannot be used as is: empty, holds a NUL, or
 * longer than the engine's limit (a family name: the family's floor, see maxUsernameLength). Pass `{ withCloneSuffix: true }` for the base name of an
 * alternating-users pair, so that `<name>_clone` is checked too. Runs before any connection.
 *
 * @example
 * assertUsableUsername('postgres', 'app', { field: 'secret.username', withCloneSuffix: true });
 */
export function assertUsableUsername(
  engine: Engine | EngineFamily,
  username: string,
  options: { readonly field?: string; readonly withCloneSuffix?: boolean } = {},
): void {
  const field = options.field ?? 'username';
  if (typeof username !== 'string' || username.length === 0) {
    throw new UnsupportedUsernameError(field, 'must be a non-empty string');
  }
  if (username.includes('\0')) throw new UnsupportedUsernameError(field, 'must not contain a NUL character');
  const family = familyOf(engine);
  const limit = maxUsernameLength(engine);
  const unit = USERNAME_LENGTH_UNIT[family];
  const length = usernameLength(family, username);
  if (length > limit) {
    throw new UnsupportedUsernameError(field, `is ${length} ${unit} long; ${engine} allows at most ${limit}`);
  }
  if (options.withCloneSuffix === true && !username.endsWith(CLONE_SUFFIX)) {
    const cloneLength = usernameLength(family, `${username}${CLONE_SUFFIX}`);
    if (cloneLength > limit) {
      throw new UnsupportedUsernameError(
        field,
        `with the "${CLONE_SUFFIX}" suffix of the alternating-users strategy it is ${cloneLength} ${unit} long; ` +
          `${engine} allows at most ${limit}, so shorten the user name to ${limit - usernameLength(family, CLONE_SUFFIX)} ${unit}`,
      );
    }
  }
}

/**
 * The other user of an alternating-users pair: `app` -> `app_clone`, `app_clone` -> `app`
 * (the convention of the AWS multi-user rotation functions).
 */
export function alternateUsername(username: string): string {
  return username.endsWith(CLONE_SUFFIX) && username.length > CLONE_SUFFIX.length
    ? username.slice(0, -CLONE_SUFFIX.length)
    : `${username}${CLONE_SUFFIX}`;
}

/** Checks credentials before connecting; every message names the field, never a password. */
export function assertValidCredentials(family: EngineFamily, credentials: DatabaseCredentials): void {
  if (credentials === null || typeof credentials !== 'object') {
    throw new InvalidCredentialsError('credentials', 'must be an object');
  }
  const engineFamily = familyOf(credentials.engine);
  if (engineFamily !== family) {
    throw new InvalidCredentialsError(
      'credentials.engine',
      `${credentials.engine} belongs to the ${engineFamily} family, not ${family}: use adapterFor(engine)`,
    );
  }
  if (typeof credentials.host !== 'string' || credentials.host.trim().length === 0) {
    throw new InvalidCredentialsError('credentials.host', 'must be a non-empty host name or IP address');
  }
  if (!Number.isInteger(credentials.port) || credentials.port < 1 || credentials.port > 65_535) {
    throw new InvalidCredentialsError('credentials.port', 'must be an integer from 1 to 65535');
  }
  assertUsableUsername(credentials.engine, credentials.username, { field: 'credentials.username' });
  assertUsablePassword(credentials.password, 'credentials.password');
  if (
    credentials.dbname !== undefined &&
    (typeof credentials.dbname !== 'string' || credentials.dbname.includes('\0'))
  ) {
    throw new InvalidCredentialsError('credentials.dbname', 'must be a string without NUL characters');
  }
  if (credentials.ssl !== undefined && typeof credentials.ssl !== 'boolean') {
    throw new InvalidCredentialsError(
      'credentials.ssl',
      'must be true or false (JSON boolean, not a string)',
    );
  }
}

/** A password must be a non-empty string without NUL (the wire protocols cannot carry one). */
export function assertUsablePassword(password: unknown, field: string): asserts password is string {
  if (typeof password !== 'string' || password.length === 0) {
    throw new InvalidCredentialsError(field, 'must be a non-empty string');
  }
  if (password.includes('\0')) throw new InvalidCredentialsError(field, 'must not contain a NUL character');
}

/** Connect options with defaults applied and bounds checked. */
export interface ResolvedConnectOptions {
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly ca: string | readonly string[] | undefined;
}

export function resolveConnectOptions(options: ConnectOptions = {}): ResolvedConnectOptions {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_TIMEOUTS_MS.connect;
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_TIMEOUTS_MS.statement;
  for (const [field, value] of [
    ['options.connectTimeoutMs', connectTimeoutMs],
    ['options.statementTimeoutMs', statementTimeoutMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 600_000) {
      throw new InvalidCredentialsError(
        field,
        `must be an integer number of milliseconds from 1 to 600000 (got ${value})`,
      );
    }
  }
  return { connectTimeoutMs, statementTimeoutMs, ca: options.ca };
}

/** Identifiers (role, database, table names) must be non-empty and free of NUL. */
export function assertUsableIdentifier(identifier: string): void {
  if (typeof identifier !== 'string' || identifier.length === 0 || identifier.includes('\0')) {
    throw new InvalidCredentialsError('identifier', 'must be a non-empty string without NUL characters');
  }
}
