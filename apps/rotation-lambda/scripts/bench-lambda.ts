/**
 * npm run bench:lambda — prints:
 *   - the zip size (target <= 1 MB),
 *   - cold module init: median time to require dist/bundle/index.js in fresh node processes
 *     (target <= 150 ms), wall clock and CPU time (CPU time is steadier on a shared machine),
 *   - first rotation in a fresh process: in each of those processes, after the require, the
 *     four invocations of one rotation of a PostgreSQL secret (TLS verified against the RDS CA
 *     bundle plus the local server's CA), timed inside the process: what a new execution
 *     environment pays on its first rotation (loading pg, parsing the RDS CA bundle, the SDK's
 *     first request) on top of a warm one, cold init excluded,
 *   - full-rotation latency p50/p95 over 50 rotations (four steps through the real handler,
 *     RotateSecret and AWSPENDING cleanup included) against local PostgreSQL (TLS) and moto
 *     (target p50 <= 300 ms),
 *   - the handler's time per rotation (the four invocations) p50/p95 without and with an
 *     injected Secrets Manager latency (SM_LATENCY_MS per call, default 10, through a delaying
 *     proxy in front of moto on loopback), and the handler's Secrets Manager calls per rotation
 *     as the proxy counted them (target <= 12).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { RotationDriver } from '../src';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import { adapterFor } from '@credential-rotation/engine-adapters';
import { createRotationHandler, loadConfig } from '../src';
import { buildBundle } from './bundle';
import { startDelayingProxy } from './delaying-proxy';
import { createUserWithSecret, startLocalStack } from './local-stack';
import type { LocalStack } from './local-stack';

const INIT_RUNS = 15;
const ROTATIONS = 50;
const WARMUP_ROTATIONS = 2;
const SM_LATENCY_MS = Number(process.env.SM_LATENCY_MS ?? 10);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Adds an invocation's duration to the figures of its step. */
function recordStep(steps: Map<string, number[]>, event: unknown, ms: number): void {
  const step = String((event as { Step: string }).Step);
  steps.set(step, [...(steps.get(step) ?? []), ms]);
}

/**
 * Runs in each fresh process: times `require(bundle)` (wall and CPU), reports it, then runs
 * the handler for every event the parent sends and reports how long each invocation took.
 * The bundled handler verifies TLS against the RDS CA bundle only; after the timed require,
 * every secure context also trusts the local server's CA (BENCH_EXTRA_CA), so the first
 * connection still parses the whole RDS bundle, as it does in Lambda.
 */
const PROBE = `
const c = process.cpuUsage(), t = performance.now();
const { handler } = require(process.argv[1]);
const wall = performance.now() - t, u = process.cpuUsage(c);
process.send({ init: { wall, cpu: (u.user + u.system) / 1000 } });
const tls = require('node:tls'), createSecureContext = tls.createSecureContext;
tls.createSecureContext = (options = {}) =>
  createSecureContext({ ...options, ca: [options.ca ?? []].flat().concat(process.env.BENCH_EXTRA_CA) });
process.on('message', async (event) => {
  const started = performance.now();
  const failed = await handler(event).then(() => undefined, (error) => String(error && error.name));
  process.send({ ms: performance.now() - started, failed });
});
process.on('disconnect', () => process.exit(0));
`;

interface ProbeReply {
  readonly init?: { readonly wall: number; readonly cpu: number };
  readonly ms?: number;
  readonly failed?: string;
}

/** A fresh node process that has required the bundle, driven over IPC like a Lambda runtime. */
class FreshProcess {
  private readonly replies: ProbeReply[] = [];
  private waiting: ((reply: ProbeReply) => void) | undefined;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: ProbeReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting === undefined) this.replies.push(reply);
      else waiting(reply);
    });
  }

  static start(bundleFile: string, env: NodeJS.ProcessEnv): FreshProcess {
    return new FreshProcess(
      spawn(process.execPath, ['--no-warnings', '-e', PROBE, bundleFile], {
        env,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      }),
    );
  }

  next(): Promise<ProbeReply> {
    const reply = this.replies.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.child.once('exit', (code) => reject(new Error(`the fresh process exited with ${code}`)));
    });
  }

  /** Invokes the handler in the process; resolves with the invocation's duration there. */
  async invoke(event: unknown): Promise<number> {
    this.child.send(event as object);
    const reply = await this.next();
    if (reply.failed !== undefined)
      throw new Error(`the handler failed in the fresh process: ${reply.failed}`);
    return reply.ms ?? Number.NaN;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}

interface FreshProcessFigures {
  /** Wall-clock and CPU time (user + system) of `require(bundle)`. */
  readonly initWall: number[];
  readonly initCpu: number[];
  /** Handler time of the first rotation, the four invocations summed. */
  readonly firstRotation: number[];
  /** Handler time of each step of the first rotation. */
  readonly firstSteps: Map<string, number[]>;
}

/** In each of INIT_RUNS fresh processes: cold init, then one rotation of `arn`. */
async function measureFreshProcesses(
  bundleFile: string,
  stack: LocalStack,
  arn: string,
): Promise<FreshProcessFigures> {
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: stack.moto.region,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    SECRETS_MANAGER_ENDPOINT: stack.moto.endpoint,
    // As quiet as the in-process handler of the warm rotations.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    BENCH_EXTRA_CA: stack.postgres.caPem,
  };
  const figures: FreshProcessFigures = {
    initWall: [],
    initCpu: [],
    firstRotation: [],
    firstSteps: new Map(),
  };
  for (let run = 0; run < INIT_RUNS; run++) {
    const fresh = FreshProcess.start(bundleFile, env);
    try {
      const { init } = await fresh.next();
      figures.initWall.push(init?.wall ?? Number.NaN);
      figures.initCpu.push(init?.cpu ?? Number.NaN);
      let total = 0;
      const handler = async (event: unknown): Promise<void> => {
        const ms = await fresh.invoke(event);
        total += ms;
        recordStep(figures.firstSteps, event, ms);
      };
      await new RotationDriver({ client: stack.client, handler }).rotate(arn);
      figures.firstRotation.push(total);
    } finally {
      await fresh.stop();
    }
  }
  return figures;
}

interface LatencyFigures {
  /** Handler time per rotation (four invocations summed), Secrets Manager reached directly. */
  readonly direct: number[];
  /** The same with every Secrets Manager call of the handler held SM_LATENCY_MS by the proxy. */
  readonly delayed: number[];
  /** Secrets Manager requests the handler made per rotation, as the proxy counted them. */
  readonly callsPerRotation: number;
}

/**
 * Warm rotations of two secrets, alternately: one handler reaches moto directly, the other
 * through the delaying proxy, so both see the same machine load. The driver's own calls go
 * direct: they are the service's work, not the function's.
 */
async function measureWithLatency(stack: LocalStack): Promise<LatencyFigures> {
  const proxy = await startDelayingProxy(stack.moto.endpoint, SM_LATENCY_MS);
  try {
    const delayedHandler = createRotationHandler({
      adapterFor,
      config: loadConfig({ SECRETS_MANAGER_ENDPOINT: proxy.endpoint }),
      secretsManager: new SecretsManagerClient({
        endpoint: proxy.endpoint,
        region: stack.moto.region,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      }),
      connectOptions: { ca: stack.postgres.caPem },
      logger: new Logger({ logLevel: 'SILENT' }),
    });
    const timedDriver = (handler: typeof stack.handler) => {
      const timing = { total: 0 };
      const timed = async (event: unknown): Promise<void> => {
        const started = performance.now();
        await handler(event);
        timing.total += performance.now() - started;
      };
      return { timing, driver: new RotationDriver({ client: stack.client, handler: timed }) };
    };
    const direct = timedDriver(stack.handler);
    const delayed = timedDriver(delayedHandler);
    const directArn = await createUserWithSecret(stack, 'bench_direct');
    const delayedArn = await createUserWithSecret(stack, 'bench_delayed');
    const figures: LatencyFigures = { direct: [], delayed: [], callsPerRotation: 0 };
    let requestsBefore = 0;
    for (let round = 0; round < WARMUP_ROTATIONS + ROTATIONS; round++) {
      if (round === WARMUP_ROTATIONS) requestsBefore = proxy.requests;
      for (const [run, arn, times] of [
        [direct, directArn, figures.direct],
        [delayed, delayedArn, figures.delayed],
      ] as const) {
        run.timing.total = 0;
        await run.driver.rotate(arn);
        if (round >= WARMUP_ROTATIONS) times.push(run.timing.total);
      }
    }
    return { ...figures, callsPerRotation: (proxy.requests - requestsBefore) / ROTATIONS };
  } finally {
    await proxy.stop();
  }
}

async function main(): Promise<void> {
  const bundle = await buildBundle();

  const stack = await startLocalStack({ quiet: true });
  let fresh: FreshProcessFigures;
  const rotations: number[] = [];
  const warmHandlerTimes: number[] = [];
  const steps = new Map<string, number[]>();
  let latency: LatencyFigures;
  try {
    fresh = await measureFreshProcesses(
      bundle.bundleFile,
      stack,
      await createUserWithSecret(stack, 'bench_first'),
    );
    let handlerTime = 0;
    const timedHandler = async (event: unknown): Promise<void> => {
      const started = performance.now();
      await stack.handler(event);
      const ms = performance.now() - started;
      handlerTime += ms;
      recordStep(steps, event, ms);
    };
    const arn = await createUserWithSecret(stack, 'bench_app');
    const driver = new RotationDriver({ client: stack.client, handler: timedHandler });
    for (let round = 0; round < WARMUP_ROTATIONS + ROTATIONS; round++) {
      if (round === WARMUP_ROTATIONS) steps.clear();
      handlerTime = 0;
      const started = performance.now();
      await driver.rotate(arn);
      if (round >= WARMUP_ROTATIONS) {
        rotations.push(performance.now() - started);
        warmHandlerTimes.push(handlerTime);
      }
    }
    latency = await measureWithLatency(stack);
  } finally {
    await stack.stop();
  }

  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  const rows: Array<[string, string, string]> = [
    ['zip size', `${bundle.zipBytes} bytes (${(bundle.zipBytes / 1024).toFixed(0)} KiB)`, '<= 1 MB'],
    ['bundle size', `${bundle.bundleBytes} bytes (${(bundle.bundleBytes / 1024).toFixed(0)} KiB)`, ''],
    [`cold module init, median of ${INIT_RUNS} (wall)`, ms(percentile(fresh.initWall, 50)), '<= 150 ms'],
    [
      'cold module init, min / max (wall)',
      `${ms(Math.min(...fresh.initWall))} / ${ms(Math.max(...fresh.initWall))}`,
      '',
    ],
    [`cold module init, median (CPU user+sys)`, ms(percentile(fresh.initCpu, 50)), ''],
    [`first rotation in a fresh process, median`, ms(percentile(fresh.firstRotation, 50)), ''],
    [
      'first rotation, min / max',
      `${ms(Math.min(...fresh.firstRotation))} / ${ms(Math.max(...fresh.firstRotation))}`,
      '',
    ],
    [`warm rotation, same four invocations, p50`, ms(percentile(warmHandlerTimes, 50)), ''],
    [`rotation p50 (${ROTATIONS} rotations)`, ms(percentile(rotations, 50)), '<= 300 ms'],
    [`rotation p95 (${ROTATIONS} rotations)`, ms(percentile(rotations, 95)), ''],
    [
      `handler/rotation p50 / p95, SM direct`,
      `${ms(percentile(latency.direct, 50))} / ${ms(percentile(latency.direct, 95))}`,
      '',
    ],
    [
      `handler/rotation p50 / p95, SM +${SM_LATENCY_MS} ms/call`,
      `${ms(percentile(latency.delayed, 50))} / ${ms(percentile(latency.delayed, 95))}`,
      '',
    ],
    ['SM calls per rotation (proxy count)', latency.callsPerRotation.toFixed(1), '<= 12'],
    ...[...steps].map(([step, times]): [string, string, string] => [
      `  ${step} p50 warm / first (median)`,
      `${ms(percentile(times, 50))} / ${ms(percentile(fresh.firstSteps.get(step) ?? [], 50))}`,
      '',
    ]),
  ];
  console.log(
    `rotation-lambda benchmark (node ${process.version}, zip sha256 ${bundle.sha256.slice(0, 16)}...)`,
  );
  for (const [label, value, target] of rows) console.log(`${label.padEnd(42)} ${value.padEnd(26)} ${target}`);
  console.log(
    'first rotation: handler time of the four invocations in each fresh process, cold init excluded;',
  );
  console.log('warm: the same sum in this process after two warm-up rotations (driver overhead excluded).');
  console.log(
    `handler/rotation: the four invocations' time, ${ROTATIONS} rotations each, direct and delayed alternately.`,
  );
  console.log(`machine load average (1 min): ${loadavg()[0]?.toFixed(2)} on ${cpus().length} CPUs`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
