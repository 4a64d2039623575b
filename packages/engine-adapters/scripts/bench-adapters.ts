// Prints connection and password-change latency of both adapters against local servers
// from @credential-rotation/test-services. Figures only; nothing is asserted.
// Run: npm run bench:adapters -w @credential-rotation/engine-adapters [-- --iterations 30]
import { createSecureContext } from 'node:tls';
import { startMariaDb, startPostgres, type DatabaseServer } from '@credential-rotation/test-services';
import { adapterFor, rdsCaBundle, scramSha256Verifier } from '../src';
import type { DatabaseCredentials } from '../src';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

async function measure(iterations: number, run: () => Promise<unknown>): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return `p50 ${median(samples).toFixed(1)} ms, p95 ${p95(samples).toFixed(1)} ms`;
}

async function benchServer(server: DatabaseServer, iterations: number): Promise<void> {
  const adapter = adapterFor(server.engine);
  const master: DatabaseCredentials = {
    engine: server.engine,
    host: server.host,
    port: server.port,
    username: server.superuser.username,
    password: server.superuser.password,
  };
  const options = { ca: server.caPem };
  console.log(`${server.engine}:`);
  console.log(
    `  verifyLogin (TLS, verified)      ${await measure(iterations, () => adapter.verifyLogin(master, options))}`,
  );
  const session = await adapter.connect(master, options);
  try {
    await session.ensureCloneUser(master.username, `${master.username}_bench_clone`, 'bench-password-0');
    let n = 0;
    console.log(
      `  ensureCloneUser (idempotent rerun) ${await measure(iterations, () =>
        session.ensureCloneUser(master.username, `${master.username}_bench_clone`, `bench-password-${++n}`),
      )}`,
    );
    console.log(
      `  setUserPassword                  ${await measure(iterations, () =>
        session.setUserPassword(`${master.username}_bench_clone`, `bench-password-${++n}`),
      )}`,
    );
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--iterations');
  const iterations = flag >= 0 ? Number(process.argv[flag + 1]) : 30;
  const start = performance.now();
  createSecureContext({ ca: [...rdsCaBundle()] });
  console.log(
    `RDS CA bundle secure context (built once per process): ${(performance.now() - start).toFixed(1)} ms`,
  );
  console.log(
    `SCRAM-SHA-256 verifier: ${await measure(iterations, () => scramSha256Verifier('bench-password'))}`,
  );
  const servers = await Promise.all([startPostgres(), startMariaDb()]);
  try {
    for (const server of servers) await benchServer(server, iterations);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

void main();
