import { EXIT_CODES } from '../../src';
import { runReport } from '../support/run-cli';

describe('credential-rotation report (input errors, no network)', () => {
  it('refuses an unknown environment with one line and exit code 2', async () => {
    const run = await runReport(['report', '--env', 'nowhere']);
    expect(run.code).toBe(EXIT_CODES.incomplete);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--env nowhere: no compiled config');
  });

  it('refuses an unknown --fail-on kind and a malformed --since', async () => {
    const failOn = await runReport(['report', '--env', 'prod', '--fail-on', 'overdue,late']);
    expect(failOn.code).toBe(EXIT_CODES.incomplete);
    expect(failOn.stderr).toContain('unknown kind "late"');
    const since = await runReport(['report', '--env', 'prod', '--since', 'a week']);
    expect(since.stderr).toContain('must be a duration like 30m, 12h, 7d or 2w');
  });

  it('prints help with exit code 0', async () => {
    const run = await runReport(['report', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--fail-on <kinds>');
  });
});
