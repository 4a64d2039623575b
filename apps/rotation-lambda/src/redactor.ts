/** What replaces a secret value in any text that leaves the process. */
export const REDACTED = '[REDACTED]';

/** `scheme://user:password@` in connection strings that a driver might echo. */
const DSN_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/**
 * Remembers every secret value one invocation has seen (passwords and raw secret strings)
 * and scrubs them from text before it is logged or thrown. A second line of defence: the
 * engine adapters already keep passwords out of their errors.
 */
export class Redactor {
  private readonly values = new Set<string>();

  /** Adds a value to scrub; ignores empty strings (they would match everywhere). */
  add(value: string | undefined): void {
    if (value !== undefined && value !== '') this.values.add(value);
  }

  scrub(text: string): string {
    let result = text.replace(DSN_CREDENTIALS, `$1${REDACTED}@`);
    // Longest first, so a secret string is replaced whole before the password inside it.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(REDACTED);
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value) result = result.split(escaped).join(REDACTED);
    }
    return result;
  }
}
