import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { parseDatabaseSecret } from '../../src/secret-parser';
import { LOCAL_AWS_CREDENTIALS } from './load-client';
import type { LoadClient, LoadClientProps } from './load-client';

/**
 * The control: what the seed design proposed. Reads AWSCURRENT on every connection, no cache,
 * no retry. It shows the single-user window in which AWSCURRENT no longer logs in.
 */
export function createNaiveClient(props: LoadClientProps): LoadClient {
  const secretsManager = new SecretsManagerClient({
    endpoint: props.endpoint,
    region: props.region,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  let reads = 0;
  const readCurrent = async () => {
    reads += 1;
    // VersionStage explicitly: on AWS it is the default, but moto 5.2 answers a call without it with
    // the last version written by PutSecretValue/CreateSecret, not the one UpdateSecretVersionStage
    // made AWSCURRENT (finishSecret), so a naive client would read stale passwords forever.
    const output = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: props.secretId, VersionStage: 'AWSCURRENT' }),
    );
    return parseDatabaseSecret(props.secretId, output.SecretString ?? '');
  };
  const ssl = { ca: props.caPem, rejectUnauthorized: true };

  return {
    name: 'naive',
    family: props.family,
    async connectAndQuery() {
      const started = performance.now();
      const secret = await readCurrent();
      if (props.family === 'postgres') {
        const client = new pg.Client({
          host: secret.host,
          port: secret.port,
          user: secret.username,
          password: secret.password,
          database: secret.dbname ?? 'postgres',
          ssl: secret.ssl === false ? false : ssl,
          connectionTimeoutMillis: 10_000,
        });
        try {
          await client.connect();
          const connectMs = performance.now() - started;
          await client.query('SELECT 1');
          return connectMs;
        } finally {
          await client.end().catch(() => undefined);
        }
      }
      const connection = await mysql.createConnection({
        host: secret.host,
        port: secret.port,
        user: secret.username,
        password: secret.password,
        ...(secret.dbname !== undefined ? { database: secret.dbname } : {}),
        ...(secret.ssl === false ? {} : { ssl }),
        connectTimeout: 10_000,
      });
      try {
        const connectMs = performance.now() - started;
        await connection.query('SELECT 1');
        return connectMs;
      } finally {
        await connection.end().catch(() => undefined);
      }
    },
    retries: () => 0,
    secretReads: () => reads,
    async close() {
      secretsManager.destroy();
    },
  };
}
