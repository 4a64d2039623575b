import pg from 'pg';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createMySqlPool } from '../../src/mysql-pool';
import { createPgPool, RotationAwarePgPool } from '../../src/pg-pool';
import { InvalidOptionError } from '../../src/errors';
import { SecretCache } from '../../src/secret-cache';

// Creating a pool opens nothing: these tests touch no network.
const client = new SecretsManagerClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
});

describe('createPgPool', () => {
  it('returns a real pg.Pool with rotation counters', async () => {
    const pool = createPgPool({ secretId: 'db', client, pool: { max: 2 } });
    expect(pool).toBeInstanceOf(pg.Pool);
    expect(pool).toBeInstanceOf(RotationAwarePgPool);
    expect(pool.options.max).toBe(2);
    expect(pool.rotation.stats()).toMatchObject({ secretRefreshes: 0, authRetries: 0, authFailures: 0 });
    await pool.end();
  });

  it.each(['password', 'user', 'host', 'connectionString', 'ssl', 'Client'])(
    'refuses pool.%s, which the secret owns, without echoing the value',
    (field) => {
      const create = () =>
        createPgPool({ secretId: 'db', client, pool: { [field]: 'hunter2' } as Record<string, unknown> });
      expect(create).toThrow(InvalidOptionError);
      expect(create).toThrow(`pool.${field}`);
      try {
        create();
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    },
  );

  it.each([
    ['secretId', { secretId: '' }],
    ['retryBudgetMs', { secretId: 'db', retryBudgetMs: -1 }],
    ['client', { secretId: 'db', client, region: 'eu-west-1' }],
    ['cacheTtlMs', { secretId: 'db', cache: new SecretCache({ client }), cacheTtlMs: 5 }],
    ['ca', { secretId: 'db', ca: [] }],
  ])('refuses a bad %s', (option, options) => {
    expect(() => createPgPool(options as Parameters<typeof createPgPool>[0])).toThrow(`"${option}"`);
  });
});

describe('createMySqlPool', () => {
  it('returns a mysql2 promise pool with rotation counters', async () => {
    const pool = createMySqlPool({ secretId: 'db', client, pool: { connectionLimit: 3 } });
    expect(typeof pool.query).toBe('function');
    expect(typeof pool.getConnection).toBe('function');
    expect(pool.pool.config.connectionLimit).toBe(3);
    expect(pool.rotation.stats().connectionsOpened).toBe(0);
    await pool.end();
  });

  it.each(['password', 'user', 'host', 'database', 'uri', 'ssl'])(
    'refuses pool.%s, which the secret owns',
    (field) => {
      expect(() =>
        createMySqlPool({ secretId: 'db', client, pool: { [field]: 'x' } as Record<string, unknown> }),
      ).toThrow(`pool.${field}`);
    },
  );
});
