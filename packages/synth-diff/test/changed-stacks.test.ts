import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedStacks, MAX_MATRIX_JOBS } from '../src/changed-stacks';
import { runCli } from '../src/cli';
import { diffStackSets } from '../src/diff-stacks';
import { loadStacks } from '../src/load-stacks';
import type { ChangedStacks } from '../src/changed-stacks';
import type { DiffReport } from '../src/types';
import { FIXTURES, fixture } from './helpers/fixtures';

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(['changed-stacks', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

function changed(base: string, head: string, environments?: string[]): ChangedStacks {
  const report = diffStackSets(loadStacks(base, '--base'), loadStacks(head, '--head'));
  return changedStacks(report, base, head, environments === undefined ? {} : { environments });
}

/** A copy of the per-account fixture to edit; removed after the test. */
function copyOfPerAccount(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-'));
  cpSync(join(FIXTURES, 'per-account'), dir, { recursive: true });
  return { dir, base: join(dir, 'base'), head: join(dir, 'head') };
}

function editJson(file: string, edit: (document: Record<string, unknown>) => void): void {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(document);
  writeFileSync(file, JSON.stringify(document, null, 2));
}

/** An environment's entry: organization stack, workload stacks, and those in one batch. */
function stacksOf(organization: string[], workloads: string[]) {
  return {
    organization,
    workloads,
    workloadBatches: workloads.length > 0 ? [JSON.stringify(workloads)] : [],
  };
}

describe('changed stacks', () => {
  const { base, head } = fixture('per-account');

  it('lists the changed stacks in apply order: environments as given, organization before workloads', () => {
    const result = changed(base, head, ['dev', 'staging', 'prod']);
    expect(result.stacks).toEqual([
      'staging-ledger',
      'staging-payments',
      'prod',
      'prod-orders',
      'prod-payments',
    ]);
    expect(result.removed).toEqual(['prod-legacy']);
    expect(result.preview).toEqual([...result.stacks, 'prod-legacy']);
    expect(result.environments).toEqual({
      dev: stacksOf([], []),
      staging: stacksOf([], ['staging-ledger', 'staging-payments']),
      prod: stacksOf(['prod'], ['prod-orders', 'prod-payments']),
    });
    // The JSON key order is the apply order too.
    expect(Object.keys(result.environments)).toEqual(['dev', 'staging', 'prod']);
  });

  it('says why each stack is listed: status, environment, role and dependencies from the manifest', () => {
    expect(changed(base, head).details).toEqual([
      { stack: 'prod', environment: 'prod', role: 'organization', status: 'changed', dependsOn: [] },
      { stack: 'prod-legacy', environment: 'prod', role: 'workload', status: 'removed', dependsOn: ['prod'] },
      { stack: 'prod-orders', environment: 'prod', role: 'workload', status: 'changed', dependsOn: ['prod'] },
      {
        stack: 'prod-payments',
        environment: 'prod',
        role: 'workload',
        status: 'changed',
        dependsOn: ['prod'],
      },
      {
        stack: 'staging-ledger',
        environment: 'staging',
        role: 'workload',
        status: 'added',
        dependsOn: ['staging'],
      },
      {
        stack: 'staging-payments',
        environment: 'staging',
        role: 'workload',
        status: 'changed',
        dependsOn: ['staging'],
      },
    ]);
  });

  it('counts an output-only change (prod-orders) and a new variable (prod-payments), and leaves out unchanged stacks', () => {
    const result = changed(base, head);
    expect(result.stacks).toEqual(expect.arrayContaining(['prod-orders', 'prod-payments']));
    for (const unchanged of ['dev', 'staging', 'staging-orders']) {
      expect(result.preview).not.toContain(unchanged);
    }
  });

  it('counts a provider-only change', () => {
    const copy = copyOfPerAccount();
    try {
      editJson(join(copy.head, 'stacks', 'staging-orders', 'cdk.tf.json'), (document) => {
        document.provider = { aws: [{ alias: 'workload', region: 'eu-central-1' }] };
      });
      expect(changed(copy.base, copy.head, ['dev', 'staging', 'prod']).environments.staging).toEqual(
        stacksOf([], ['staging-ledger', 'staging-orders', 'staging-payments']),
      );
    } finally {
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });

  it('without --environments, orders environments as the head manifest does (cdktf writes it by name)', () => {
    expect(Object.keys(changed(base, head).environments)).toEqual(['prod', 'staging']);
  });

  it('lists nothing when nothing changed', () => {
    const { base: same, head: alsoSame } = fixture('unchanged');
    expect(changed(same, alsoSame, ['staging'])).toEqual({
      stacks: [],
      removed: [],
      preview: [],
      previewPlanned: [],
      previewNotPlanned: [],
      environments: { staging: stacksOf([], []) },
      details: [],
    });
  });

  it('treats stacks without manifest dependencies as single-stack environments (the shipped layout)', () => {
    const { base: example, head: exampleHead } = fixture('example');
    const result = changed(example, exampleHead, ['dev', 'staging', 'prod']);
    expect(result.stacks).toEqual(['dev', 'prod']);
    expect(result.environments).toEqual({
      dev: stacksOf(['dev'], []),
      staging: stacksOf([], []),
      prod: stacksOf(['prod'], []),
    });
  });

  it('lists every stack as added when the base has no stacks (a base that did not synthesize, a manual run)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'changed-stacks-empty-'));
    try {
      const result = changed(empty, head, ['dev', 'staging', 'prod']);
      expect(result.stacks).toEqual([
        'dev',
        'staging',
        'staging-ledger',
        'staging-orders',
        'staging-payments',
        'prod',
        'prod-orders',
        'prod-payments',
      ]);
      expect(new Set(result.details.map((detail) => detail.status))).toEqual(new Set(['added']));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reads the manifest when given the stacks folder', () => {
    expect(changed(join(base, 'stacks'), join(head, 'stacks'), ['dev', 'staging', 'prod']).stacks).toEqual(
      changed(base, head, ['dev', 'staging', 'prod']).stacks,
    );
  });
});

describe('changes to more stacks than a GitHub Actions matrix runs (256)', () => {
  /** Base and head synth outputs of `count` workload stacks of prod, every one of them changed. */
  function changedEverywhere(count: number): ChangedStacks {
    const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-many-'));
    try {
      const names = Array.from({ length: count }, (_, i) => `prod-acct-${String(i).padStart(4, '0')}`);
      const manifest = {
        version: '0.21.0',
        stacks: Object.fromEntries([
          ['prod', { dependencies: [] }],
          ...names.map((name) => [name, { dependencies: ['prod'] }]),
        ]),
      };
      for (const side of ['base', 'head']) {
        mkdirSync(join(dir, side), { recursive: true });
        writeFileSync(join(dir, side, 'manifest.json'), JSON.stringify(manifest));
      }
      const report: DiffReport = {
        stacks: names.map((stack) => ({
          stack,
          status: 'changed' as const,
          counts: { added: 0, changed: 1, removed: 0, renamed: 0 },
          blocks: [],
        })),
      };
      return changedStacks(report, join(dir, 'base'), join(dir, 'head'), { environments: ['prod'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('applies 1,000 workload stacks as 4 batches of 250, every stack once, in order', () => {
    const result = changedEverywhere(1000);
    const batches = (result.environments.prod?.workloadBatches ?? []).map((b) => JSON.parse(b) as string[]);
    expect(batches.map((batch) => batch.length)).toEqual([250, 250, 250, 250]);
    expect(batches.flat()).toEqual(result.environments.prod?.workloads);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(MAX_MATRIX_JOBS);
  });

  it('keeps 256 stacks in one batch and splits 257 into two', () => {
    expect(changedEverywhere(256).environments.prod?.workloadBatches).toHaveLength(1);
    const split = changedEverywhere(257).environments.prod?.workloadBatches ?? [];
    expect(split.map((b) => (JSON.parse(b) as string[]).length)).toEqual([128, 129]);
  });

  it('plans the first 256 previews and names the rest', () => {
    const result = changedEverywhere(300);
    expect(result.previewPlanned).toEqual(result.preview.slice(0, 256));
    expect(result.previewNotPlanned).toEqual(result.preview.slice(256));
    expect(result.previewNotPlanned).toHaveLength(44);
  });
});

describe('synth-diff changed-stacks command line', () => {
  const { base, head } = fixture('per-account');

  it('prints one line of JSON whose arrays serve as GitHub Actions matrices', () => {
    const result = run(['--base', base, '--head', head, '--environments', 'dev', 'staging', 'prod']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(result.stdout) as ChangedStacks;
    expect(parsed.environments.prod).toEqual(stacksOf(['prod'], ['prod-orders', 'prod-payments']));
    expect(parsed.preview).toContain('prod-legacy');
  });

  it('prints a stack and its status per line with --format text, and writes a file with --output', () => {
    const result = run([
      '--base',
      base,
      '--head',
      head,
      '--format',
      'text',
      '--environments',
      'dev',
      'staging',
      'prod',
    ]);
    expect(result.stdout).toBe(
      [
        'staging-ledger\tadded',
        'staging-payments\tchanged',
        'prod\tchanged',
        'prod-legacy\tremoved',
        'prod-orders\tchanged',
        'prod-payments\tchanged',
        '',
      ].join('\n'),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'changed-stacks-out-')), 'changed.json');
    expect(run(['--base', base, '--head', head, '--output', file]).stdout).toBe('');
    expect((JSON.parse(readFileSync(file, 'utf8')) as ChangedStacks).stacks).toHaveLength(5);
  });

  it('refuses a changed stack of an environment the workflow does not apply', () => {
    const result = run(['--base', base, '--head', head, '--environments', 'dev', 'prod']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('environment(s) "staging" changed, but only dev, prod are listed');
  });

  it('refuses a layout move, whose organization stack depends on its workload stacks', () => {
    const copy = copyOfPerAccount();
    try {
      editJson(join(copy.head, 'manifest.json'), (manifest) => {
        const stacks = manifest.stacks as Record<string, { dependencies: string[] }>;
        for (const [name, stack] of Object.entries(stacks)) {
          if (name.startsWith('prod-')) stack.dependencies = [];
        }
        (stacks.prod as { dependencies: string[] }).dependencies = ['prod-orders', 'prod-payments'];
      });
      const result = run(['--base', copy.base, '--head', copy.head]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('stack "prod" depends on "prod-orders", "prod-payments"');
      expect(result.stderr).toContain('docs/infra/layouts.md');
    } finally {
      rmSync(copy.dir, { recursive: true, force: true });
    }
  });

  it('requires --base and --head, and fails on a missing folder', () => {
    expect(run(['--head', head]).code).toBe(1);
    const missing = run(['--base', join(tmpdir(), 'no-such-synth'), '--head', head]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--base: folder');
  });

  it('is listed in the main help', () => {
    let stdout = '';
    runCli(['--help'], { stdout: (text) => (stdout += text), stderr: () => undefined });
    expect(stdout).toContain('changed-stacks --base <dir> --head <dir>');
  });
});

describe('docs/delivery/pipelines.md', () => {
  it('shows what the command prints for the per-account fixture', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'delivery', 'pipelines.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Which stacks a change previews and applies'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const documented = JSON.parse(example) as ChangedStacks;
    const { base, head } = fixture('per-account');
    const actual = changed(base, head, ['dev', 'staging', 'prod']);
    expect({ ...documented, details: undefined }).toEqual({ ...actual, details: undefined });
    expect(documented.details).toHaveLength(1);
    expect(actual.details).toContainEqual(documented.details[0]);
  });
});
