/**
 * The shell the pipelines run: shellcheck on every `run:` block of every workflow and on the `.ci`
 * scripts, and the deploy workflow's "Wait for the run to finish" step against a local HTTPS
 * stand-in for the Terraform Cloud runs API (real curl and jq, our test CA), with a `curl` shim on
 * PATH that records its arguments, so the token is proven to stay off command lines. That step is
 * inline in the workflow because it holds the token, and steps that hold it run no repository code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { createTestCertificateAuthority } from '@credential-rotation/test-services';
import { readWorkflows } from './helpers/workflow-rules';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const TOKEN = 'tfc-team-token.atlasv1.do-not-print-me';

/** GitHub runs `run:` blocks with `bash --noprofile --norc -eo pipefail {0}`. */
const RUN_PREAMBLE = '#!/usr/bin/env bash\nset -eo pipefail\n';

/** Every `run:` block of every workflow, as a script file; `${{ }}` expressions become a word. */
function writeRunBlocks(dir: string): string[] {
  const files: string[] = [];
  for (const [file, workflow] of readWorkflows(WORKFLOWS)) {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      (job.steps ?? []).forEach((step, index) => {
        if (step.run === undefined) return;
        const path = join(dir, `${file}-${id}-${index}.sh`);
        writeFileSync(path, RUN_PREAMBLE + step.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION'));
        files.push(path);
      });
    }
  }
  return files;
}

describe('pipeline shell', () => {
  it('passes shellcheck: every run block of every workflow and the .ci scripts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-blocks-'));
    try {
      const blocks = writeRunBlocks(dir);
      expect(blocks.length).toBeGreaterThan(10);
      const scripts = [join(REPO_ROOT, '.ci', 'run'), join(REPO_ROOT, '.ci', 'install-test-deps'), ...blocks];
      const result = spawnSync('shellcheck', ['--severity=style', ...scripts], { encoding: 'utf8' });
      // No shellcheck is a failure here, not a skip: .ci/install-test-deps installs it.
      expect(result.error).toBeUndefined();
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy-stack.yml: Wait for the run to finish', () => {
  let work: string;
  let server: Server;
  let host: string;
  /** Statuses each run id answers with, one per request; the last one repeats. */
  const script = new Map<string, string[]>();
  const requests: { runId: string; authorized: boolean }[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wait-for-run-'));
    const step = readWorkflows(WORKFLOWS)
      .get('deploy-stack.yml')
      ?.jobs.plan?.steps?.find((candidate) => candidate.id === 'wait');
    if (step?.run === undefined) {
      throw new Error('deploy-stack.yml: the plan job has no step with id "wait"');
    }
    writeFileSync(join(work, 'wait-for-run.sh'), RUN_PREAMBLE + step.run);
    const ca = await createTestCertificateAuthority();
    writeFileSync(join(work, 'ca.pem'), ca.caPem);
    const { certPath, keyPath } = await ca.issueServerCertificate(work);
    server = createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (req, res) => {
      const runId = /^\/api\/v2\/runs\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
      requests.push({ runId, authorized });
      if (!authorized) {
        res.writeHead(401).end();
        return;
      }
      const statuses = script.get(runId) ?? [];
      const status = statuses.length > 1 ? statuses.shift() : statuses[0];
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      res.end(JSON.stringify({ data: { id: runId, attributes: { status } } }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    host = `localhost:${(server.address() as AddressInfo).port}`;
    // A curl that writes down its arguments, then runs the real one.
    const curl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(
      join(work, 'curl'),
      `#!/bin/sh\nprintf '%s\\n' "$@" >> '${join(work, 'curl-argv.log')}'\nexec '${curl}' "$@"\n`,
    );
    chmodSync(join(work, 'curl'), 0o755);
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  function run(
    runId: string,
    token = TOKEN,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
      const child = spawn('bash', [join(work, 'wait-for-run.sh')], {
        env: {
          PATH: `${work}:${process.env.PATH ?? ''}`,
          TF_API_TOKEN: token,
          TFC_HOSTNAME: host,
          RUN_ID: runId,
          CURL_CA_BUNDLE: join(work, 'ca.pem'),
          WAIT_TIMEOUT_SECONDS: '60',
          WAIT_POLL_SECONDS: '0',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
  }

  it('waits through the intermediate statuses and succeeds when the run applied', async () => {
    script.set('run-applies', ['planning', 'applying', 'applied']);
    const result = await run('run-applies');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Run run-applies: planning; waiting');
    expect(result.stdout).toContain('Run run-applies: applied');
    expect(requests.filter((request) => request.runId === 'run-applies')).toHaveLength(3);
  });

  it('fails, with the run link, when the run errored', async () => {
    script.set('run-errors', ['planning', 'errored']);
    const result = await run('run-errors');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::Run run-errors ended as errored: https://${host}/app/runs/run-errors`,
    );
  });

  it('gives up after three refused requests instead of waiting out the timeout', async () => {
    script.set('run-refused', ['applied']);
    const result = await run('run-refused', 'a-wrong-token');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('the status request failed 3 times in a row');
    expect(requests.filter((request) => request.runId === 'run-refused')).toEqual([
      { runId: 'run-refused', authorized: false },
      { runId: 'run-refused', authorized: false },
      { runId: 'run-refused', authorized: false },
    ]);
  });

  it('refuses a malformed run id before any request', async () => {
    const before = requests.length;
    const result = await run('run-1; rm -rf /');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('run id must look like run-abc123');
    expect(requests).toHaveLength(before);
  });

  it('never prints the token nor passes it on a command line', async () => {
    script.set('run-quiet', ['applied']);
    const result = await run('run-quiet');
    expect(result.status).toBe(0);
    const argv = readFileSync(join(work, 'curl-argv.log'), 'utf8');
    expect(argv).toContain('--header');
    for (const output of [result.stdout, result.stderr, argv]) expect(output).not.toContain(TOKEN);
  });
});

describe('the "List the changed stacks" steps of preview.yml and main.yml', () => {
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'changed-stacks-step-'));
    // The steps run the built CLI; this one runs the sources through tsx.
    mkdirSync(join(work, 'packages', 'synth-diff', 'dist'), { recursive: true });
    writeFileSync(
      join(work, 'packages', 'synth-diff', 'dist', 'bin.js'),
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(__dirname, '..', 'src', 'bin.ts'))});\n`,
    );
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** Runs a workflow's step with id `changes` in `work` on the fixture; returns its outputs. */
  function runChanges(
    workflow: string,
    fixtureName: string,
  ): { status: number | null; stdout: string; outputs: Record<string, string>; summary: string } {
    const step = readWorkflows(WORKFLOWS)
      .get(workflow)
      ?.jobs['synth-diff']?.steps?.find((candidate) => candidate.id === 'changes');
    if (step?.run === undefined)
      throw new Error(`${workflow}: the synth-diff job has no step with id "changes"`);
    writeFileSync(join(work, 'step.sh'), RUN_PREAMBLE + step.run);
    const fixtures = isAbsolute(fixtureName) ? fixtureName : join(__dirname, 'fixtures', fixtureName);
    rmSync(join(work, 'base'), { recursive: true, force: true });
    rmSync(join(work, 'head'), { recursive: true, force: true });
    cpSync(join(fixtures, 'base'), join(work, 'base', 'cdktf.out'), { recursive: true });
    cpSync(join(fixtures, 'head'), join(work, 'head', 'cdktf.out'), { recursive: true });
    writeFileSync(join(work, 'outputs'), '');
    writeFileSync(join(work, 'summary'), '');
    const result = spawnSync('bash', [join(work, 'step.sh')], {
      cwd: work,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        GITHUB_OUTPUT: join(work, 'outputs'),
        GITHUB_STEP_SUMMARY: join(work, 'summary'),
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(join(work, 'outputs'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return {
      status: result.status,
      stdout: result.stdout + result.stderr,
      outputs,
      summary: readFileSync(join(work, 'summary'), 'utf8'),
    };
  }

  it('preview.yml: the preview matrix is the changed stacks, removed ones included', () => {
    const result = runChanges('preview.yml', 'per-account');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.outputs.stacks ?? '')).toEqual([
      'prod',
      'prod-orders',
      'prod-payments',
      'staging-ledger',
      'staging-payments',
      'prod-legacy',
    ]);
  });

  /** Base and head synth outputs of `count` prod workload stacks, each changed (its tag value). */
  function manyChangedStacks(count: number): string {
    const dir = join(work, 'generated');
    const names = Array.from({ length: count }, (_, i) => `prod-acct-${String(i).padStart(4, '0')}`);
    for (const side of ['base', 'head']) {
      const manifest = {
        version: '0.21.0',
        stacks: Object.fromEntries(names.map((name) => [name, { dependencies: ['prod'] }])),
      };
      mkdirSync(join(dir, side, 'stacks'), { recursive: true });
      writeFileSync(join(dir, side, 'manifest.json'), JSON.stringify(manifest));
      for (const name of names) {
        mkdirSync(join(dir, side, 'stacks', name), { recursive: true });
        writeFileSync(
          join(dir, side, 'stacks', name, 'cdk.tf.json'),
          JSON.stringify({ resource: { aws_sns_topic: { alerts: { name: 'alerts', tags: { side } } } } }),
        );
      }
    }
    return dir;
  }

  it('preview.yml: plans the first 256 of 300 changed stacks and warns, naming the others', () => {
    const result = runChanges('preview.yml', manyChangedStacks(300));
    expect(result.status).toBe(0);
    const planned = JSON.parse(result.outputs.stacks ?? '') as string[];
    const changed = JSON.parse(result.outputs.changed ?? '') as string[];
    expect(planned).toHaveLength(256);
    expect(changed).toHaveLength(300);
    expect(result.stdout).toContain('::warning::This change touches 300 stacks');
    expect(result.stdout).toContain('the last 44 get no speculative plan here: prod-acct-0256, ');
    expect(result.summary).toContain('prod-acct-0299');
  });

  it('main.yml: 300 changed workload stacks are 2 batches of 150', () => {
    const result = runChanges('main.yml', manyChangedStacks(300));
    expect(result.status).toBe(0);
    const batches = (JSON.parse(result.outputs['prod-workloads'] ?? '') as string[]).map(
      (batch) => JSON.parse(batch) as string[],
    );
    expect(batches.map((batch) => batch.length)).toEqual([150, 150]);
  });

  it('preview.yml: no changed stack is an empty matrix and a clear message', () => {
    const result = runChanges('preview.yml', 'unchanged');
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ stacks: '[]', changed: '[]' });
    expect(result.stdout).toContain('::notice::No stack changed');
    expect(result.summary).toContain('nothing to preview');
  });

  it('main.yml: one matrix per environment and role, in the order the jobs apply them', () => {
    const result = runChanges('main.yml', 'per-account');
    expect(result.status).toBe(0);
    // Workload stacks come in batches (a JSON array of JSON arrays in strings): here one each.
    const batches = (output: string | undefined) =>
      (JSON.parse(output ?? '') as string[]).map((batch) => JSON.parse(batch) as string[]);
    expect(Object.keys(result.outputs)).toEqual([
      'dev-organization',
      'dev-workloads',
      'staging-organization',
      'staging-workloads',
      'prod-organization',
      'prod-workloads',
    ]);
    expect(result.outputs['prod-organization']).toBe('["prod"]');
    expect(result.outputs['staging-organization']).toBe('[]');
    expect(batches(result.outputs['dev-workloads'])).toEqual([]);
    expect(batches(result.outputs['staging-workloads'])).toEqual([['staging-ledger', 'staging-payments']]);
    expect(batches(result.outputs['prod-workloads'])).toEqual([['prod-orders', 'prod-payments']]);
    expect(result.stdout).toContain('::warning::Stack prod-legacy is no longer synthesized');
    expect(result.summary).toContain('- `prod-orders`');
  });

  it('main.yml: single-stack environments apply as organization stacks; nothing changed, nothing to apply', () => {
    const result = runChanges('main.yml', 'example');
    expect(result.status).toBe(0);
    expect(result.outputs['dev-organization']).toBe('["dev"]');
    expect(result.outputs['staging-organization']).toBe('[]');
    const unchanged = runChanges('main.yml', 'unchanged');
    expect(unchanged.outputs['staging-organization']).toBe('[]');
    expect(unchanged.summary).toContain('No stack changed: nothing to apply.');
  });
});
