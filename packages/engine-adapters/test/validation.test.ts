import { InvalidCredentialsError, UnsupportedEngineError, UnsupportedUsernameError } from '../src/errors';
import type { DatabaseCredentials } from '../src/types/adapter';
import {
  alternateUsername,
  assertUsableUsername,
  assertValidCredentials,
  familyOf,
  maxUsernameLength,
  resolveConnectOptions,
  usernameLength,
} from '../src/validation';

const SECRET = 'pässwörd-that-must-never-appear';

function credentials(
  overrides: Partial<Record<keyof DatabaseCredentials, unknown>> = {},
): DatabaseCredentials {
  return {
    engine: 'postgres',
    host: 'db.example.internal',
    port: 5432,
    username: 'app',
    password: SECRET,
    ...overrides,
  } as DatabaseCredentials;
}

function thrown(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('familyOf', () => {
  it.each([
    ['postgres', 'postgres'],
    ['aurora-postgresql', 'postgres'],
    ['mysql', 'mysql'],
    ['aurora-mysql', 'mysql'],
    ['mariadb', 'mysql'],
  ])('maps %s to the %s family', (engine, family) => {
    expect(familyOf(engine)).toBe(family);
  });

  it('throws UnsupportedEngineError for other engines, listing the supported ones', () => {
    const error = thrown(() => familyOf('oracle-ee'));
    expect(error).toBeInstanceOf(UnsupportedEngineError);
    expect(error.message).toMatch(/"oracle-ee".*postgres, aurora-postgresql, mysql, aurora-mysql, mariadb/);
  });
});

describe('assertUsableUsername', () => {
  it('counts PostgreSQL names in UTF-8 bytes and MySQL names in characters', () => {
    expect(usernameLength('postgres', 'é'.repeat(32))).toBe(64);
    expect(usernameLength('mysql', 'é'.repeat(32))).toBe(32);
    expect(usernameLength('mysql', '😀')).toBe(1);
  });

  it('accepts names at the limit', () => {
    expect(() => assertUsableUsername('postgres', 'a'.repeat(63))).not.toThrow();
    expect(() => assertUsableUsername('mysql', 'é'.repeat(32))).not.toThrow();
  });

  it('refuses a PostgreSQL name over 63 bytes, naming field, length and limit', () => {
    const error = thrown(() =>
      assertUsableUsername('postgres', 'é'.repeat(32), { field: 'secret.username' }),
    );
    expect(error).toBeInstanceOf(UnsupportedUsernameError);
    expect(error.message).toBe(
      'secret.username is not usable: is 64 bytes (UTF-8) long; postgres allows at most 63',
    );
  });

  it('refuses a MySQL name over 32 characters', () => {
    expect(() => assertUsableUsername('mysql', 'a'.repeat(33))).toThrow(
      /33 characters long; mysql allows at most 32/,
    );
  });

  it('applies each engine its own limit: MariaDB 80, MySQL and Aurora MySQL 32, PostgreSQL 63', () => {
    expect(maxUsernameLength('mariadb')).toBe(80);
    expect(maxUsernameLength('mysql')).toBe(32);
    expect(maxUsernameLength('aurora-mysql')).toBe(32);
    expect(maxUsernameLength('aurora-postgresql')).toBe(63);
    expect(() => assertUsableUsername('mariadb', 'é'.repeat(80))).not.toThrow();
    expect(() => assertUsableUsername('mariadb', 'a'.repeat(81))).toThrow(
      /81 characters long; mariadb allows at most 80/,
    );
    expect(() => assertUsableUsername('aurora-mysql', 'a'.repeat(33))).toThrow(
      /aurora-mysql allows at most 32/,
    );
    expect(() => assertUsableUsername('mariadb', 'a'.repeat(74), { withCloneSuffix: true })).not.toThrow();
    expect(() => assertUsableUsername('mariadb', 'a'.repeat(75), { withCloneSuffix: true })).toThrow(
      /shorten the user name to 74/,
    );
  });

  it('checks credentials against the limit of their engine, not their family', () => {
    const base = { host: 'db.internal', port: 3306, password: 'pw' };
    expect(() =>
      assertValidCredentials('mysql', { ...base, engine: 'mariadb', username: 'm'.repeat(80) }),
    ).not.toThrow();
    expect(() =>
      assertValidCredentials('mysql', { ...base, engine: 'mysql', username: 'm'.repeat(33) }),
    ).toThrow(UnsupportedUsernameError);
  });

  it('refuses a name whose _clone twin would be too long, and says how long it may be', () => {
    expect(() => assertUsableUsername('mysql', 'a'.repeat(26), { withCloneSuffix: true })).not.toThrow();
    const error = thrown(() => assertUsableUsername('mysql', 'a'.repeat(27), { withCloneSuffix: true }));
    expect(error.message).toMatch(
      /"_clone" suffix .* 33 characters long; mysql allows at most 32, so shorten the user name to 26/,
    );
    expect(() => assertUsableUsername('postgres', 'a'.repeat(57), { withCloneSuffix: true })).not.toThrow();
    expect(() => assertUsableUsername('postgres', 'a'.repeat(58), { withCloneSuffix: true })).toThrow(
      /64 bytes/,
    );
  });

  it('does not add a second suffix to a name that already is the clone', () => {
    expect(() =>
      assertUsableUsername('mysql', `${'a'.repeat(26)}_clone`, { withCloneSuffix: true }),
    ).not.toThrow();
  });

  it('refuses empty names and NUL characters', () => {
    expect(() => assertUsableUsername('postgres', '')).toThrow(/non-empty/);
    expect(() => assertUsableUsername('mysql', 'a\0b')).toThrow(/NUL/);
  });
});

describe('alternateUsername', () => {
  it('switches between user and user_clone', () => {
    expect(alternateUsername('app')).toBe('app_clone');
    expect(alternateUsername('app_clone')).toBe('app');
    expect(alternateUsername('_clone')).toBe('_clone_clone');
  });
});

describe('assertValidCredentials', () => {
  it('accepts well-formed credentials', () => {
    expect(() => assertValidCredentials('postgres', credentials())).not.toThrow();
  });

  it.each([
    ['credentials.host', { host: ' ' }],
    ['credentials.port', { port: 0 }],
    ['credentials.port', { port: '5432' }],
    ['credentials.password', { password: '' }],
    ['credentials.password', { password: 'a\0b' }],
    ['credentials.ssl', { ssl: 'false' }],
    ['credentials.engine', { engine: 'mysql' }],
  ])('names %s when it is invalid, without echoing the password', (field, overrides) => {
    const error = thrown(() => assertValidCredentials('postgres', credentials(overrides)));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error.message.startsWith(`${field} is invalid`)).toBe(true);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(SECRET);
  });

  it('refuses a too-long user name before any connection', () => {
    expect(() =>
      assertValidCredentials('mysql', credentials({ engine: 'mariadb', username: 'u'.repeat(81) })),
    ).toThrow(UnsupportedUsernameError);
  });
});

describe('resolveConnectOptions', () => {
  it('defaults both timeouts to 5 s', () => {
    expect(resolveConnectOptions()).toEqual({
      connectTimeoutMs: 5000,
      statementTimeoutMs: 5000,
      ca: undefined,
    });
  });

  it('keeps explicit values and refuses nonsense', () => {
    expect(resolveConnectOptions({ connectTimeoutMs: 250 }).connectTimeoutMs).toBe(250);
    expect(() => resolveConnectOptions({ statementTimeoutMs: 0 })).toThrow(/options.statementTimeoutMs/);
    expect(() => resolveConnectOptions({ connectTimeoutMs: 1.5 })).toThrow(/options.connectTimeoutMs/);
  });
});
