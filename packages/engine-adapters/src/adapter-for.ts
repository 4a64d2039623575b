import { MySqlAdapter } from './mysql/mysql-adapter';
import { PostgresAdapter } from './postgres/postgres-adapter';
import type { Engine, EngineAdapter } from './types/adapter';
import { familyOf } from './validation';

const postgres = new PostgresAdapter();
const mysql = new MySqlAdapter();

/**
 * The adapter for a secret's `engine` field. Throws UnsupportedEngineError for other values.
 *
 * @example
 * const adapter = adapterFor(secret.engine);
 * const ok = await adapter.verifyLogin(secret);
 */
export function adapterFor(engine: Engine | string): EngineAdapter {
  return familyOf(engine) === 'postgres' ? postgres : mysql;
}
