/**
 * npm run bench:lambda — prints:
 *   - the zip size (target <= 1 MB),
 *   - cold module init: median time to require dist/bundle/index.js in fresh node processes
 *     (target <= 150 ms), wall clock and CPU time (CPU time is steadier on a shared machine),
 *   - full-rotation latency p50/p95 over 50 rotations (four steps through the real handler,
 *     RotateSecret and AWSPENDING cleanup included) against local PostgreSQL (TLS) and moto
 *     (target p50 <= 300 ms).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { RotationDriver } from '../src';
import { buildBundle } from './bundle';
import { createUserWithSecret, startLocalStack } from './local-stack';

const INIT_RUNS = 15;
const ROTATIONS = 50;
const WARMUP_ROTATIONS = 2;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Wall-clock and CPU time (user + system) of `require(bundle)` in fresh processes. */
function measureInit(bundleFile: string): { wall: number[]; cpu: number[] } {
  const probe =
    'const c=process.cpuUsage(),t=performance.now();require(process.argv[1]);' +
    'const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(w+" "+(u.user+u.system)/1000)';
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < INIT_RUNS; run++) {
    const result = spawnSync(process.execPath, ['--no-warnings', '-e', probe, bundleFile], {
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`requiring the bundle failed: ${result.stderr}`);
    const [w, c] = result.stdout.split(' ').map(Number);
    wall.push(w ?? Number.NaN);
    cpu.push(c ?? Number.NaN);
  }
  return { wall, cpu };
}

async function main(): Promise<void> {
  const bundle = await buildBundle();
  const init = measureInit(bundle.bundleFile);

  const stack = await startLocalStack({ quiet: true });
  const rotations: number[] = [];
  const steps = new Map<string, number[]>();
  try {
    const timedHandler = async (event: unknown): Promise<void> => {
      const started = performance.now();
      await stack.handler(event);
      const step = String((event as { Step: string }).Step);
      steps.set(step, [...(steps.get(step) ?? []), performance.now() - started]);
    };
    const arn = await createUserWithSecret(stack, 'bench_app');
    const driver = new RotationDriver({ client: stack.client, handler: timedHandler });
    for (let round = 0; round < WARMUP_ROTATIONS + ROTATIONS; round++) {
      if (round === WARMUP_ROTATIONS) steps.clear();
      const started = performance.now();
      await driver.rotate(arn);
      if (round >= WARMUP_ROTATIONS) rotations.push(performance.now() - started);
    }
  } finally {
    await stack.stop();
  }

  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  const rows: Array<[string, string, string]> = [
    ['zip size', `${bundle.zipBytes} bytes (${(bundle.zipBytes / 1024).toFixed(0)} KiB)`, '<= 1 MB'],
    ['bundle size', `${bundle.bundleBytes} bytes (${(bundle.bundleBytes / 1024).toFixed(0)} KiB)`, ''],
    [`cold module init, median of ${INIT_RUNS} (wall)`, ms(percentile(init.wall, 50)), '<= 150 ms'],
    [
      'cold module init, min / max (wall)',
      `${ms(Math.min(...init.wall))} / ${ms(Math.max(...init.wall))}`,
      '',
    ],
    [`cold module init, median (CPU user+sys)`, ms(percentile(init.cpu, 50)), ''],
    [`rotation p50 (${ROTATIONS} rotations)`, ms(percentile(rotations, 50)), '<= 300 ms'],
    [`rotation p95 (${ROTATIONS} rotations)`, ms(percentile(rotations, 95)), ''],
    ...[...steps].map(([step, times]): [string, string, string] => [
      `  ${step} p50`,
      ms(percentile(times, 50)),
      '',
    ]),
  ];
  console.log(
    `rotation-lambda benchmark (node ${process.version}, zip sha256 ${bundle.sha256.slice(0, 16)}...)`,
  );
  for (const [label, value, target] of rows) console.log(`${label.padEnd(42)} ${value.padEnd(26)} ${target}`);
  console.log(`machine load average (1 min): ${loadavg()[0]?.toFixed(2)} on ${cpus().length} CPUs`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
