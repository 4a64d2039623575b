import { wrapConnectError, usedCredentialsOf } from '../../src/connect-failure';
import { DatabaseConnectError } from '../../src/errors';
import { redactError, redactText } from '../../src/redact';
import { parseDatabaseSecret } from '../../src/secret-parser';
import { secretJson } from '../helpers/fake-secrets';

describe('redactText', () => {
  it('removes every occurrence of a secret value', () => {
    expect(redactText('a s3cret b s3cret', ['s3cret'])).toBe('a [REDACTED] b [REDACTED]');
  });

  it('removes the password of any DSN, known or not', () => {
    expect(redactText('connect postgres://app:xyz@db:5432/orders failed', [])).toBe(
      'connect postgres://app:[REDACTED]@db:5432/orders failed',
    );
    expect(redactText('mysql://root:p%40ss@127.0.0.1/x', [])).toBe('mysql://root:[REDACTED]@127.0.0.1/x');
  });

  it('ignores empty secret values', () => {
    expect(redactText('unchanged', [''])).toBe('unchanged');
  });
});

describe('redactError', () => {
  it('scrubs message, stack, driver fields and the cause chain', () => {
    const inner = new Error('inner s3cret');
    const error = Object.assign(new Error('outer s3cret', { cause: inner }), {
      detail: 's3cret',
      sql: 'x s3cret',
    });
    redactError(error, ['s3cret']);
    expect(JSON.stringify({ m: error.message, s: error.stack, d: error.detail, q: error.sql })).not.toContain(
      's3cret',
    );
    expect(inner.message).toBe('inner [REDACTED]');
  });
});

describe('wrapConnectError', () => {
  const credentials = {
    secret: parseDatabaseSecret('db', secretJson()),
    versionId: 'v1',
    stage: 'AWSCURRENT' as const,
  };

  it('copies code, errno and sqlState and names host, port and user', () => {
    const driverError = Object.assign(new Error("Access denied for user 'app'"), {
      code: 'ER_ACCESS_DENIED_ERROR',
      errno: 1045,
      sqlState: '28000',
    });
    const wrapped = wrapConnectError('mysql', credentials, driverError);
    expect(wrapped).toBeInstanceOf(DatabaseConnectError);
    expect(wrapped).toMatchObject({
      code: 'ER_ACCESS_DENIED_ERROR',
      errno: 1045,
      sqlState: '28000',
      name: 'DatabaseConnectError',
    });
    expect(wrapped.message).toContain('127.0.0.1:5432 as "app"');
    expect(wrapped.cause).toBe(driverError);
  });

  it('remembers the failed credentials out of JSON', () => {
    const wrapped = wrapConnectError(
      'postgres',
      credentials,
      Object.assign(new Error('x'), { code: '28P01' }),
    );
    expect(usedCredentialsOf(wrapped)).toBe(credentials);
    expect(JSON.stringify(wrapped)).not.toContain('pw-current');
    expect(usedCredentialsOf(new Error('x'))).toBeUndefined();
  });
});
