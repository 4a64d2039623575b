import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { SCRAM } from '../constants';

const pbkdf2Async = promisify(pbkdf2);

/** RFC 3454 table C.1.2: non-ASCII space characters, mapped to U+0020. */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
/** RFC 3454 table B.1: characters commonly mapped to nothing. */
// eslint-disable-next-line no-misleading-character-class -- the table lists combining characters on purpose
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;

/**
 * The SASLprep mapping and NFKC normalization that PostgreSQL, libpq and node-postgres apply
 * to a password before PBKDF2. Applying the same steps keeps the verifier we store usable by
 * all of them for non-ASCII passwords too (ASCII passwords are unchanged).
 */
export function saslPrepPassword(password: string): string {
  return password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
}

export interface ScramVerifierOptions {
  /** @default - 16 random bytes */
  readonly salt?: Buffer;
  /** @default 4096 (the PostgreSQL default, scram_iterations) */
  readonly iterations?: number;
}

/**
 * Computes a PostgreSQL SCRAM-SHA-256 verifier
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, base64 parts) so that
 * ALTER ROLE sends the verifier, and the plain password never reaches server logs.
 *
 * @example
 * const verifier = await scramSha256Verifier(newPassword);
 * await client.query(`ALTER ROLE ${client.escapeIdentifier(user)} PASSWORD ${client.escapeLiteral(verifier)}`);
 */
export async function scramSha256Verifier(
  password: string,
  options: ScramVerifierOptions = {},
): Promise<string> {
  const salt = options.salt ?? randomBytes(SCRAM.saltBytes);
  const iterations = options.iterations ?? SCRAM.iterations;
  const saltedPassword = await pbkdf2Async(saslPrepPassword(password), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', saltedPassword).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', saltedPassword).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
