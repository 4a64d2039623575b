import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { readTestServices } from '@credential-rotation/test-services';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import { createMySqlPool } from '../../../src/mysql-pool';
import { createPgPool } from '../../../src/pg-pool';
import type { RotationClientOptions } from '../../../src/types/options';
import type { RotationControl } from '../../../src/rotation-runtime';
import { LOCAL_AWS_CREDENTIALS } from '../../../scripts/load/load-client';

export type ServerName = 'postgres' | 'mariadb';

export function serverNamed(name: ServerName): DatabaseServerInfo {
  const services = readTestServices();
  return name === 'postgres' ? services.postgres : services.mariadb;
}

export function secretsManagerClient(): SecretsManagerClient {
  const { moto } = readTestServices();
  return new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: moto.region,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
}

export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** The SecretString for `username`/`password` on `server`. */
export function secretFor(
  server: DatabaseServerInfo,
  username: string,
  password: string,
  extra: object = {},
): string {
  return JSON.stringify({
    engine: server.engine === 'postgres' ? 'postgres' : 'mariadb',
    host: server.host,
    port: server.port,
    username,
    password,
    ...(server.engine === 'postgres' ? { dbname: 'postgres' } : {}),
    ...extra,
  });
}

export async function createSecret(client: SecretsManagerClient, secretString: string): Promise<string> {
  const output = await client.send(
    new CreateSecretCommand({ Name: uniqueName('it/db'), SecretString: secretString }),
  );
  return output.ARN!;
}

/** Writes a new version carrying `stage` (AWSCURRENT moves the label, as finishSecret would). */
export async function putVersion(
  client: SecretsManagerClient,
  secretId: string,
  secretString: string,
  stage: 'AWSCURRENT' | 'AWSPENDING',
): Promise<void> {
  await client.send(
    new PutSecretValueCommand({ SecretId: secretId, SecretString: secretString, VersionStages: [stage] }),
  );
}

/** One pool API for both engines: every `query` takes a NEW connection and destroys it afterwards. */
export interface PoolUnderTest {
  readonly rotation: RotationControl;
  /** Runs `sql` on a new connection; resolves the first row. */
  queryOnNewConnection(sql: string): Promise<Record<string, unknown>>;
  /** The user a new connection is logged in as. */
  currentUser(): Promise<string>;
  end(): Promise<void>;
}

export function createPoolUnderTest(
  name: ServerName,
  options: Omit<RotationClientOptions, 'ca'> & {
    readonly ca?: string | readonly string[];
    readonly maxConnections?: number;
  },
): PoolUnderTest {
  const server = serverNamed(name);
  const common = { ca: server.caPem, ...options };
  const max = options.maxConnections ?? 5;
  if (name === 'postgres') {
    const pool = createPgPool({ ...common, pool: { max } });
    pool.on('error', () => undefined);
    const queryOnNewConnection = async (sql: string) => {
      const client = await pool.connect();
      try {
        return (await client.query(sql)).rows[0] as Record<string, unknown>;
      } finally {
        client.release(true);
      }
    };
    return {
      rotation: pool.rotation,
      queryOnNewConnection,
      currentUser: async () => String((await queryOnNewConnection('SELECT current_user AS u')).u),
      end: () => pool.end(),
    };
  }
  const pool = createMySqlPool({ ...common, pool: { connectionLimit: max } });
  const queryOnNewConnection = async (sql: string) => {
    const connection = await pool.getConnection();
    try {
      const [rows] = await connection.query(sql);
      return (rows as Record<string, unknown>[])[0] as Record<string, unknown>;
    } finally {
      connection.destroy();
    }
  };
  return {
    rotation: pool.rotation,
    queryOnNewConnection,
    currentUser: async () =>
      String((await queryOnNewConnection("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AS u")).u),
    end: () => pool.end(),
  };
}
