import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleEnvironmentConfig } from '@credential-rotation/environment-config';

/** A small valid config as plain data (what a compiled config.js default-exports), fresh on each call. */
export function plainConfig(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(exampleEnvironmentConfig())) as Record<string, unknown>;
}

/**
 * A temporary environments workspace: `<name>/config.ts` (a marker, as in the real workspace)
 * and `dist/<name>/config.js` exporting the given config, for each entry.
 */
export function environmentsDir(configs: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'environments-'));
  for (const [name, config] of Object.entries(configs)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'config.ts'), '// compiled copy in dist/\n');
    mkdirSync(join(root, 'dist', name), { recursive: true });
    writeFileSync(
      join(root, 'dist', name, 'config.js'),
      `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = ${JSON.stringify(config)};\n`,
    );
  }
  return root;
}
