import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createMySqlPool } from '../../src/mysql-pool';
import { createPgPool } from '../../src/pg-pool';
import { LOCAL_AWS_CREDENTIALS } from './load-client';
import type { LoadClient, LoadClientProps } from './load-client';

export interface RotationAwareLoadClientProps extends LoadClientProps {
  /** See `RotationClientOptions.transientRetryBudgetMs`. @default 0 */
  readonly transientRetryBudgetMs?: number;
  /** Name in the results table. @default 'rotation-aware' */
  readonly name?: string;
}

/**
 * Our client under load: one pool (as an application would hold), but every iteration takes a
 * NEW connection and destroys it afterwards, so each iteration logs in again.
 */
export function createRotationAwareClient(props: RotationAwareLoadClientProps): LoadClient {
  const client = new SecretsManagerClient({
    endpoint: props.endpoint,
    region: props.region,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const common = {
    secretId: props.secretId,
    client,
    ca: props.caPem,
    transientRetryBudgetMs: props.transientRetryBudgetMs ?? 0,
  };
  const name = props.name ?? 'rotation-aware';

  if (props.family === 'postgres') {
    const pool = createPgPool({ ...common, pool: { max: props.maxConnections } });
    // An idle-client error (server restart) must not crash the process; pg emits it on the pool.
    pool.on('error', () => undefined);
    return {
      name,
      family: 'postgres',
      async connectAndQuery() {
        const started = performance.now();
        const connection = await pool.connect();
        const connectMs = performance.now() - started;
        try {
          await connection.query('SELECT 1');
        } finally {
          connection.release(true);
        }
        return connectMs;
      },
      retries: () => pool.rotation.stats().authRetries + pool.rotation.stats().connectRetries,
      secretReads: () => pool.rotation.stats().secretRefreshes,
      async close() {
        await pool.end();
        client.destroy();
      },
    };
  }

  const pool = createMySqlPool({ ...common, pool: { connectionLimit: props.maxConnections } });
  return {
    name,
    family: 'mysql',
    async connectAndQuery() {
      const started = performance.now();
      const connection = await pool.getConnection();
      const connectMs = performance.now() - started;
      try {
        await connection.query('SELECT 1');
      } finally {
        connection.destroy();
      }
      return connectMs;
    },
    retries: () => pool.rotation.stats().authRetries + pool.rotation.stats().connectRetries,
    secretReads: () => pool.rotation.stats().secretRefreshes,
    async close() {
      await pool.end();
      client.destroy();
    },
  };
}
