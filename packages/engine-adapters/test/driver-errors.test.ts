import { inspect } from 'node:util';
import {
  classifyConnectionFailure,
  classifyStatementFailure,
  isConcurrentUpdateError,
  toConnectionError,
  toStatementError,
} from '../src/driver-errors';
import {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  DatabaseConnectionError,
  HostUnreachableError,
  TlsVerificationError,
} from '../src/errors';

const PASSWORD = 'Sup3r-S3cret-Pa55word!';
const target = { engine: 'mariadb', host: 'db.internal', port: 3306, username: 'app' } as const;

function driverError(fields: Record<string, unknown>, message = 'driver failure'): Error {
  return Object.assign(new Error(message), fields);
}

function everythingVisible(error: Error): string {
  return [
    error.message,
    error.stack,
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ].join('\n');
}

describe('classifyConnectionFailure', () => {
  it.each([
    ['postgres', { code: '28P01', severity: 'FATAL' }, 'authentication'],
    ['mysql', { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045, sqlState: '28000' }, 'authentication'],
    [
      'mysql',
      { code: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', errno: 1698, sqlState: '28000' },
      'authentication',
    ],
    ['postgres', { code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'tls-verification'],
    ['mysql', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls-verification'],
    ['mysql', { code: 'HANDSHAKE_SSL_ERROR', fatal: true }, 'tls-verification'],
    ['postgres', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls-verification'],
    ['mysql', { code: 'HANDSHAKE_NO_SSL_SUPPORT' }, 'tls-unavailable'],
    ['postgres', { code: 'ECONNREFUSED', errno: -111 }, 'unreachable'],
    ['mysql', { code: 'ENOTFOUND' }, 'unreachable'],
    ['mysql', { code: 'ETIMEDOUT' }, 'timeout'],
    ['postgres', { code: '28000', severity: 'FATAL' }, 'rejected'],
    ['mysql', { code: 'ER_CON_COUNT_ERROR', errno: 1040 }, 'rejected'],
    ['postgres', { code: 'ECONNRESET' }, 'connection-lost'],
    ['postgres', {}, 'unknown'],
  ] as const)('%s %j is %s', (family, fields, reason) => {
    expect(classifyConnectionFailure(family, driverError(fields))).toBe(reason);
  });

  it('recognizes pg errors that carry only a message', () => {
    expect(
      classifyConnectionFailure('postgres', new Error('The server does not support SSL connections')),
    ).toBe('tls-unavailable');
    expect(classifyConnectionFailure('postgres', new Error('timeout expired'))).toBe('timeout');
    expect(classifyConnectionFailure('postgres', new Error('Connection terminated unexpectedly'))).toBe(
      'connection-lost',
    );
  });
});

describe('toConnectionError', () => {
  it.each([
    [{ code: '28P01', severity: 'FATAL' }, AuthenticationFailedError, 'postgres'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, TlsVerificationError, 'postgres'],
    [{ code: 'ETIMEDOUT' }, ConnectionTimeoutError, 'mysql'],
    [{ code: 'EHOSTUNREACH' }, HostUnreachableError, 'mysql'],
  ] as const)('wraps %j as %p', (fields, type, family) => {
    const error = toConnectionError(family, target, driverError(fields));
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    expect(error.name).toBe(type.name);
  });

  it('names target and cause, and keeps only codes from the driver', () => {
    const error = toConnectionError(
      'mysql',
      target,
      driverError(
        { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045, sqlState: '28000', sql: `-- ${PASSWORD}` },
        `Access denied for user 'app' (using password: YES) ${PASSWORD}`,
      ),
    );
    expect(error.message).toBe(
      'Could not connect to mariadb at db.internal:3306 as user "app": authentication failed (wrong user name or password)',
    );
    expect((error.cause as Error).message).toBe(
      'driver error code=ER_ACCESS_DENIED_ERROR sqlstate=28000 errno=1045',
    );
    expect(everythingVisible(error)).not.toContain(PASSWORD);
    expect(everythingVisible(error)).not.toContain('Access denied');
  });
});

describe('toStatementError', () => {
  it('classifies timeouts, permissions and missing objects', () => {
    expect(classifyStatementFailure('postgres', driverError({ code: '57014', severity: 'ERROR' }))).toBe(
      'timeout',
    );
    expect(classifyStatementFailure('postgres', driverError({ code: '42501', severity: 'ERROR' }))).toBe(
      'permission',
    );
    expect(classifyStatementFailure('mysql', driverError({ code: 'PROTOCOL_SEQUENCE_TIMEOUT' }))).toBe(
      'timeout',
    );
    expect(classifyStatementFailure('mysql', driverError({ errno: 1969 }))).toBe('timeout');
    expect(classifyStatementFailure('mysql', driverError({ errno: 1227 }))).toBe('permission');
    expect(classifyStatementFailure('mysql', driverError({ errno: 1396 }))).toBe('not-found');
  });

  it('never carries the SQL text or server message (which can quote a password literal)', () => {
    const error = toStatementError(
      'mysql',
      'ALTER USER (set password)',
      driverError(
        {
          code: 'ER_PARSE_ERROR',
          errno: 1064,
          sqlState: '42000',
          sql: `ALTER USER 'a'@'%' IDENTIFIED BY '${PASSWORD}'`,
        },
        `You have an error in your SQL syntax near '${PASSWORD}'`,
      ),
    );
    expect(error.message).toBe(
      'ALTER USER (set password) failed: other (driver error code=ER_PARSE_ERROR sqlstate=42000 errno=1064)',
    );
    expect(everythingVisible(error)).not.toContain(PASSWORD);
  });
});

describe('isConcurrentUpdateError', () => {
  const pg = (code: string, message = 'driver failure') =>
    toStatementError(
      'postgres',
      'ALTER ROLE (set own password)',
      driverError({ code, severity: 'ERROR' }, message),
    );
  const my = (errno: number, code: string) =>
    toStatementError('mysql', 'set own password', driverError({ errno, code, sqlState: '40001' }));

  it.each([
    ['PostgreSQL "tuple concurrently updated" (XX000)', pg('XX000', 'tuple concurrently updated')],
    ['PostgreSQL serialization failure (40001)', pg('40001')],
    ['PostgreSQL deadlock (40P01)', pg('40P01')],
    ['PostgreSQL lock timeout (55P03)', pg('55P03')],
    ['MySQL deadlock (1213)', my(1213, 'ER_LOCK_DEADLOCK')],
    ['MySQL lock wait timeout (1205)', my(1205, 'ER_LOCK_WAIT_TIMEOUT')],
  ])('recognizes %s', (_name, error) => {
    expect(isConcurrentUpdateError(error)).toBe(true);
  });

  it('classifies the race as concurrent-update, a lock wait timeout as timeout', () => {
    expect(pg('XX000', 'tuple concurrently updated').reason).toBe('concurrent-update');
    expect(my(1213, 'ER_LOCK_DEADLOCK').reason).toBe('concurrent-update');
    expect(my(1205, 'ER_LOCK_WAIT_TIMEOUT').reason).toBe('timeout');
  });

  it.each([
    ['another internal error (XX000)', pg('XX000', 'cache lookup failed for relation 1')],
    ['a permission error', pg('42501')],
    ['a statement timeout', pg('57014')],
    ['a MySQL syntax error', my(1064, 'ER_PARSE_ERROR')],
    ['a connection error', new Error('tuple concurrently updated')],
    ['a non-error', 'XX000'],
  ])('refuses %s', (_name, error) => {
    expect(isConcurrentUpdateError(error)).toBe(false);
  });

  it('keeps the driver message out of the error it classified', () => {
    const error = pg('XX000', `tuple concurrently updated near '${PASSWORD}'`);
    expect(everythingVisible(error)).not.toContain(PASSWORD);
    expect(everythingVisible(error)).not.toContain('tuple');
  });
});
