import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { EnvironmentConfigError, parseEnvironment } from '@credential-rotation/environment-config';
import type { Environment } from '@credential-rotation/environment-config';
import { EnvironmentLoadError } from './errors';

/**
 * Loads and validates one environment: from `configFile` (a .json file or a CommonJS module
 * with a default export) when given, else from the environments workspace's compiled
 * `dist/<env>/config.js`, as the infra app does.
 */
export function loadEnvironment(name: string, configFile?: string): Environment {
  const file = configFile === undefined ? compiledConfigPath(name) : resolve(configFile);
  if (!existsSync(file)) {
    throw new EnvironmentLoadError(
      configFile === undefined
        ? `--env ${name}: no compiled config at ${file}; check the name (a folder under environments/) and run npm run build`
        : `--config: ${file} does not exist`,
    );
  }
  let raw: unknown;
  try {
    if (extname(file) === '.json') raw = JSON.parse(readFileSync(file, 'utf8'));
    else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- configs are CommonJS modules found at run time
      const loaded = require(file) as { default?: unknown };
      raw = loaded.default ?? loaded;
    }
  } catch (cause) {
    // Only the error's name: a failed module's message could quote arbitrary file content.
    throw new EnvironmentLoadError(
      `${name}: ${file} failed to load (${cause instanceof Error ? cause.name : 'unknown error'})`,
      { cause },
    );
  }
  try {
    return parseEnvironment(name, raw);
  } catch (error) {
    if (error instanceof EnvironmentConfigError)
      throw new EnvironmentLoadError(error.message, { cause: error });
    throw error;
  }
}

function compiledConfigPath(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new EnvironmentLoadError(`--env must be an environment folder name like prod (got "${name}")`);
  }
  const root = dirname(require.resolve('@credential-rotation/environments/package.json'));
  return join(root, 'dist', name, 'config.js');
}
