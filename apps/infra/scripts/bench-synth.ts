/**
 * Synth benchmark: wall time, CPU time and peak RSS of fresh Node.js processes, for
 *   (a) the shipped environments, through the real app entry (dist/main.js);
 *   (b) a generated organization of 100 workload accounts x 20 secrets (2,000 secrets);
 * each next to a baseline that loads @cdktf/provider-aws from its package root first; and
 *   (c) 100 and 1,000 workload accounts x 20 secrets in one environment, in each layout
 *       (single-stack and stack-per-account), with the resources of the largest state and the
 *       largest cdk.tf.json. The 1,000-account environment has its OUs to itself
 *       (organization.dedicatedOus): otherwise its SCPs would list every account id.
 * Peak memory is the process's, worker threads included.
 * Prints figures only; it asserts nothing. Needs `npm run build` first.
 *
 *   npm run bench:synth -w @credential-rotation/infra          (BENCH_RUNS=5 for more runs;
 *   BENCH_LARGE_RUNS for the 1,000-account scenarios, default 1)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentLayout } from '@credential-rotation/environment-config';
import { generateOrganization } from '../src/bench/generate-organization';
import { resolveLambdaZip } from '../src/lambda-artifact';
import { environmentsRoot, loadEnvironments } from '../src/load-environments';

const DIST = join(__dirname, '..', 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 1);

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

interface Scenario {
  readonly name: string;
  readonly entry: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Target wall time per process and peak RSS, when the brief sets one. */
  readonly target?: { readonly wallMs: number; readonly rssMb?: number };
  /** Fresh processes to run. @default BENCH_RUNS */
  readonly runs?: number;
  /** Measure the output's stacks (count, largest state, largest cdk.tf.json). @default false */
  readonly stats?: boolean;
  /** Extra Node.js options of the child. @default - none */
  readonly nodeOptions?: readonly string[];
}

interface OutputStats {
  readonly stacks: number;
  readonly largestStateResources: number;
  readonly largestStateStack: string;
  readonly largestFileBytes: number;
}

const work = mkdtempSync(join(tmpdir(), 'bench-synth-'));
// Preloaded into each child: reports the child's own peak RSS and CPU time at exit.
const measure = join(work, 'measure.js');
writeFileSync(
  measure,
  `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime })); });\n`,
);

/** The stacks a synth wrote: how many, the most resources in one state, the largest cdk.tf.json. */
function outputStats(outdir: string): OutputStats {
  const stacksDir = join(outdir, 'stacks');
  let largestStateResources = 0;
  let largestStateStack = '';
  let largestFileBytes = 0;
  const names = readdirSync(stacksDir);
  for (const name of names) {
    const file = join(stacksDir, name, 'cdk.tf.json');
    largestFileBytes = Math.max(largestFileBytes, statSync(file).size);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, object> };
    const resources = Object.values(json.resource ?? {}).reduce(
      (n, byName) => n + Object.keys(byName).length,
      0,
    );
    if (resources > largestStateResources) {
      largestStateResources = resources;
      largestStateStack = name;
    }
  }
  return { stacks: names.length, largestStateResources, largestStateStack, largestFileBytes };
}

/** One generated environment of `accounts` accounts x 20 secrets, in one layout. */
function generatedEnvironment(accounts: number, layout: EnvironmentLayout, dedicatedOus = false): string {
  const file = join(work, `org-${accounts}-${layout}.json`);
  writeFileSync(
    file,
    JSON.stringify([{ name: 'bench', config: generateOrganization({ accounts, layout, dedicatedOus }) }]),
  );
  return file;
}

function runOnce(scenario: Scenario, run: number, stats?: (outdir: string) => void): Sample {
  const usageFile = join(work, `usage-${run}.json`);
  const outdir = join(work, `out-${run}`);
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      ...(scenario.nodeOptions ?? []),
      '--require',
      measure,
      scenario.entry,
      ...scenario.args.map((a) => a.replace('{outdir}', outdir)),
    ],
    {
      env: { ...process.env, ...scenario.env, CDKTF_OUTDIR: outdir, BENCH_USAGE_FILE: usageFile },
      encoding: 'utf8',
    },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`${scenario.name} exited with ${String(child.status)}:\n${child.stderr}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
    maxRSS: number;
    user: number;
    system: number;
  };
  stats?.(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { wallMs, cpuMs: (usage.user + usage.system) / 1000, maxRssMb: usage.maxRSS / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function main(): void {
  for (const file of ['main.js', 'bench/synth-entry.js', 'bench/baseline-root-import-entry.js']) {
    if (!existsSync(join(DIST, file))) throw new Error(`dist/${file} is missing: run npm run build first`);
  }
  const zip = resolveLambdaZip();
  const shipped = loadEnvironments(environmentsRoot());
  if (shipped.problems.length > 0) throw new Error(shipped.problems.join('\n'));
  const shippedFile = join(work, 'shipped.json');
  writeFileSync(shippedFile, JSON.stringify(shipped.environments));
  const orgFile = join(work, 'org.json');
  writeFileSync(orgFile, JSON.stringify([{ name: 'bench', config: generateOrganization() }]));

  const scenarios: Scenario[] = [
    {
      name: `shipped environments (${shipped.environments.length} environments), dist/main.js`,
      entry: join(DIST, 'main.js'),
      args: [],
      target: { wallMs: 1500 },
    },
    {
      name: 'shipped environments, baseline: root import',
      entry: join(DIST, 'bench', 'baseline-root-import-entry.js'),
      args: [shippedFile, '{outdir}', zip],
    },
    {
      // With governance: SCPs on the OUs, break-glass roles and alerts for all 100 accounts.
      name: '100 accounts x 20 secrets (2,000 secrets)',
      entry: join(DIST, 'bench', 'synth-entry.js'),
      args: [orgFile, '{outdir}', zip],
      target: { wallMs: 10_000, rssMb: 1536 },
    },
    {
      name: '2,000 secrets, baseline: root import',
      entry: join(DIST, 'bench', 'baseline-root-import-entry.js'),
      args: [orgFile, '{outdir}', zip],
    },
    {
      name: '100 accounts x 20, single-stack',
      entry: join(DIST, 'bench', 'synth-entry.js'),
      args: [generatedEnvironment(100, 'single-stack'), '{outdir}', zip],
      stats: true,
    },
    {
      name: '100 accounts x 20, stack-per-account',
      entry: join(DIST, 'bench', 'synth-entry.js'),
      args: [generatedEnvironment(100, 'stack-per-account'), '{outdir}', zip],
      stats: true,
    },
    {
      name: '1,000 accounts x 20, single-stack (dedicated OUs)',
      entry: join(DIST, 'bench', 'synth-entry.js'),
      // One state of about 124,000 resources takes about 3 GB; Node's default heap limit depends on the machine.
      args: [generatedEnvironment(1000, 'single-stack', true), '{outdir}', zip],
      nodeOptions: ['--max-old-space-size=16384'],
      runs: LARGE_RUNS,
      stats: true,
    },
    {
      name: '1,000 accounts x 20, stack-per-account (dedicated OUs)',
      entry: join(DIST, 'bench', 'synth-entry.js'),
      args: [generatedEnvironment(1000, 'stack-per-account', true), '{outdir}', zip],
      runs: LARGE_RUNS,
      target: { wallMs: 60_000, rssMb: 2048 },
      stats: true,
    },
  ];
  const measured: { name: string; stats: OutputStats }[] = [];

  console.log(
    `synth benchmark: ${RUNS} fresh process(es) per scenario, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    'scenario'.padEnd(58),
    'wall (median)'.padStart(14),
    'cpu (median)'.padStart(13),
    'peak RSS'.padStart(10),
    '  target',
  );
  for (const scenario of scenarios) {
    const runs = scenario.runs ?? RUNS;
    const samples = Array.from({ length: runs }, (_, run) =>
      runOnce(
        scenario,
        run,
        scenario.stats === true && run === runs - 1
          ? (outdir) => measured.push({ name: scenario.name, stats: outputStats(outdir) })
          : undefined,
      ),
    );
    const wall = median(samples.map((s) => s.wallMs));
    const cpu = median(samples.map((s) => s.cpuMs));
    const rss = Math.max(...samples.map((s) => s.maxRssMb));
    const target =
      scenario.target === undefined
        ? ''
        : `<= ${scenario.target.wallMs / 1000} s${scenario.target.rssMb !== undefined ? `, <= ${scenario.target.rssMb / 1024} GB` : ''}: ` +
          (wall <= scenario.target.wallMs && rss <= (scenario.target.rssMb ?? Infinity) ? 'met' : 'missed') +
          (cpu <= scenario.target.wallMs && wall > scenario.target.wallMs
            ? ' (cpu within; machine busy)'
            : '');
    console.log(
      scenario.name.padEnd(58),
      `${(wall / 1000).toFixed(2)} s`.padStart(14),
      `${(cpu / 1000).toFixed(2)} s`.padStart(13),
      `${rss.toFixed(0)} MB`.padStart(10),
      ` ${target}`,
    );
  }
  console.log('');
  console.log(
    'output'.padEnd(58),
    'stacks'.padStart(8),
    'largest state'.padStart(15),
    'largest cdk.tf.json'.padStart(21),
    '  largest state is',
  );
  for (const { name, stats } of measured) {
    console.log(
      name.padEnd(58),
      String(stats.stacks).padStart(8),
      `${stats.largestStateResources} res.`.padStart(15),
      `${(stats.largestFileBytes / 1024 / 1024).toFixed(1)} MB`.padStart(21),
      ` ${stats.largestStateStack}`,
    );
  }
  console.log(
    `load average after: ${loadavg()[0]!.toFixed(1)} (wall time above CPU time means the machine was busy)`,
  );
}

try {
  main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
