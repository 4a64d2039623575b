import pg from 'pg';
import { connectWithRetry } from './connect-with-retry';
import { wrapConnectError } from './connect-failure';
import { DEFAULTS } from './constants';
import type { CredentialProvider } from './credential-provider';
import { RotationClientError } from './errors';
import { createRotationRuntime } from './rotation-runtime';
import type { RotationControl, RotationRuntime } from './rotation-runtime';
import { tlsSettingsFor } from './tls';
import type { RotationClientOptions } from './types/options';
import type { ResolvedCredentials } from './types/secret';
import { refuseSecretOwnedOptions, validateRotationClientOptions } from './validate-options';

/** pg pool options the secret owns; passing them is refused. */
const SECRET_OWNED = [
  'user',
  'password',
  'host',
  'port',
  'database',
  'connectionString',
  'ssl',
  'Client',
] as const;

/** Driver options passed through to `pg.Pool` (everything but who/where/TLS, which come from the secret). */
export type PgPassthroughOptions = Omit<pg.PoolConfig, (typeof SECRET_OWNED)[number]>;

export interface PgPoolOptions extends RotationClientOptions {
  /**
   * Options for `pg.Pool` (max, idleTimeoutMillis, connectionTimeoutMillis, statement_timeout...).
   * `connectionTimeoutMillis` also bounds the secret read of a new connection.
   * @default - pg's defaults, with connectionTimeoutMillis 10000
   */
  readonly pool?: PgPassthroughOptions;
}

/** The fields of pg.Client that decide who, where and how a connection logs in, read at connect time. */
interface PgClientInternals {
  user?: string;
  password?: string;
  host: string;
  port: number;
  database?: string;
  ssl: unknown;
  connection: { ssl?: unknown };
  connectionParameters: {
    user?: string;
    password?: string;
    host: string;
    port: number;
    database?: string;
    ssl?: unknown;
  };
}

function setHidden(target: object, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

/**
 * Points a constructed, not yet connected pg.Client at the resolved credentials. pg reads these fields
 * when `connect()` runs (startup message, password message, TLS upgrade), so setting them before
 * `super.connect()` is enough; the password stays non-enumerable, as pg itself keeps it.
 */
function applyCredentials(
  client: pg.Client,
  credentials: ResolvedCredentials,
  ca?: string | readonly string[],
): void {
  const internals = client as unknown as PgClientInternals;
  if (typeof internals.connection !== 'object' || !('ssl' in internals.connection)) {
    throw new RotationClientError('This pg version does not expose Client.connection.ssl; pin pg 8.x');
  }
  const { secret } = credentials;
  const database = secret.dbname ?? 'postgres';
  const tls = tlsSettingsFor(secret, ca);
  for (const target of [internals, internals.connectionParameters]) {
    target.user = secret.username;
    target.host = secret.host;
    target.port = secret.port;
    target.database = database;
    target.ssl = tls;
    setHidden(target, 'password', secret.password);
  }
  internals.connection.ssl = tls;
}

/**
 * Why a Client subclass: pg.Pool builds each connection with `new Client(poolOptions)` and pg takes
 * the user only as a string, fixed at construction. A per-pool subclass resolves the secret (cached)
 * inside `connect()` instead, so every NEW connection logs in as whatever user and password the
 * secret names right now: alternating-users rotation switches `app` <-> `app_clone` without a new pool.
 * Connect errors are wrapped (password scrubbed) and remember which secret version failed.
 */
function rotatingClientClass(
  provider: CredentialProvider,
  ca?: string | readonly string[],
): typeof pg.Client {
  class RotatingPgClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      const connecting = this.connectWithSecret();
      if (callback === undefined) return connecting;
      connecting.then(
        (client) => callback(null, client),
        (error: Error) => callback(error),
      );
    }

    private async connectWithSecret(): Promise<pg.Client> {
      const credentials = await provider.resolve();
      const stream = (this as unknown as { connection: { stream?: { destroyed?: boolean } } }).connection
        .stream;
      if (stream?.destroyed === true) {
        // pg-pool's connectionTimeoutMillis fired while the secret was being read.
        throw new Error('Connection terminated due to connection timeout (while reading the secret)');
      }
      applyCredentials(this, credentials, ca);
      try {
        await super.connect();
      } catch (error) {
        throw wrapConnectError('postgres', credentials, error);
      }
      return this;
    }
  }
  return RotatingPgClient;
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A real `pg.Pool` whose new connections log in with the secret and survive rotation.
 * `pool.query`, `pool.connect` and events behave as in pg; `pool.rotation` adds counters.
 */
export class RotationAwarePgPool extends pg.Pool {
  /** Counters and cache control for this pool's secret. */
  readonly rotation: RotationControl;
  private readonly runtime: RotationRuntime;

  constructor(options: PgPoolOptions) {
    validateRotationClientOptions(options);
    refuseSecretOwnedOptions('pool', options.pool, SECRET_OWNED);
    const runtime = createRotationRuntime(options, 'postgres');
    super({
      connectionTimeoutMillis: DEFAULTS.connectTimeoutMs,
      ...options.pool,
      Client: rotatingClientClass(
        runtime.retryContext.provider,
        options.ca,
      ) as unknown as pg.PoolConfig['Client'],
    });
    this.runtime = runtime;
    this.rotation = runtime.control;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    // pg-pool's own query() calls this.connect(callback), so queries get the same retries.
    const connecting = connectWithRetry(
      () =>
        new Promise<pg.PoolClient>((resolve, reject) => {
          super.connect((error, client) =>
            error !== undefined && error !== null ? reject(error) : resolve(client!),
          );
        }),
      this.runtime.retryContext,
    );
    if (callback === undefined) return connecting;
    connecting.then(
      (client) =>
        callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    this.runtime.detach();
    if (callback === undefined) return super.end();
    super.end(callback);
  }
}

/**
 * Creates a `pg.Pool` that reads its credentials from a Secrets Manager secret and keeps connecting
 * through password rotation (single-user and alternating-users).
 *
 * @example
 * const pool = createPgPool({ secretId: 'prod/orders/db', pool: { max: 10 } });
 * const { rows } = await pool.query('SELECT now()');
 */
export function createPgPool(options: PgPoolOptions): RotationAwarePgPool {
  return new RotationAwarePgPool(options);
}
