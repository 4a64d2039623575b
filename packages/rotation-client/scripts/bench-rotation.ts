/**
 * bench:rotation — connections under password rotation, measured.
 *
 * Starts PostgreSQL, MariaDB and moto on loopback, then for each engine x {single-user,
 * alternating-users}: C loops per client each open a NEW connection and query, while R rotations
 * run back to back through the real rotation handler. Our client and a naive control (reads
 * AWSCURRENT on every connection, no retry) run side by side. Then a fault run per engine: the
 * database restarts once and Secrets Manager throttles for a few seconds, mid-run.
 *
 *   npm run bench:rotation -- --clients 20 --rotations 20
 */
import { Command, InvalidArgumentError } from 'commander';
import { startMariaDb, startMoto, startPostgres } from '@credential-rotation/test-services';
import type { DatabaseServer, MotoServer } from '@credential-rotation/test-services';
import type { LoadClient, LoadClientProps } from './load/load-client';
import { runLoad } from './load/load-run';
import type { ClientResult, LoadRunResult } from './load/load-run';
import { createNaiveClient } from './load/naive-client';
import { createRotationAwareClient } from './load/rotation-aware-client';
import { createRotationFixture } from './load/rotation-fixture';
import type { RotationFixture, RotationStrategy } from './load/rotation-fixture';
import { renderTable } from './load/results-table';
import { startThrottlingProxy } from './load/throttling-proxy';

// The rotation handler logs and emits metrics on stdout for every step; this benchmark prints a table.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

interface BenchOptions {
  readonly clients: number;
  readonly rotations: number;
  readonly stepGapMs: number;
  readonly engines: readonly ('postgres' | 'mariadb')[];
  readonly fault: boolean;
  readonly throttleMs: number;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 500) {
    throw new InvalidArgumentError('must be an integer from 1 to 500');
  }
  return parsed;
}

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 60_000) {
    throw new InvalidArgumentError('must be an integer from 0 to 60000');
  }
  return parsed;
}

function engineList(value: string): ('postgres' | 'mariadb')[] {
  const engines = value.split(',').map((engine) => engine.trim());
  for (const engine of engines) {
    if (engine !== 'postgres' && engine !== 'mariadb')
      throw new InvalidArgumentError('engines: postgres, mariadb');
  }
  return engines as ('postgres' | 'mariadb')[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs rotations back to back until `count` are done (or `until()` says stop); a failed rotation is
 * reattempted (bounded), as the service would.
 */
async function rotateRepeatedly(
  fixture: RotationFixture,
  count: number,
  until: () => boolean = () => false,
): Promise<{ failedAttempts: number }> {
  let failedAttempts = 0;
  for (let done = 0; done < count && !until();) {
    try {
      await fixture.rotate();
      done += 1;
    } catch (error) {
      failedAttempts += 1;
      if (failedAttempts > count * 3) throw error;
      await sleep(500);
    }
  }
  return { failedAttempts };
}

function rowFor(label: readonly string[], result: ClientResult): (string | number)[] {
  return [
    ...label,
    result.name,
    result.attempts,
    result.failures,
    result.retries,
    result.secretReads,
    result.p50Ms,
    result.p99Ms,
  ];
}

async function runCase(
  server: DatabaseServer,
  moto: MotoServer,
  strategy: RotationStrategy,
  options: BenchOptions,
): Promise<{ run: LoadRunResult; rotations: number; failedRotations: number }> {
  const fixture = await createRotationFixture({ server, moto, strategy, stepGapMs: options.stepGapMs });
  const props: LoadClientProps = {
    secretId: fixture.secretId,
    family: server.engine === 'postgres' ? 'postgres' : 'mysql',
    endpoint: moto.endpoint,
    region: moto.region,
    caPem: server.caPem,
    maxConnections: options.clients,
  };
  const clients: LoadClient[] = [createRotationAwareClient(props), createNaiveClient(props)];
  let failedRotations = 0;
  try {
    const run = await runLoad({
      clients,
      concurrency: options.clients,
      during: async () => {
        failedRotations = (await rotateRepeatedly(fixture, options.rotations)).failedAttempts;
      },
    });
    return { run, rotations: fixture.rotations(), failedRotations };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await fixture.cleanup();
  }
}

interface FaultResult {
  readonly run: LoadRunResult;
  readonly outage: { readonly startMs: number; readonly endMs: number };
  readonly throttled: number;
  readonly rotations: number;
}

/**
 * Single-user rotations with the database restarting once and Secrets Manager throttling for
 * `throttleMs`, both mid-run. Clients reach Secrets Manager through the throttling proxy; the
 * rotation itself talks to moto directly.
 */
async function runFault(
  server: DatabaseServer,
  moto: MotoServer,
  options: BenchOptions,
): Promise<FaultResult> {
  const fixture = await createRotationFixture({
    server,
    moto,
    strategy: 'single-user',
    stepGapMs: options.stepGapMs,
  });
  const proxy = await startThrottlingProxy(moto.endpoint);
  const props: LoadClientProps = {
    secretId: fixture.secretId,
    family: server.engine === 'postgres' ? 'postgres' : 'mysql',
    endpoint: proxy.endpoint,
    region: moto.region,
    caPem: server.caPem,
    maxConnections: options.clients,
  };
  const clients: LoadClient[] = [
    createRotationAwareClient({
      ...props,
      name: 'rotation-aware+connect-retry',
      transientRetryBudgetMs: 30_000,
    }),
    createRotationAwareClient(props),
    createNaiveClient(props),
  ];
  const started = performance.now();
  const outage = { startMs: 0, endMs: 0 };
  try {
    const run = await runLoad({
      clients,
      concurrency: options.clients,
      tailMs: 2000,
      during: async () => {
        // Rotations keep running through both faults, until one second after the restart.
        let faultsOver = false;
        const rotations = rotateRepeatedly(fixture, options.rotations, () => faultsOver);
        await sleep(1000);
        proxy.throttleFor(options.throttleMs);
        await sleep(options.throttleMs + 1000);
        outage.startMs = Math.round(performance.now() - started);
        await server.restart();
        outage.endMs = Math.round(performance.now() - started);
        await sleep(1000);
        faultsOver = true;
        await rotations;
      },
    });
    return { run, outage, throttled: proxy.throttled(), rotations: fixture.rotations() };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await proxy.close();
    await fixture.cleanup();
  }
}

async function main(options: BenchOptions): Promise<void> {
  process.stdout.write(
    `bench:rotation  clients=${options.clients} per client type, rotations=${options.rotations}, ` +
      `step gap=${options.stepGapMs} ms, engines=${options.engines.join(',')}\nstarting services...\n`,
  );
  const started = await Promise.allSettled([
    options.engines.includes('postgres') ? startPostgres() : Promise.resolve(undefined),
    options.engines.includes('mariadb') ? startMariaDb() : Promise.resolve(undefined),
    startMoto(),
  ]);
  const running = started.flatMap((result) =>
    result.status === 'fulfilled' && result.value ? [result.value] : [],
  );
  const stopAll = () => Promise.allSettled(running.map((service) => service.stop()));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    await stopAll();
    throw failed.reason;
  }
  const [postgres, mariadb, moto] = started.map(
    (result) => (result as PromiseFulfilledResult<unknown>).value,
  ) as [DatabaseServer | undefined, DatabaseServer | undefined, MotoServer];

  try {
    const rows: (string | number)[][] = [];
    const notes: string[] = [];
    for (const [engineName, server] of [
      ['postgres', postgres],
      ['mariadb', mariadb],
    ] as const) {
      if (server === undefined) continue;
      for (const strategy of ['single-user', 'alternating-users'] as const) {
        process.stdout.write(`running ${engineName} ${strategy}...\n`);
        const { run, rotations, failedRotations } = await runCase(server, moto, strategy, options);
        for (const result of run.results) rows.push(rowFor([engineName, strategy], result));
        notes.push(
          `${engineName} ${strategy}: ${rotations}/${options.rotations} rotations in ${run.durationMs} ms` +
            (failedRotations > 0 ? `, ${failedRotations} failed rotation attempts (reattempted)` : '') +
            (run.disturbanceError !== undefined ? `; rotation error: ${String(run.disturbanceError)}` : ''),
        );
      }
    }
    process.stdout.write(
      `\n${renderTable(
        [
          'engine',
          'strategy',
          'client',
          'attempts',
          'failures',
          'retries',
          'SM reads',
          'p50 connect ms',
          'p99 connect ms',
        ],
        rows,
      )}\n\n${notes.join('\n')}\n`,
    );

    if (!options.fault) return;
    const faultRows: (string | number)[][] = [];
    const faultNotes: string[] = [];
    for (const [engineName, server] of [
      ['postgres', postgres],
      ['mariadb', mariadb],
    ] as const) {
      if (server === undefined) continue;
      process.stdout.write(`running fault run on ${engineName}...\n`);
      const { run, outage, throttled, rotations } = await runFault(server, moto, options);
      // Failures up to 1 s after the server is back count as the outage (in-flight sessions dying, restart jitter).
      const inOutage = (at: number) => at >= outage.startMs - 100 && at <= outage.endMs + 1000;
      for (const result of run.results) {
        const beyond = result.failureLog.filter((failure) => !inOutage(failure.at)).length;
        faultRows.push([
          engineName,
          result.name,
          result.attempts,
          result.failures,
          beyond,
          result.retries,
          result.secretReads,
          result.p50Ms,
          result.p99Ms,
        ]);
      }
      faultNotes.push(
        `${engineName}: restart outage ${outage.startMs}-${outage.endMs} ms (${outage.endMs - outage.startMs} ms), ` +
          `Secrets Manager throttled ${options.throttleMs} ms (${throttled} requests refused), ${rotations} rotations` +
          (run.disturbanceError !== undefined ? `; disturbance error: ${String(run.disturbanceError)}` : ''),
      );
    }
    process.stdout.write(
      `\nFault run (single-user rotations + database restart + Secrets Manager throttling)\n${renderTable(
        [
          'engine',
          'client',
          'attempts',
          'failures',
          'failures outside outage',
          'retries',
          'SM reads',
          'p50 connect ms',
          'p99 connect ms',
        ],
        faultRows,
      )}\n\n${faultNotes.join('\n')}\n`,
    );
  } finally {
    await stopAll();
  }
}

const program = new Command('bench:rotation')
  .description('Connections under password rotation: our client vs a naive control, plus a fault run.')
  .option('-c, --clients <n>', 'concurrent connection loops per client type', positiveInteger, 20)
  .option('-r, --rotations <n>', 'rotations per case, back to back', positiveInteger, 20)
  .option(
    '--step-gap-ms <ms>',
    'pause before each rotation step (models Lambda invocation gaps)',
    nonNegativeInteger,
    100,
  )
  .option('--engines <list>', 'comma-separated: postgres,mariadb', engineList, ['postgres', 'mariadb'])
  .option('--no-fault', 'skip the fault run (restart + throttling)')
  .option(
    '--throttle-ms <ms>',
    'how long Secrets Manager throttles in the fault run',
    nonNegativeInteger,
    3000,
  )
  .parse();

main(program.opts<BenchOptions>()).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:rotation failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
