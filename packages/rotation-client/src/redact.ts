const REDACTED = '[REDACTED]';

/** `scheme://user:password@host` -> `scheme://user:[REDACTED]@host`, whatever the password. */
const DSN_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi;

/**
 * Removes every occurrence of the given secret values, and any password embedded in a DSN, from text.
 *
 * @example
 * redactText('bad password p4ss', ['p4ss']) // 'bad password [REDACTED]'
 */
export function redactText(text: string, secretValues: readonly string[]): string {
  let result = text.replace(DSN_PASSWORD, `$1${REDACTED}@`);
  for (const value of secretValues) {
    if (value.length > 0) result = result.split(value).join(REDACTED);
  }
  return result;
}

/**
 * Scrubs a driver error in place (message, stack and the string fields drivers attach) so it can be
 * kept as a `cause` without carrying a secret value. Returns the same error.
 */
export function redactError<E>(error: E, secretValues: readonly string[]): E {
  if (typeof error !== 'object' || error === null) return error;
  const record = error as Record<string, unknown>;
  for (const field of ['message', 'stack', 'detail', 'hint', 'sqlMessage', 'sql']) {
    const value = record[field];
    if (typeof value === 'string') {
      try {
        record[field] = redactText(value, secretValues);
      } catch {
        // A read-only field: leave it; the wrapping error never copies it.
      }
    }
  }
  if (record.cause !== undefined && record.cause !== error) redactError(record.cause, secretValues);
  return error;
}
