import { familyOf } from '@credential-rotation/engine-adapters';
import { ENGINES } from './constants';
import { SecretFormatError } from './errors';
import type { DatabaseSecret, Engine, EngineFamily } from './types/secret';

/** The driver family that speaks to an engine (the engine adapters' mapping). */
export function engineFamily(engine: Engine): EngineFamily {
  return familyOf(engine);
}

function isEngine(value: unknown): value is Engine {
  return typeof value === 'string' && (ENGINES as readonly string[]).includes(value);
}

function requiredString(secretId: string, record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SecretFormatError(secretId, field, 'must be a non-empty string');
  }
  return value;
}

function optionalString(
  secretId: string,
  record: Record<string, unknown>,
  field: string,
): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new SecretFormatError(secretId, field, 'must be a string when present');
  return value;
}

function parsePort(secretId: string, value: unknown): number {
  // RDS writes a number; hand-made secrets often carry "5432".
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SecretFormatError(secretId, 'port', 'must be an integer from 1 to 65535');
  }
  return port;
}

/**
 * Parses a database secret's SecretString. Errors name the field and the rule, never a value.
 * The returned object's `password` is non-enumerable.
 *
 * @example
 * const secret = parseDatabaseSecret('app/db', secretString);
 */
export function parseDatabaseSecret(secretId: string, secretString: string): DatabaseSecret {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // The JSON error text quotes the input; never pass it on.
    throw new SecretFormatError(secretId, 'SecretString', 'must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SecretFormatError(secretId, 'SecretString', 'must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  if (!isEngine(record.engine)) {
    throw new SecretFormatError(secretId, 'engine', `must be one of ${ENGINES.join(', ')}`);
  }
  const ssl = record.ssl;
  if (ssl !== undefined && typeof ssl !== 'boolean') {
    throw new SecretFormatError(secretId, 'ssl', 'must be a boolean when present');
  }
  const secret: DatabaseSecret = {
    engine: record.engine,
    host: requiredString(secretId, record, 'host'),
    port: parsePort(secretId, record.port),
    username: requiredString(secretId, record, 'username'),
    password: '',
    ...(optionalString(secretId, record, 'dbname') !== undefined ? { dbname: record.dbname as string } : {}),
    ...(ssl !== undefined ? { ssl } : {}),
    ...(optionalString(secretId, record, 'masterarn') !== undefined
      ? { masterarn: record.masterarn as string }
      : {}),
  };
  Object.defineProperty(secret, 'password', {
    value: requiredString(secretId, record, 'password'),
    enumerable: false,
    writable: false,
  });
  return Object.freeze(secret);
}
