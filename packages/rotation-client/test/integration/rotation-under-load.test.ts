import { readTestServices } from '@credential-rotation/test-services';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import { runLoad } from '../../scripts/load/load-run';
import { createNaiveClient } from '../../scripts/load/naive-client';
import { createRotationAwareClient } from '../../scripts/load/rotation-aware-client';
import { createRotationFixture } from '../../scripts/load/rotation-fixture';
import type { RotationStrategy } from '../../scripts/load/rotation-fixture';

// The rotation handler logs and publishes metrics to stdout on every step; keep the test output readable.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const CLIENTS = 4;
const ROTATIONS = 3;

async function rotateUnderLoad(server: DatabaseServerInfo, strategy: RotationStrategy) {
  const { moto } = readTestServices();
  const fixture = await createRotationFixture({ server, moto, strategy });
  const props = {
    secretId: fixture.secretId,
    family: server.engine === 'postgres' ? ('postgres' as const) : ('mysql' as const),
    endpoint: moto.endpoint,
    region: moto.region,
    caPem: server.caPem,
    maxConnections: CLIENTS,
  };
  const ours = createRotationAwareClient(props);
  const naive = createNaiveClient(props);
  try {
    const run = await runLoad({
      clients: [ours, naive],
      concurrency: CLIENTS,
      during: async () => {
        for (let index = 0; index < ROTATIONS; index++) await fixture.rotate();
      },
    });
    expect(run.disturbanceError).toBeUndefined();
    expect(fixture.rotations()).toBe(ROTATIONS);
    const [ourResult, naiveResult] = run.results;
    return { ours: ourResult!, naive: naiveResult! };
  } finally {
    await ours.close();
    await naive.close();
    await fixture.cleanup();
  }
}

describe.each([
  ['PostgreSQL', () => readTestServices().postgres],
  ['MariaDB', () => readTestServices().mariadb],
])('%s under rotation (real rotation handler, moto)', (_name, server) => {
  it('single-user: our client never fails; the naive control does', async () => {
    const { ours, naive } = await rotateUnderLoad(server(), 'single-user');

    expect(ours.attempts).toBeGreaterThan(20);
    expect(ours.failureLog).toEqual([]);
    expect(ours.retries).toBeGreaterThan(0);
    expect(naive.failures).toBeGreaterThan(0);
    // Cached: far fewer Secrets Manager reads than connections.
    expect(ours.secretReads).toBeLessThan(ours.attempts / 2);
  });

  it('alternating-users: our client never fails', async () => {
    const { ours } = await rotateUnderLoad(server(), 'alternating-users');

    expect(ours.attempts).toBeGreaterThan(20);
    expect(ours.failureLog).toEqual([]);
  });
});
