// README example, type-checked with the package: a module-scope pool in Lambda.
import { createPgPool } from '../src';

const secretArn = process.env.DB_SECRET_ARN;
if (secretArn === undefined) throw new Error('DB_SECRET_ARN is not set');

// Module scope: the pool and its secret cache survive warm invocations.
const pool = createPgPool({
  secretId: secretArn,
  pool: { max: 2, idleTimeoutMillis: 60_000, allowExitOnIdle: true },
  retryBudgetMs: 20_000, // below the function timeout
  hooks: {
    onAuthRetry: (event) => console.log(JSON.stringify({ metric: 'db_auth_retry', code: event.code })),
  },
});

export const handler = async (event: { readonly id: string }): Promise<unknown> => {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [event.id]);
  return rows[0];
};
