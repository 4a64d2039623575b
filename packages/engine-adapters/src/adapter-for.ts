import { LazyAdapter } from './lazy-adapter';
import type { MySqlAdapter } from './mysql/mysql-adapter';
import type { PostgresAdapter } from './postgres/postgres-adapter';
import type { Engine, EngineAdapter, EngineFamily } from './types/adapter';
import { familyOf } from './validation';

/*
 * Each family's adapter module, and with it its driver (pg or mysql2), is required on first
 * use only: loading this package (the Lambda's cold start) evaluates neither driver, and a
 * function that rotates PostgreSQL secrets never evaluates mysql2. (The RDS CA bundle waits
 * for the first TLS connection, see tls.ts.) The `import type` lines above are erased; the
 * require() calls below are the only runtime references. esbuild still bundles both modules
 * but evaluates each on its first require.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading is the point */
let mysqlAdapter: EngineAdapter | undefined;
const loadMySql = (): EngineAdapter => {
  const loaded = require('./mysql/mysql-adapter') as { MySqlAdapter: typeof MySqlAdapter };
  mysqlAdapter ??= new loaded.MySqlAdapter();
  return mysqlAdapter;
};
const adapters: Readonly<Record<EngineFamily, EngineAdapter>> = {
  postgres: new LazyAdapter('postgres', () => {
    const loaded = require('./postgres/postgres-adapter') as { PostgresAdapter: typeof PostgresAdapter };
    return new loaded.PostgresAdapter();
  }),
  mysql: new LazyAdapter('mysql', loadMySql),
};
/* eslint-enable @typescript-eslint/no-require-imports */
/** MariaDB shares the MySQL driver and adapter; only its user name limit (80) differs. */
const mariadbAdapter = new LazyAdapter('mysql', loadMySql, 'mariadb');

/**
 * The adapter for a secret's `engine` field: one per engine family, plus MariaDB's, which
 * differs from MySQL's only in `maxUsernameLength` (80). Its driver is loaded on
 * the first connect, verifyLogin or quoteIdentifier, not before. Throws UnsupportedEngineError
 * for other values.
 *
 * @example
 * const adapter = adapterFor(secret.engine);
 * const ok = await adapter.verifyLogin(secret);
 */
export function adapterFor(engine: Engine | string): EngineAdapter {
  const family = familyOf(engine);
  return engine === 'mariadb' ? mariadbAdapter : adapters[family];
}
