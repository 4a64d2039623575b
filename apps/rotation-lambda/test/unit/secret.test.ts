import { InvalidSecretError, parseMasterSecret, parseSecret } from '../../src';

const document = {
  engine: 'postgres',
  host: 'db.example.internal',
  port: 5432,
  username: 'app',
  password: 'S3cret-Passw0rd',
  dbname: 'appdb',
};

function failure(text: string | undefined): InvalidSecretError {
  try {
    parseSecret(text, 'AWSCURRENT');
  } catch (error) {
    if (error instanceof InvalidSecretError) return error;
    throw error;
  }
  throw new Error('expected parseSecret to throw');
}

describe('parseSecret', () => {
  it('parses a complete secret and defaults the strategy to single-user', () => {
    const secret = parseSecret(JSON.stringify(document), 'AWSCURRENT');
    expect(secret).toMatchObject({
      engine: 'postgres',
      host: 'db.example.internal',
      port: 5432,
      username: 'app',
    });
    expect(secret.rotationStrategy).toBe('single-user');
    expect(secret.password).toBe('S3cret-Passw0rd');
  });

  it('hides the password and the raw document from serialisation', () => {
    const secret = parseSecret(JSON.stringify(document), 'AWSCURRENT');
    expect(JSON.stringify(secret)).not.toContain('S3cret');
    expect(Object.keys(secret)).not.toContain('password');
    expect(Object.keys(secret)).not.toContain('document');
  });

  it('keeps unknown fields for the next version', () => {
    const secret = parseSecret(JSON.stringify({ ...document, dbInstanceIdentifier: 'db-1' }), 'AWSCURRENT');
    expect(secret.document.dbInstanceIdentifier).toBe('db-1');
  });

  it('accepts a numeric string port and treats an empty password as absent', () => {
    const secret = parseSecret(JSON.stringify({ ...document, port: '3306', password: '' }), 'AWSCURRENT');
    expect(secret.port).toBe(3306);
    expect(secret.password).toBeUndefined();
  });

  it.each([
    ['engine', { ...document, engine: 'oracle' }, /field engine must be one of postgres, aurora-postgresql/],
    ['host', { ...document, host: undefined }, /field host is required/],
    ['port', { ...document, port: 70000 }, /field port must be an integer from 1 to 65535/],
    ['username', { ...document, username: '' }, /field username must be a non-empty string/],
    [
      'username',
      { ...document, username: 'a\u0000b' },
      /field username must be a non-empty string of printable/,
    ],
    ['masterarn', { ...document, masterarn: 'not-an-arn' }, /field masterarn must be the ARN/],
    ['ssl', { ...document, ssl: 'yes' }, /field ssl must be true or false/],
    ['rotationStrategy', { ...document, rotationStrategy: 'both' }, /field rotationStrategy must be one of/],
    [
      'masterarn',
      { ...document, rotationStrategy: 'alternating-users' },
      /field masterarn is required when rotationStrategy/,
    ],
  ])('throws naming %s', (field, value, message) => {
    const error = failure(JSON.stringify(value));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('S3cret');
  });

  it('throws for malformed JSON without quoting the text', () => {
    const error = failure('{"password": "S3cret-Passw0rd", oops');
    expect(error.message).toBe('Secret AWSCURRENT field (secret) is not valid JSON.');
    expect(error.cause).toBeUndefined();
  });

  it('throws for a binary secret and a non-object JSON value', () => {
    expect(failure(undefined).message).toMatch(
      /SecretString is missing \(binary secrets are not supported\)/,
    );
    expect(failure('["S3cret-Passw0rd"]').message).toMatch(/must be a JSON object/);
    expect(failure('"S3cret-Passw0rd"').message).not.toContain('S3cret');
  });
});

describe('parseMasterSecret', () => {
  it('needs only username and password', () => {
    const master = parseMasterSecret('{"username":"postgres","password":"M4ster"}', 'masterarn');
    expect(master.username).toBe('postgres');
    expect(master.password).toBe('M4ster');
    expect(JSON.stringify(master)).not.toContain('M4ster');
  });

  it('throws naming a missing password', () => {
    expect(() => parseMasterSecret('{"username":"postgres"}', 'masterarn')).toThrow(
      /field password is required/,
    );
  });
});
