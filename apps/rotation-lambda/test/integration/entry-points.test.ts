/**
 * The Lambda entry points as deployed: `handler` from src/handler.ts and the esbuild bundle
 * (`index.handler`), both configured only through environment variables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotationDriver } from '../../src';
import type { RotationHandler } from '../../src';
import { buildBundle } from '../../scripts/bundle';
import { OutputCapture } from '../support/capture-output';
import { IntegrationHarness } from '../support/integration-harness';
import type { EngineName } from '../support/integration-harness';

const h = new IntegrationHarness();
const output = new OutputCapture();
const saved = { ...process.env };
const outDir = mkdtempSync(join(tmpdir(), 'rotation-bundle-'));

beforeAll(() => {
  Object.assign(process.env, {
    SECRETS_MANAGER_ENDPOINT: h.services.moto.endpoint,
    AWS_REGION: h.services.moto.region,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    POWERTOOLS_SERVICE_NAME: 'entry-point-test',
    DB_CONNECT_TIMEOUT_MS: '3000',
  });
  output.start();
});
afterAll(() => {
  output.stop();
  process.env = saved;
  rmSync(outDir, { recursive: true, force: true });
});

async function loadSourceHandler(): Promise<RotationHandler> {
  let handler: RotationHandler | undefined;
  await jest.isolateModulesAsync(async () => {
    ({ handler } = await import('../../src/handler'));
  });
  if (handler === undefined) throw new Error('src/handler.ts exports no handler');
  return handler;
}

/** A database user and its secret; `ssl` as given (plaintext is the only way to skip the RDS CA here). */
async function userSecret(engine: EngineName, ssl: boolean | undefined): Promise<string> {
  const username = h.name('entry');
  const password = `Entry-Passw0rd-${username}`;
  await h.admin(engine).createUser(username, password);
  return h.userSecret(engine, { username, password, ...(ssl === undefined ? {} : { ssl }) });
}

describe('src/handler.ts', () => {
  it('rotates with settings from the environment', async () => {
    const arn = await userSecret('postgres', false);
    await new RotationDriver({ client: h.client, handler: await loadSourceHandler() }).rotate(arn);
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
    expect(output.logs().some((line) => line.service === 'entry-point-test')).toBe(true);
  });

  it('verifies TLS against the RDS CA bundle by default and never downgrades', async () => {
    const arn = await userSecret('postgres', undefined);
    const failure = new RotationDriver({ client: h.client, handler: await loadSourceHandler() }).rotate(arn);
    await expect(failure).rejects.toThrow(/setSecret failed: .*TLS certificate verification failed/);
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
  });
});

describe('the esbuild bundle (index.handler)', () => {
  it('is a deterministic zip and rotates PostgreSQL and MariaDB secrets', async () => {
    const first = await buildBundle(join(outDir, 'a'));
    const second = await buildBundle(join(outDir, 'b'));
    expect(second.sha256).toBe(first.sha256);
    expect(first.zipBytes).toBeLessThan(1024 * 1024);

    let handler: RotationHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ handler } = (await import(first.bundleFile)) as { handler: RotationHandler });
    });
    expect(typeof handler).toBe('function');
    const driver = new RotationDriver({ client: h.client, handler: handler as RotationHandler });
    for (const engine of ['postgres', 'mariadb'] as const) {
      const arn = await userSecret(engine, false);
      await driver.rotate(arn);
      expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
    }
  });
});
