import { parseSecret } from '../../src';
import {
  checkPendingMatchesCurrent,
  checkUsernameLength,
  nextUsername,
  otherUsername,
} from '../../src/strategy';
import { InMemoryDatabase } from '../support/in-memory-database';

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

  it('refuses names over the limit: bytes on PostgreSQL, characters on MySQL', () => {
    const pg = new InMemoryDatabase('postgres').adapter();
    const my = new InMemoryDatabase('mysql').adapter();
    expect(() => checkUsernameLength(pg, 'é'.repeat(32), 'AWSPENDING')).toThrow(
      /is 64 bytes long; the engine allows 63/,
    );
    expect(() => checkUsernameLength(my, 'é'.repeat(32), 'AWSPENDING')).not.toThrow();
    expect(() => checkUsernameLength(my, `${'a'.repeat(27)}_clone`, 'AWSPENDING')).toThrow(
      /33 characters long/,
    );
  });
});

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
