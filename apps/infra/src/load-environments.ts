import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawEnvironment } from '@credential-rotation/environment-config';

/** Root of the environments workspace (the folders with config.ts). */
export function environmentsRoot(): string {
  return dirname(require.resolve('@credential-rotation/environments/package.json'));
}

/** Folder names under `root` that contain a config.ts, sorted. */
export function discoverEnvironments(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'config.ts')))
    .map((entry) => entry.name)
    .sort();
}

export interface LoadResult {
  readonly environments: readonly RawEnvironment[];
  /** One line per environment that could not be loaded. */
  readonly problems: readonly string[];
}

/**
 * Loads every environment's compiled config (`dist/<env>/config.js`, default export) without
 * validating it; validation reports all environments' problems together.
 */
export function loadEnvironments(root: string): LoadResult {
  const environments: RawEnvironment[] = [];
  const problems: string[] = [];
  for (const name of discoverEnvironments(root)) {
    const compiled = join(root, 'dist', name, 'config.js');
    if (!existsSync(compiled)) {
      problems.push(`${name}: ${compiled} is missing: build the environments workspace (npm run build)`);
      continue;
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- configs are CommonJS modules found at run time
      const loaded = require(compiled) as { default?: unknown };
      if (loaded.default === undefined)
        problems.push(`${name}: config.ts must default-export defineEnvironment({...})`);
      else environments.push({ name, config: loaded.default });
    } catch (cause) {
      // Only the error's name: the message of a failed module could quote arbitrary file content.
      problems.push(
        `${name}: config.js failed to load (${cause instanceof Error ? cause.name : 'unknown error'})`,
      );
    }
  }
  return { environments, problems };
}
