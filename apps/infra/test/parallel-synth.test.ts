import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Environment } from '@credential-rotation/environment-config';
import { parseEnvironment } from '@credential-rotation/environment-config';
import { App } from 'cdktf';
import { generateOrganization } from '../src/bench/generate-organization';
import { addEnvironmentStacks } from '../src/environment-stacks';
import { synthesize } from '../src/synthesize';
import { FIXTURE_ZIP } from './helpers';

/** Every file under `dir` by relative path, with its content. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return found;
}

const ACCOUNTS = 60;

describe('synthesize: a stack-per-account environment in parallel threads, a few stacks per App', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'parallel-synth-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const config = generateOrganization({
    accounts: ACCOUNTS,
    secretsPerAccount: 2,
    layout: 'stack-per-account',
  });
  const environment: Environment = { name: 'bench', config: parseEnvironment('bench', config).config };

  it('writes exactly what one App with every stack writes: stacks, assets and the manifest with its deploy order', async () => {
    const parallel = join(work, 'parallel');
    // 60 accounts in 2 threads, 7 stacks per App: the organization stack and workload stacks in
    // different Apps and threads.
    const result = await synthesize({
      environments: [{ name: 'bench', config }],
      lambdaZipPath: () => FIXTURE_ZIP,
      outdir: parallel,
      threads: 2,
      stacksPerApp: 7,
    });
    expect(result.ok && result.stacks.length).toBe(ACCOUNTS + 1);

    const whole = join(work, 'whole');
    const app = new App({ outdir: whole });
    addEnvironmentStacks(app, environment, { lambdaZipPath: FIXTURE_ZIP });
    app.synth();

    const expected = files(whole);
    const actual = files(parallel);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, content] of expected)
      expect([path, actual.get(path) === content]).toEqual([path, true]);
    const manifest = JSON.parse(expected.get('manifest.json') ?? '{}') as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    expect(manifest.stacks['bench-acct-059']?.dependencies).toEqual(['bench']);
  });

  // The first account is this thread's share, the last a worker's: either failing stops the synth,
  // and the output is removed only once the other threads have stopped writing into it.
  it.each([
    ['a worker thread', ACCOUNTS - 1],
    ['this thread', 0],
  ])("reports %s's config error by its name and leaves no output behind", async (_who, index) => {
    const outdir = join(work, 'out');
    const account = config.accounts.workloads[index]!;
    // So many application roles in one account that its guard rule's event pattern passes
    // EventBridge's limit: the workload stack refuses it.
    const users = Array.from({ length: 60 }, (_, u) => ({
      username: `user_${u}`,
      strategy: 'single-user' as const,
      applicationRoleName: `application-role-with-a-long-name-${u}`,
      tags: { system: 'payments', critical: false },
    }));
    const workloads = [...config.accounts.workloads];
    workloads[index] = { ...account, databases: [{ ...account.databases![0]!, users }] };
    const broken = { ...config, accounts: { ...config.accounts, workloads } };
    await expect(
      synthesize({
        environments: [{ name: 'bench', config: broken }],
        lambdaZipPath: () => FIXTURE_ZIP,
        outdir,
        threads: 2,
      }),
    ).rejects.toMatchObject({
      name: 'GovernanceConfigError',
      message: expect.stringMatching(/event pattern/),
    });
    expect(existsSync(outdir)).toBe(false);
  });
});
