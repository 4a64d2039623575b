/**
 * Runs checkov (pip, installed by .ci/install-test-deps) on every synthesized stack with the
 * repository's .checkov.yaml. Fails, never skips, when checkov or the stacks are missing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cdktfOutDir } from '../../src';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'checkov.sh');
const CHECKOV_TIMEOUT_MS = 300_000;

describe('checkov', () => {
  it(
    'finds no failed check in any synthesized stack',
    () => {
      const run = spawnSync('bash', [SCRIPT, cdktfOutDir()], {
        encoding: 'utf8',
        timeout: CHECKOV_TIMEOUT_MS,
      });
      const output = `${run.stdout}${run.stderr}`;
      expect({
        status: run.status,
        failed: output.match(/^Check: .*$|^\s*FAILED for resource: .*$/gm) ?? [],
      }).toEqual({
        status: 0,
        failed: [],
      });
      expect(output).toMatch(/Failed checks: 0/);
    },
    CHECKOV_TIMEOUT_MS,
  );
});
