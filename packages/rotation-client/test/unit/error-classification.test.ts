import { AuthenticationRetryExhaustedError, DatabaseConnectError } from '../../src/errors';
import {
  errorCodeOf,
  isAuthenticationFailure,
  isTransientConnectFailure,
} from '../../src/error-classification';

describe('isAuthenticationFailure', () => {
  describe('postgres', () => {
    it.each([
      ['28P01 invalid_password', { code: '28P01' }],
      ['28000 from RDS Proxy', { code: '28000' }],
    ])('treats %s as an authentication failure', (_name, error) => {
      expect(isAuthenticationFailure('postgres', error)).toBe(true);
    });

    it.each([
      ['a syntax error (42601)', { code: '42601' }],
      ['a missing database (3D000)', { code: '3D000' }],
      ['connection refused', { code: 'ECONNREFUSED' }],
      ['server shutting down (57P01)', { code: '57P01' }],
      ['MySQL errno 1045 on a pg error', { errno: 1045 }],
      ['an error without a code', new Error('boom')],
      [
        'a pg_hba.conf rejection (28000, configuration)',
        Object.assign(new Error('no pg_hba.conf entry for host "10.0.0.1", user "app", no encryption'), {
          code: '28000',
        }),
      ],
      ['a non-error', 'password authentication failed'],
    ])('refuses %s', (_name, error) => {
      expect(isAuthenticationFailure('postgres', error)).toBe(false);
    });
  });

  describe('mysql and mariadb', () => {
    it.each([
      [
        'errno 1045 ER_ACCESS_DENIED_ERROR',
        { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045, sqlState: '28000' },
      ],
      ['SQLSTATE 28000 alone (RDS Proxy)', { sqlState: '28000' }],
      ['errno 1698 (MariaDB: no such user yet)', { code: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', errno: 1698 }],
    ])('treats %s as an authentication failure', (_name, error) => {
      expect(isAuthenticationFailure('mysql', error)).toBe(true);
    });

    it.each([
      ['a syntax error (1064)', { code: 'ER_PARSE_ERROR', errno: 1064, sqlState: '42000' }],
      ['an unknown database (1049)', { code: 'ER_BAD_DB_ERROR', errno: 1049, sqlState: '42000' }],
      [
        'a denied database for a valid user (1044)',
        { code: 'ER_DBACCESS_DENIED_ERROR', errno: 1044, sqlState: '42000' },
      ],
      ['connection refused', { code: 'ECONNREFUSED', errno: -111 }],
      ['the pg code 28P01', { code: '28P01' }],
    ])('refuses %s', (_name, error) => {
      expect(isAuthenticationFailure('mysql', error)).toBe(false);
    });
  });

  it('reads the copied fields of a wrapped connect error', () => {
    const wrapped = new DatabaseConnectError({
      family: 'mysql',
      host: 'h',
      port: 1,
      username: 'u',
      code: 'ER_ACCESS_DENIED_ERROR',
      errno: 1045,
      sqlState: '28000',
      cause: new Error('denied'),
      detail: 'denied',
    });
    expect(isAuthenticationFailure('mysql', wrapped)).toBe(true);
  });

  it('refuses an exhausted-retries error, so nested pools never retry it again', () => {
    const wrapped = new DatabaseConnectError({
      family: 'postgres',
      host: 'h',
      port: 1,
      username: 'u',
      code: '28P01',
      cause: undefined,
      detail: 'x',
    });
    expect(
      isAuthenticationFailure('postgres', new AuthenticationRetryExhaustedError('db', 3, 10, wrapped)),
    ).toBe(false);
  });
});

describe('isTransientConnectFailure', () => {
  it.each([
    ['postgres', { code: 'ECONNREFUSED' }],
    ['postgres', { code: '57P03' }],
    ['postgres', new Error('Connection terminated unexpectedly')],
    ['mysql', { code: 'PROTOCOL_CONNECTION_LOST' }],
    ['mysql', { code: 'ECONNRESET' }],
  ] as const)('treats a %s %p as transient', (family, error) => {
    expect(isTransientConnectFailure(family, error)).toBe(true);
  });

  it.each([
    ['postgres', { code: '28P01' }],
    ['postgres', { code: '42601' }],
    ['mysql', { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 }],
    ['mysql', new Error('Connection terminated unexpectedly')],
  ] as const)('does not treat a %s %p as transient', (family, error) => {
    expect(isTransientConnectFailure(family, error)).toBe(false);
  });
});

describe('errorCodeOf', () => {
  it('prefers code, then errno, then UNKNOWN', () => {
    expect(errorCodeOf({ code: '28P01', errno: 1 })).toBe('28P01');
    expect(errorCodeOf({ errno: 1045 })).toBe('1045');
    expect(errorCodeOf('x')).toBe('UNKNOWN');
  });
});
