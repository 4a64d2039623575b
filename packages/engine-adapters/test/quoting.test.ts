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
  it('returns one adapter per engine family', () => {
    expect(adapterFor('postgres').family).toBe('postgres');
    expect(adapterFor('aurora-postgresql')).toBe(adapterFor('postgres'));
    expect(adapterFor('mysql').family).toBe('mysql');
    expect(adapterFor('aurora-mysql')).toBe(adapterFor('mysql'));
    expect(adapterFor('mariadb').family).toBe('mysql');
    expect(adapterFor('mysql').maxUsernameLength).toBe(new MySqlAdapter().maxUsernameLength);
    expect(adapterFor('postgres').maxUsernameLength).toBe(new PostgresAdapter().maxUsernameLength);
    expect(adapterFor('mysql').maxUsernameLength).toBe(32);
    expect(adapterFor('aurora-mysql').maxUsernameLength).toBe(32);
    expect(adapterFor('mariadb').maxUsernameLength).toBe(80);
    expect(adapterFor('postgres').maxUsernameLength).toBe(63);
  });

  it('quotes with the family driver', () => {
    expect(adapterFor('aurora-postgresql').quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(adapterFor('mariadb').quoteIdentifier('we`ird')).toBe('`we``ird`');
  });

  it('throws UnsupportedEngineError for other engines', () => {
    expect(() => adapterFor('sqlserver-ee')).toThrow(UnsupportedEngineError);
  });
});
