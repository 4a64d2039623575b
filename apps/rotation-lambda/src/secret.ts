import { ENGINES } from '@credential-rotation/engine-adapters';
import type { DatabaseCredentials, Engine } from '@credential-rotation/engine-adapters';
// zod/mini: the same checks as `zod`, a fraction of the bundle size and module init time.
import * as z from 'zod/mini';
import { ROTATION_STRATEGIES } from './constants';
import type { RotationStrategy } from './constants';
import { InvalidSecretError } from './errors';

/**
 * The JSON document of one secret version:
 * `{engine, host, port, username, password?, dbname?, masterarn?, ssl?, rotationStrategy?}`.
 * Unknown fields are kept and copied into the next version.
 */
export interface DatabaseSecret {
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** Non-enumerable, so logging or serialising the object cannot leak it. Absent before the first rotation. */
  readonly password?: string;
  /** @default - the engine's default database */
  readonly dbname?: string;
  /** ARN of the master user's secret: sets the first password and the alternating users' passwords. */
  readonly masterarn?: string;
  /** @default true (TLS with certificate verification) */
  readonly ssl?: boolean;
  /** @default 'single-user' */
  readonly rotationStrategy: RotationStrategy;
  /** Every field as stored, unknown ones included. Non-enumerable: it holds the password. */
  readonly document: Readonly<Record<string, unknown>>;
}

/** The master user's secret: only `username` and `password` are read (RDS-managed secrets hold no more). */
export interface MasterSecret {
  readonly username: string;
  /** Non-enumerable. */
  readonly password: string;
}

/** Printable: no control characters (they break logs and some drivers' quoting). */
const PRINTABLE = /^[^\p{Cc}]+$/u;

const RULES = {
  engine: `must be one of ${ENGINES.join(', ')}`,
  host: 'must be a non-empty host name without spaces',
  port: 'must be an integer from 1 to 65535',
  username: 'must be a non-empty string of printable characters',
  password: 'must be a string of printable characters',
  dbname: 'must be a non-empty string of printable characters',
  masterarn: 'must be the ARN of a Secrets Manager secret (arn:<partition>:secretsmanager:...:secret:...)',
  ssl: 'must be true or false',
  rotationStrategy: `must be one of ${ROTATION_STRATEGIES.join(', ')}`,
} as const;

const printable = () => z.string().check(z.regex(PRINTABLE));

const port = z.pipe(
  z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d{1,5}$/)), z.transform(Number))]),
  z.number().check(z.int(), z.minimum(1), z.maximum(65_535)),
);

const secretSchema = z.looseObject({
  engine: z.enum(ENGINES),
  host: z.string().check(z.regex(/^[^\s/]+$/)),
  port,
  username: printable(),
  password: z.optional(z.union([z.literal(''), printable()])),
  dbname: z.optional(printable()),
  masterarn: z.optional(
    z.string().check(z.regex(/^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/)),
  ),
  ssl: z.optional(z.boolean()),
  rotationStrategy: z.optional(z.enum(ROTATION_STRATEGIES)),
});

const masterSchema = z.looseObject({
  username: printable(),
  password: printable(),
});

/**
 * Parses the SecretString of one version. Throws `InvalidSecretError` naming the field
 * (never the value) for malformed JSON, a non-object, a missing or invalid field.
 *
 * @example
 * const current = parseSecret(value.SecretString, 'AWSCURRENT');
 */
export function parseSecret(secretString: string | undefined, version: string): DatabaseSecret {
  const document = parseDocument(secretString, version);
  const result = secretSchema.safeParse(document);
  if (!result.success) throw invalidField(result.error, document, version);
  const fields = result.data;
  if (fields.rotationStrategy === 'alternating-users' && fields.masterarn === undefined) {
    throw new InvalidSecretError(
      version,
      'masterarn',
      'is required when rotationStrategy is alternating-users',
    );
  }
  const secret = {
    engine: fields.engine,
    host: fields.host,
    port: fields.port,
    username: fields.username,
    ...(fields.dbname === undefined ? {} : { dbname: fields.dbname }),
    ...(fields.masterarn === undefined ? {} : { masterarn: fields.masterarn }),
    ...(fields.ssl === undefined ? {} : { ssl: fields.ssl }),
    rotationStrategy: fields.rotationStrategy ?? 'single-user',
  };
  hide(secret, 'document', document);
  // An empty password is what Terraform writes before the first rotation: treat it as absent.
  if (fields.password !== undefined && fields.password !== '') hide(secret, 'password', fields.password);
  return secret as DatabaseSecret;
}

/** Parses the master user's secret (`masterarn`). */
export function parseMasterSecret(secretString: string | undefined, version: string): MasterSecret {
  const document = parseDocument(secretString, version);
  const result = masterSchema.safeParse(document);
  if (!result.success) throw invalidField(result.error, document, version);
  const secret = { username: result.data.username };
  hide(secret, 'password', result.data.password);
  return secret as MasterSecret;
}

/** Connection facts of `secret` with another user's name and password (master, clone). */
export function loginAs(secret: DatabaseSecret, username: string, password: string): DatabaseCredentials {
  const credentials = {
    engine: secret.engine,
    host: secret.host,
    port: secret.port,
    username,
    ...(secret.dbname === undefined ? {} : { dbname: secret.dbname }),
    ...(secret.ssl === undefined ? {} : { ssl: secret.ssl }),
  };
  hide(credentials, 'password', password);
  return credentials as DatabaseCredentials;
}

/** The SecretString of the next version: the stored document with a new username and password. */
export function nextSecretString(current: DatabaseSecret, username: string, password: string): string {
  return JSON.stringify({ ...current.document, username, password });
}

function parseDocument(secretString: string | undefined, version: string): Record<string, unknown> {
  if (secretString === undefined) {
    throw new InvalidSecretError(version, 'SecretString', 'is missing (binary secrets are not supported)');
  }
  let document: unknown;
  try {
    document = JSON.parse(secretString);
  } catch {
    // No cause: V8's SyntaxError message quotes the text around the error, i.e. the secret.
    throw new InvalidSecretError(version, '(secret)', 'is not valid JSON');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidSecretError(version, '(secret)', 'must be a JSON object');
  }
  return document as Record<string, unknown>;
}

/** Builds the message from our own rule text: zod's messages are not guaranteed value-free. */
function invalidField(
  error: z.core.$ZodError,
  document: Record<string, unknown>,
  version: string,
): InvalidSecretError {
  const field = String(error.issues[0]?.path[0] ?? '(secret)');
  if (document[field] === undefined) return new InvalidSecretError(version, field, 'is required');
  const rule = field in RULES ? RULES[field as keyof typeof RULES] : 'is invalid';
  return new InvalidSecretError(version, field, rule);
}

function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: false });
}
