import { randomInt } from 'node:crypto';
import { ConfigurationError } from './errors';

/** The character classes GetRandomPassword draws from, in its order. */
const CHARACTER_CLASSES = [
  'abcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '0123456789',
  '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
] as const;

export interface PasswordPolicy {
  readonly length: number;
  readonly excludeCharacters: string;
}

/**
 * A random password from the operating system's CSPRNG (`crypto.randomInt`), with the
 * semantics of Secrets Manager's GetRandomPassword and `RequireEachIncludedType`: printable
 * ASCII without space, minus `excludeCharacters`, at least one character of every class
 * (lower case, upper case, digit, punctuation) that keeps any character. Generated in the
 * process because GetRandomPassword is one more network round trip per rotation and adds
 * nothing: its output is as random as this, and it is as secret in transit.
 *
 * @example
 * const password = generatePassword({ length: 32, excludeCharacters: DEFAULT_EXCLUDE_CHARACTERS });
 */
export function generatePassword(policy: PasswordPolicy): string {
  const classes = CHARACTER_CLASSES.map((chars) =>
    [...chars].filter((c) => !policy.excludeCharacters.includes(c)).join(''),
  ).filter((chars) => chars.length > 0);
  const alphabet = classes.join('');
  if (alphabet.length === 0) {
    throw new ConfigurationError(
      'EXCLUDE_CHARACTERS',
      'must leave at least one character to build passwords from',
    );
  }
  if (policy.length < classes.length) {
    throw new ConfigurationError(
      'PASSWORD_LENGTH',
      `must be at least ${classes.length} (one character of each class)`,
    );
  }
  const pick = (chars: string): string => chars.charAt(randomInt(chars.length));
  // One of each class, the rest from the whole alphabet, then a Fisher-Yates shuffle.
  const characters = [
    ...classes.map(pick),
    ...Array.from({ length: policy.length - classes.length }, () => pick(alphabet)),
  ];
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}
