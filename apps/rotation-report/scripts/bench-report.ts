/**
 * `npm run bench:report`: 100 workload accounts x 20 secrets served by moto, the report run as the
 * real bundled command in a child process; prints wall time and peak memory (max RSS) of that
 * process. Targets: <= 30 s and <= 300 MB on a 2-core machine. Figures, never assertions.
 *
 * moto 5.2.1 separates accounts by access key (a key from its STS AssumeRole belongs to the role's
 * account), so each account is set up through an assumed deploy role and the report assumes its
 * audit role in each, exactly as against AWS. moto does not implement CloudTrail LookupEvents:
 * AwsFront (test/support) answers those with empty pages, reached through the SDK's
 * service-specific endpoint variable (AWS_ENDPOINT_URL_CLOUDTRAIL); every other call goes to moto
 * directly (AWS_ENDPOINT_URL). moto, this process and the measured one share the 2 cores.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '@credential-rotation/test-services';
import { AwsFront } from '../test/support/aws-front';
import { ACCOUNTS, ENV, SECRETS_PER_ACCOUNT, benchConfig, seed } from './bench-seed';

async function main(): Promise<void> {
  const moto = await startMoto();
  const front = await new AwsFront({ upstream: moto.endpoint }).start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  try {
    const configFile = join(dir, 'bench.json');
    writeFileSync(configFile, JSON.stringify(benchConfig(moto.region)));
    const seeded = performance.now();
    await seed(moto.endpoint, moto.region);
    console.log(
      `seeded ${ACCOUNTS} accounts x ${SECRETS_PER_ACCOUNT} secrets in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );

    // The child reports its own peak RSS when it exits.
    const preload = join(dir, 'max-rss.js');
    writeFileSync(
      preload,
      "process.on('exit', () => require('fs').writeSync(2, `\\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n",
    );
    const out = join(dir, 'report.json');
    const bundle = join(__dirname, '..', 'dist', 'bundle', 'credential-rotation.js');
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--require',
          preload,
          bundle,
          'report',
          '--env',
          ENV,
          '--config',
          configFile,
          '--format',
          'json',
          '--out',
          out,
        ],
        {
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: 'testing',
            AWS_SECRET_ACCESS_KEY: 'testing',
            AWS_REGION: moto.region,
            // The SDK's service-specific endpoints: everything to moto, CloudTrail (which moto
            // lacks) to the front, so the other calls take no extra hop.
            AWS_ENDPOINT_URL: moto.endpoint,
            AWS_ENDPOINT_URL_CLOUDTRAIL: front.endpoint,
            CI: 'true',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('close', (exitCode) => resolve({ code: exitCode, stderr: text }));
    });
    const seconds = (performance.now() - started) / 1000;
    // Other work on a shared 2-core machine moves the figure: print the load it ran under.
    const load = loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
    const maxRssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      secrets: unknown[];
      complete: boolean;
      accounts: Array<{ status: string }>;
    };
    console.log(
      `report: exit ${code}, ${report.secrets.length} secrets in ${report.accounts.length} accounts, complete=${report.complete}`,
    );
    console.log(
      `wall time ${seconds.toFixed(1)} s (target <= 30 s); peak memory ${(maxRssKb / 1024).toFixed(0)} MB (target <= 300 MB); load average ${load}`,
    );
    if (!report.complete)
      console.log(
        stderr
          .split('\n')
          .filter((line) => line.includes('credential-rotation:'))
          .slice(0, 5)
          .join('\n'),
      );
  } finally {
    await front.stop();
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
