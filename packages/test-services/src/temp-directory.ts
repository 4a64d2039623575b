import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDirectory, untrackDirectory } from './cleanup-registry';

/** Creates a private temp dir that is removed on remove() or when the process exits. */
export function createTempDirectory(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `credential-rotation-${prefix}-`));
  trackDirectory(path);
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      untrackDirectory(path);
    },
  };
}
