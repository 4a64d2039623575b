import { MySqlAdapter } from '../src/mysql/mysql-adapter';
import { PostgresAdapter } from '../src/postgres/postgres-adapter';
import { adapterFor } from '../src/adapter-for';
import { InvalidCredentialsError, UnsupportedEngineError } from '../src/errors';

describe('PostgresAdapter.quoteIdentifier', () => {
  const adapter = new PostgresAdapter();

  it.each([
    ['app', '"app"'],
    ['App', '"App"'],
    ['we"ird', '"we""ird"'],
    ["o'brien; DROP ROLE x; --", `"o'brien; DROP ROLE x; --"`],
    ['back\\slash $$ 用户', '"back\\slash $$ 用户"'],
  ])('quotes %j as %s', (input, expected) => {
    expect(adapter.quoteIdentifier(input)).toBe(expected);
  });

  it('refuses empty identifiers and NUL', () => {
    expect(() => adapter.quoteIdentifier('')).toThrow(InvalidCredentialsError);
    expect(() => adapter.quoteIdentifier('a\0')).toThrow(/NUL/);
  });
});

describe('MySqlAdapter.quoteIdentifier', () => {
  const adapter = new MySqlAdapter();

  it.each([
    ['app', '`app`'],
    ['we`ird', '`we``ird`'],
    ['schema.table', '`schema.table`'],
    ["o'brien; --", "`o'brien; --`"],
  ])('quotes %j as %s (a dot stays part of the name)', (input, expected) => {
    expect(adapter.quoteIdentifier(input)).toBe(expected);
  });
});

describe('adapterFor', () => {
  it('returns the family adapter for each engine', () => {
    expect(adapterFor('postgres')).toBeInstanceOf(PostgresAdapter);
    expect(adapterFor('aurora-postgresql')).toBeInstanceOf(PostgresAdapter);
    expect(adapterFor('mysql')).toBeInstanceOf(MySqlAdapter);
    expect(adapterFor('aurora-mysql')).toBeInstanceOf(MySqlAdapter);
    expect(adapterFor('mariadb')).toBeInstanceOf(MySqlAdapter);
    expect(adapterFor('mariadb').maxUsernameLength).toBe(32);
    expect(adapterFor('postgres').maxUsernameLength).toBe(63);
  });

  it('throws UnsupportedEngineError for other engines', () => {
    expect(() => adapterFor('sqlserver-ee')).toThrow(UnsupportedEngineError);
  });
});
