import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli';
import { fixture } from './helpers/fixtures';

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('synth-diff command line', () => {
  const { base, head } = fixture('example');

  it('prints Markdown by default', () => {
    const result = run(['--base', base, '--head', head]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Stack `dev`: 1 added, 2 changed, 1 removed, 1 renamed');
  });

  it('prints one stack with --stack, for one comment per stack', () => {
    const result = run(['--base', base, '--head', head, '--stack', 'prod', '--title', '']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Stack `prod`: 1 changed');
    expect(result.stdout).not.toContain('Stack `dev`');
    expect(result.stdout).not.toContain('## Synth diff');
  });

  it('stays within --max-length and says where the whole diff is with --full-diff', () => {
    const result = run([
      '--base',
      base,
      '--head',
      head,
      '--max-length',
      '1500',
      '--full-diff',
      'See the job summary.',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeLessThanOrEqual(1500);
    expect(result.stdout).toContain('See the job summary.');
  });

  it('prints the report as JSON with --format json', () => {
    const result = run(['--base', base, '--head', head, '--format', 'json']);
    const report = JSON.parse(result.stdout) as { stacks: { stack: string; status: string }[] };
    expect(report.stacks.map((stack) => [stack.stack, stack.status])).toEqual([
      ['dev', 'changed'],
      ['staging', 'unchanged'],
      ['prod', 'changed'],
    ]);
  });

  it('writes to a file with --output', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'synth-diff-')), 'diff.md');
    expect(run(['--base', base, '--head', head, '--output', file]).stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('| `staging` | no changes |');
  });

  it('refuses an unknown stack, naming the option and the known stacks', () => {
    const result = run(['--base', base, '--head', head, '--stack', 'qa']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--stack: no stack named "qa"');
    expect(result.stderr).toContain('known stacks: dev, staging, prod');
  });

  it('refuses a missing folder and an unknown format', () => {
    expect(run(['--base', '/nonexistent', '--head', head]).stderr).toContain(
      '--base: folder "/nonexistent" does not exist',
    );
    const badFormat = run(['--base', base, '--head', head, '--format', 'yaml']);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('yaml');
  });

  it('requires --base and --head', () => {
    const result = run(['--head', head]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--base');
  });
});
