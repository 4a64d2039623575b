import { parseSecret } from '../../src';
import { checkPendingMatchesCurrent, checkUsernames, nextUsername, otherUsername } from '../../src/strategy';

const base = { engine: 'postgres', host: 'h', port: 5432, username: 'app', password: 'p' };
const masterarn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:master-AbCdEf';
const secret = (fields: Record<string, unknown>) =>
  parseSecret(JSON.stringify({ ...base, ...fields }), 'AWSCURRENT');

describe('usernames', () => {
  it('alternates user and user_clone', () => {
    expect(otherUsername('app')).toBe('app_clone');
    expect(otherUsername('app_clone')).toBe('app');
    expect(otherUsername('_clone')).toBe('_clone_clone');
  });

  it('keeps the username for single user and flips it for alternating users', () => {
    expect(nextUsername(secret({}))).toBe('app');
    expect(nextUsername(secret({ rotationStrategy: 'alternating-users', masterarn }))).toBe('app_clone');
  });
});

describe('checkUsernames', () => {
  const alternating = { rotationStrategy: 'alternating-users', masterarn };
  const named = (engine: string, username: string, fields: Record<string, unknown> = {}) =>
    secret({ engine, username, ...fields });

  it('applies each engine its own limit: PostgreSQL 63 bytes, MySQL 32 and MariaDB 80 characters', () => {
    expect(() => checkUsernames(named('postgres', 'a'.repeat(63)), 'AWSCURRENT')).not.toThrow();
    expect(() => checkUsernames(named('aurora-postgresql', 'é'.repeat(32)), 'AWSCURRENT')).toThrow(
      /is 64 bytes long; aurora-postgresql allows at most 63/,
    );
    expect(() => checkUsernames(named('mysql', 'é'.repeat(32)), 'AWSCURRENT')).not.toThrow();
    expect(() => checkUsernames(named('aurora-mysql', 'a'.repeat(33)), 'AWSCURRENT')).toThrow(
      /is 33 characters long; aurora-mysql allows at most 32/,
    );
    expect(() => checkUsernames(named('mariadb', 'm'.repeat(80)), 'AWSCURRENT')).not.toThrow();
    expect(() => checkUsernames(named('mariadb', 'm'.repeat(81)), 'AWSCURRENT')).toThrow(
      /is 81 characters long; mariadb allows at most 80/,
    );
  });

  it('names the version the value came from and, for single user, gives no _clone hint', () => {
    const error = thrownBy(() => checkUsernames(named('mysql', 'a'.repeat(33)), 'AWSCURRENT'));
    expect(error.message).toBe(
      'Secret AWSCURRENT field username is 33 characters long; mysql allows at most 32: ' +
        'rename the database user to at most 32 characters and store the new name in AWSCURRENT.',
    );
    expect(error.message).not.toMatch(/_clone/);
    expect(thrownBy(() => checkUsernames(named('mysql', 'a'.repeat(33)), 'AWSPENDING')).message).toMatch(
      /^Secret AWSPENDING field username/,
    );
  });

  it('counts the _clone user of alternating users and says how short the base name must be', () => {
    expect(() => checkUsernames(named('mysql', 'a'.repeat(26), alternating), 'AWSCURRENT')).not.toThrow();
    expect(() => checkUsernames(named('mariadb', 'a'.repeat(74), alternating), 'AWSCURRENT')).not.toThrow();
    const error = thrownBy(() => checkUsernames(named('mysql', 'a'.repeat(27), alternating), 'AWSCURRENT'));
    expect(error.message).toMatch(/^Secret AWSCURRENT field username gives the alternating-users pair/);
    expect(error.message).toMatch(
      /_clone user is 33 characters long; mysql allows at most 32: shorten the base username to at most 26 characters\.$/,
    );
    // The current user may be the clone: the pair is the same.
    expect(() =>
      checkUsernames(named('mariadb', `${'a'.repeat(75)}_clone`, alternating), 'AWSPENDING'),
    ).toThrow(/^Secret AWSPENDING field username .* at most 80: shorten the base username to at most 74/);
  });
});

function thrownBy(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('checkPendingMatchesCurrent', () => {
  it.each(['host', 'port', 'engine', 'dbname'])('refuses a pending version with another %s', (field) => {
    const values: Record<string, unknown> = { host: 'other', port: 1, engine: 'mysql', dbname: 'x' };
    expect(() => checkPendingMatchesCurrent(secret({}), secret({ [field]: values[field] }))).toThrow(
      new RegExp(`disagree on ${field}`),
    );
  });

  it('refuses turning TLS off', () => {
    expect(() => checkPendingMatchesCurrent(secret({}), secret({ ssl: false }))).toThrow(/turns TLS off/);
  });

  it('enforces the username rules of each strategy', () => {
    expect(() => checkPendingMatchesCurrent(secret({}), secret({ username: 'app_clone' }))).toThrow(
      /keeps the username/,
    );
    const alternating = { rotationStrategy: 'alternating-users', masterarn };
    expect(() =>
      checkPendingMatchesCurrent(secret(alternating), secret({ ...alternating, username: 'app_clone' })),
    ).not.toThrow();
    expect(() =>
      checkPendingMatchesCurrent(secret(alternating), secret({ ...alternating, username: 'app' })),
    ).not.toThrow();
    expect(() =>
      checkPendingMatchesCurrent(secret(alternating), secret({ ...alternating, username: 'root' })),
    ).toThrow(/neither the AWSCURRENT user nor its _clone partner/);
  });
});
