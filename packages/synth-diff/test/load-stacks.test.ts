import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackLoadError } from '../src/errors';
import { diffStackSets } from '../src/diff-stacks';
import { loadStacks } from '../src/load-stacks';
import { fixture } from './helpers/fixtures';

describe('loadStacks', () => {
  it('reads a synth output, its stacks folder or a single stack folder', () => {
    const { head } = fixture('example');
    expect([...loadStacks(head, '--head').stacks.keys()]).toEqual(['dev', 'staging', 'prod']);
    expect([...loadStacks(join(head, 'stacks'), '--head').stacks.keys()].sort()).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
    const single = loadStacks(join(head, 'stacks', 'dev'), '--head');
    expect(single.single).toBe(true);
    expect([...single.stacks.keys()]).toEqual(['dev']);
  });

  it('compares two single stack folders whatever their names', () => {
    const { base, head } = fixture('example');
    const report = diffStackSets(
      loadStacks(join(base, 'stacks', 'prod'), '--base'),
      loadStacks(join(head, 'stacks', 'dev'), '--head'),
    );
    expect(report.stacks).toHaveLength(1);
    expect(report.stacks[0]?.status).toBe('changed');
  });

  it('treats an existing folder without stacks as an empty side', () => {
    const empty = mkdtempSync(join(tmpdir(), 'synth-diff-'));
    expect(loadStacks(empty, '--base').stacks.size).toBe(0);
  });

  it('throws naming the option when the folder does not exist', () => {
    expect(() => loadStacks('/nonexistent/cdktf.out', '--base')).toThrow(StackLoadError);
    expect(() => loadStacks('/nonexistent/cdktf.out', '--base')).toThrow(/^--base: folder/);
  });

  it('throws naming the file when a stack is not valid JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-diff-'));
    mkdirSync(join(dir, 'stacks', 'dev'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'dev', 'cdk.tf.json'), '{ not json');
    expect(() => loadStacks(dir, '--head')).toThrow(/--head: .*cdk\.tf\.json is not valid JSON/);
  });
});
