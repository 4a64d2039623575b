import mysql from 'mysql2';
import type { Pool as PromisePool, PoolOptions } from 'mysql2/promise';
import { connectWithRetry } from './connect-with-retry';
import { wrapConnectError } from './connect-failure';
import { DEFAULTS } from './constants';
import { RotationClientError } from './errors';
import { createRotationRuntime } from './rotation-runtime';
import type { RotationControl } from './rotation-runtime';
import { tlsSettingsFor } from './tls';
import type { VerifiedTlsSettings } from './tls';
import type { RotationClientOptions } from './types/options';
import type { DatabaseSecret, ResolvedCredentials } from './types/secret';
import { refuseSecretOwnedOptions, validateRotationClientOptions } from './validate-options';

/** mysql2 pool options the secret owns; passing them is refused. */
const SECRET_OWNED = [
  'user',
  'password',
  'password1',
  'password2',
  'password3',
  'passwordSha1',
  'host',
  'port',
  'database',
  'uri',
  'ssl',
  'socketPath',
] as const;

/** Driver options passed through to the mysql2 pool (everything but who/where/TLS). */
export type MySqlPassthroughOptions = Omit<PoolOptions, (typeof SECRET_OWNED)[number]>;

export interface MySqlPoolOptions extends RotationClientOptions {
  /**
   * Options for the mysql2 pool (connectionLimit, maxIdle, idleTimeout, queueLimit, connectTimeout...).
   * @default - mysql2's defaults, with connectTimeout 10000
   */
  readonly pool?: MySqlPassthroughOptions;
}

/** A mysql2 promise pool (`mysql2/promise` API, unchanged) with `rotation` counters. */
export type RotationAwareMySqlPool = PromisePool & { readonly rotation: RotationControl };

type CoreConnectCallback = (error: NodeJS.ErrnoException | null, connection?: unknown) => void;

/** The seams of mysql2's core pool this module uses (mysql2 3.x: every new connection's config comes from `_createConnectionConfig`). */
interface CorePoolInternals {
  getConnection(callback: CoreConnectCallback): void;
  _createConnectionConfig(): Record<string, unknown>;
  end(callback?: (error: unknown) => void): void;
  promise(): PromisePool;
}

function setHidden(target: object, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/**
 * Creates a mysql2 promise pool that reads its credentials from a Secrets Manager secret and keeps
 * connecting through password rotation (single-user and alternating-users).
 *
 * How: mysql2's pool copies one connection config for every new connection (`_createConnectionConfig`).
 * This pool resolves the secret (cached) before each `getConnection`, then hands that copy the resolved
 * user, password, host, port, database and TLS settings, so a new connection always logs in as the user
 * the secret names now. `getConnection` is wrapped with the retry policy; mysql2's `query`/`execute`
 * call it too. Both overrides are set on the pool instance, because mysql2's package exports do not
 * expose its pool config class to subclass with.
 *
 * @example
 * const pool = createMySqlPool({ secretId: 'prod/orders/db', pool: { connectionLimit: 10 } });
 * const [rows] = await pool.query('SELECT NOW()');
 */
export function createMySqlPool(options: MySqlPoolOptions): RotationAwareMySqlPool {
  validateRotationClientOptions(options);
  refuseSecretOwnedOptions('pool', options.pool, SECRET_OWNED);
  const runtime = createRotationRuntime(options, 'mysql');
  const { provider } = runtime.retryContext;
  const core = mysql.createPool({
    connectTimeout: DEFAULTS.connectTimeoutMs,
    ...options.pool,
  }) as unknown as CorePoolInternals;
  if (typeof core._createConnectionConfig !== 'function') {
    throw new RotationClientError(
      'This mysql2 version has no per-connection config copy; pin mysql2 3.24 or later',
    );
  }

  const baseGetConnection = core.getConnection.bind(core);
  const baseCreateConfig = core._createConnectionConfig.bind(core);
  const baseEnd = core.end.bind(core);
  // One object per pool: mysql2 caches the parsed CA bundle per ssl object.
  let verifiedTls: object | undefined;
  const tlsFor = (secret: DatabaseSecret): object | false => {
    if (secret.ssl === false) return false;
    // verifyIdentity: mysql2 checks the certificate chain only unless asked to check the host name too.
    verifiedTls ??= { ...(tlsSettingsFor(secret, options.ca) as VerifiedTlsSettings), verifyIdentity: true };
    return verifiedTls;
  };

  // Set synchronously right before the base getConnection runs, read synchronously by the config copy.
  let credentialsForNewConnection: ResolvedCredentials | undefined;
  let newConnections = 0;

  core._createConnectionConfig = () => {
    const config = baseCreateConfig();
    const credentials = credentialsForNewConnection;
    if (credentials === undefined) {
      throw new RotationClientError('A connection was requested outside getConnection; use the pool API');
    }
    newConnections += 1;
    const { secret } = credentials;
    config.user = secret.username;
    config.host = secret.host;
    config.port = secret.port;
    config.database = secret.dbname;
    config.ssl = tlsFor(secret);
    setHidden(config, 'password', secret.password);
    return config;
  };

  const attempt = async (): Promise<unknown> => {
    const credentials = await provider.resolve();
    return new Promise((resolve, reject) => {
      const before = newConnections;
      let createdNew = false;
      credentialsForNewConnection = credentials;
      try {
        baseGetConnection((error, connection) => {
          if (error === null || error === undefined) return resolve(connection);
          // Only errors of a connection opened with `credentials` are connect failures of ours.
          reject(createdNew ? wrapConnectError('mysql', credentials, error) : error);
        });
      } finally {
        credentialsForNewConnection = undefined;
        createdNew = newConnections > before;
      }
    });
  };

  core.getConnection = (callback: CoreConnectCallback) => {
    connectWithRetry(attempt, runtime.retryContext).then(
      (connection) => callback(null, connection),
      (error: NodeJS.ErrnoException) => callback(error),
    );
  };

  core.end = (callback?: (error: unknown) => void) => {
    runtime.detach();
    baseEnd(callback);
  };

  const promisePool = core.promise();
  Object.defineProperty(promisePool, 'rotation', { value: runtime.control, enumerable: false });
  return promisePool as RotationAwareMySqlPool;
}
