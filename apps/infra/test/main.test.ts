import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentsDir, plainConfig } from './config-fixtures';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

describe('main (the cdktf app process)', () => {
  it('exits non-zero with one line per problem and writes nothing on bad config', () => {
    // The test runs the built app, as cdktf does; turbo builds it before testing.
    expect(existsSync(MAIN)).toBe(true);
    const bad = plainConfig() as { region: string; rotation: { schedule: string } };
    bad.region = 'Europe';
    bad.rotation.schedule = 'rate(1 hour)';
    const root = environmentsDir({ dev: plainConfig(), prod: bad });
    const outdir = join(mkdtempSync(join(tmpdir(), 'main-')), 'cdktf.out');
    try {
      const run = spawnSync(process.execPath, [MAIN], {
        env: { ...process.env, CREDENTIAL_ROTATION_ENVIRONMENTS_DIR: root, CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        'prod: region: must be an AWS region like eu-west-1 (got "Europe")',
        'prod: rotation.schedule: must not rotate more often than every 4 hours (rate(4 hours) or longer) (got "rate(1 hour)")',
        'synth stopped: 2 config problem(s); nothing was written',
      ]);
      expect(existsSync(outdir)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
