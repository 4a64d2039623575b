/**
 * Shared by the benchmark and the demo: a local PostgreSQL and moto, one database user with
 * its secret, and the real rotation handler wired to them.
 */
import { randomBytes } from 'node:crypto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import { adapterFor } from '@credential-rotation/engine-adapters';
import { startMoto, startPostgres } from '@credential-rotation/test-services';
import type { DatabaseServer, MotoServer } from '@credential-rotation/test-services';
import { Client } from 'pg';
import { createRotationHandler, loadConfig, RotationDriver } from '../src';
import type { RotationHandler } from '../src';

export interface LocalStack {
  readonly postgres: DatabaseServer;
  readonly moto: MotoServer;
  readonly client: SecretsManagerClient;
  readonly handler: RotationHandler;
  readonly driver: RotationDriver;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (TLS, per-run CA) and moto, and builds the real handler for them.
 * `quiet` drops the handler's log lines and metrics (benchmark); otherwise they are printed.
 */
export async function startLocalStack(options: { quiet: boolean }): Promise<LocalStack> {
  if (options.quiet) process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const [postgres, moto] = await Promise.all([startPostgres(), startMoto()]);
  const client = moto.client();
  const config = loadConfig({
    SECRETS_MANAGER_ENDPOINT: moto.endpoint,
    POWERTOOLS_SERVICE_NAME: 'local-rotation',
  });
  const handler = createRotationHandler({
    adapterFor,
    config,
    secretsManager: client,
    connectOptions: { ca: postgres.caPem },
    ...(options.quiet ? { logger: new Logger({ logLevel: 'SILENT' }) } : {}),
  });
  return {
    postgres,
    moto,
    client,
    handler,
    driver: new RotationDriver({ client, handler }),
    stop: async () => {
      await Promise.allSettled([postgres.stop(), moto.stop()]);
    },
  };
}

/** Creates a login role with a random password and a single-user secret for it; returns the ARN. */
export async function createUserWithSecret(stack: LocalStack, username: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await asSuperuser(stack.postgres, async (client) => {
    await client.query(
      `CREATE ROLE ${client.escapeIdentifier(username)} LOGIN PASSWORD ${client.escapeLiteral(password)}`,
    );
  });
  const secret = {
    engine: 'postgres',
    host: stack.postgres.host,
    port: stack.postgres.port,
    username,
    password,
    dbname: 'postgres',
  };
  const output = await stack.client.send(
    new CreateSecretCommand({ Name: `demo/${username}`, SecretString: JSON.stringify(secret) }),
  );
  return output.ARN ?? `demo/${username}`;
}

/** Logs in with the given credentials over verified TLS and returns the server's idea of the user. */
export async function loginAs(postgres: DatabaseServer, username: string, password: string): Promise<string> {
  const client = new Client({
    host: postgres.host,
    port: postgres.port,
    user: username,
    password,
    database: 'postgres',
    ssl: { ca: postgres.caPem, rejectUnauthorized: true },
  });
  await client.connect();
  try {
    const result = await client.query<{ user: string }>('SELECT current_user AS user');
    return result.rows[0]?.user ?? '';
  } finally {
    await client.end();
  }
}

async function asSuperuser(postgres: DatabaseServer, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({
    host: postgres.host,
    port: postgres.port,
    user: postgres.superuser.username,
    password: postgres.superuser.password,
    database: 'postgres',
    ssl: { ca: postgres.caPem, rejectUnauthorized: true },
  });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
