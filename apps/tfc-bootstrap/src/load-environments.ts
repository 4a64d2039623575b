import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateEnvironments, type Environment } from '@credential-rotation/environment-config';
import { BootstrapConfigError } from './errors';

/** The compiled environment configs: `environments/dist/<env>/config.js`. */
export function environmentsDistDir(): string {
  return join(dirname(require.resolve('@credential-rotation/environments/package.json')), 'dist');
}

/**
 * Loads and validates every environment config compiled under `distDir`, reporting every problem of
 * every environment at once.
 *
 * @example const environments = loadEnvironments(environmentsDistDir());
 */
export function loadEnvironments(distDir: string): readonly Environment[] {
  if (!existsSync(distDir)) {
    throw new BootstrapConfigError(
      `${distDir} does not exist: build the environment configs first (npx tsc -p environments/tsconfig.build.json).`,
    );
  }
  const names = readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(distDir, entry.name, 'config.js')))
    .map((entry) => entry.name)
    .sort();
  const raw = names.map((name) => {
    // Compiled configs are CommonJS modules with a default export.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(join(distDir, name, 'config.js')) as { default?: unknown };
    return { name, config: loaded.default };
  });
  const result = validateEnvironments(raw);
  if (!result.ok) {
    throw new BootstrapConfigError(`Environment configs are invalid:\n- ${result.problems.join('\n- ')}`);
  }
  return result.environments;
}
