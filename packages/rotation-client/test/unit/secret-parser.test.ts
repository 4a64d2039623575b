import { SecretFormatError } from '../../src/errors';
import { engineFamily, parseDatabaseSecret } from '../../src/secret-parser';
import { secretJson } from '../helpers/fake-secrets';

describe('parseDatabaseSecret', () => {
  it('parses a full secret and keeps the password out of JSON', () => {
    const secret = parseDatabaseSecret('db', secretJson({ ssl: false, masterarn: 'arn:master' }));

    expect(secret).toMatchObject({
      engine: 'postgres',
      host: '127.0.0.1',
      port: 5432,
      username: 'app',
      dbname: 'orders',
    });
    expect(secret.ssl).toBe(false);
    expect(secret.password).toBe('pw-current-0123456789');
    expect(JSON.stringify(secret)).not.toContain('pw-current');
  });

  it('accepts a port written as a string of digits', () => {
    expect(parseDatabaseSecret('db', secretJson({ port: '3306', engine: 'mariadb' })).port).toBe(3306);
  });

  it.each([
    ['engine', { engine: 'oracle' }],
    ['host', { host: '' }],
    ['port', { port: 70000 }],
    ['port', { port: '54x' }],
    ['username', { username: 7 }],
    ['password', { password: '' }],
    ['dbname', { dbname: 5 }],
    ['ssl', { ssl: 'no' }],
  ])('throws naming the field %s, never the value', (field, overrides) => {
    const error = (() => {
      try {
        parseDatabaseSecret('prod/db', secretJson(overrides));
      } catch (caught) {
        return caught as SecretFormatError;
      }
      throw new Error('expected a SecretFormatError');
    })();
    expect(error).toBeInstanceOf(SecretFormatError);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`"${field}"`);
    expect(error.message).not.toContain('pw-current');
  });

  it('throws without quoting the input when the SecretString is not JSON', () => {
    expect(() => parseDatabaseSecret('db', 'password=hunter2')).toThrow(/must be a JSON object/);
    try {
      parseDatabaseSecret('db', 'password=hunter2');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('engineFamily', () => {
  it.each([
    ['postgres', 'postgres'],
    ['aurora-postgresql', 'postgres'],
    ['mysql', 'mysql'],
    ['aurora-mysql', 'mysql'],
    ['mariadb', 'mysql'],
  ] as const)('maps %s to %s', (engine, family) => {
    expect(engineFamily(engine)).toBe(family);
  });
});
