// README example, type-checked with the package: one pool per process in a long-running service.
import { createMySqlPool, createPgPool } from '../src';

export const pool = createPgPool({
  secretId: 'prod/orders/app',
  region: 'eu-west-1',
  pool: { max: 20, idleTimeoutMillis: 30_000 },
});

export async function openOrders(): Promise<unknown[]> {
  const { rows } = await pool.query('SELECT id FROM orders WHERE status = $1', ['open']);
  return rows;
}

export async function closeOrder(id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE orders SET status = $1 WHERE id = $2', ['closed', id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export const mysqlPool = createMySqlPool({ secretId: 'prod/orders/app', pool: { connectionLimit: 20 } });

export async function openOrdersMySql(): Promise<unknown> {
  const [rows] = await mysqlPool.query('SELECT id FROM orders WHERE status = ?', ['open']);
  return rows;
}
