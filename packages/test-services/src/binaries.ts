import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MissingBinaryError } from './errors';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds an executable in the given directories, then on PATH. */
export function findExecutable(
  name: string,
  preferredDirectories: readonly string[] = [],
): string | undefined {
  const pathDirectories = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry.length > 0);
  for (const directory of [...preferredDirectories, ...pathDirectories]) {
    const candidate = join(directory, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Like findExecutable, but throws a MissingBinaryError naming the binary and the fix. */
export function requireExecutable(
  name: string,
  what: string,
  preferredDirectories: readonly string[] = [],
): string {
  const found = findExecutable(name, preferredDirectories);
  if (found === undefined) throw new MissingBinaryError(`${what} (\`${name}\`)`);
  return found;
}

/** The newest /usr/lib/postgresql/<major>/bin, where Debian installs the server binaries. */
export function postgresBinDirectories(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return readdirSync(root)
      .filter((entry) => /^\d+$/.test(entry))
      .sort((a, b) => Number(b) - Number(a))
      .map((major) => join(root, major, 'bin'));
  } catch {
    return [];
  }
}
