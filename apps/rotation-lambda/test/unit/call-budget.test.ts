/**
 * How many Secrets Manager calls and logins a rotation costs, step by step, and proof that
 * removing calls kept every crash guarantee: an invocation killed at any call boundary (before
 * the call reaches the service, or after it took effect) leaves a credential that logs in, and
 * the rotation completes when the service reattempts it.
 */
import { createRotationHandler, loadConfig, RotationDriver } from '../../src';
import { CountingClient } from '../support/counting-client';
import { unitHarness } from '../support/unit-harness';
import type { UnitHarness } from '../support/unit-harness';

let h: UnitHarness;
afterEach(() => h.output.stop());

/** A harness whose handler goes through a CountingClient; the driver's own calls are not counted. */
function counted(secret: Record<string, unknown> | ((masterArn: string) => Record<string, unknown>)) {
  h = unitHarness();
  const counter = new CountingClient(h.sm.client);
  const handler = counter.wrap(
    createRotationHandler({
      adapterFor: h.db.adapterFor(),
      config: loadConfig({}),
      secretsManager: counter.client,
    }),
  );
  const arn = h.userSecret(typeof secret === 'function' ? secret(h.masterArn) : secret);
  return { counter, arn, driver: new RotationDriver({ client: h.sm.client, handler }) };
}

const CURRENT = 'GetSecretValue(AWSCURRENT)';
const PENDING = 'GetSecretValue(AWSPENDING)';

describe('Secrets Manager calls per rotation', () => {
  it('makes 12 calls and 2 logins in a warm single-user rotation', async () => {
    const { counter, arn, driver } = counted({ username: 'app', password: 'Initial-Passw0rd-1' });
    h.db.addUser('app', 'Initial-Passw0rd-1');
    await driver.rotate(arn); // warm-up: AWSPREVIOUS exists from now on
    counter.reset();
    const logins = h.db.logins;
    await driver.rotate(arn);
    expect(counter.byStep()).toEqual({
      createSecret: ['DescribeSecret', CURRENT, PENDING, 'PutSecretValue'],
      setSecret: ['DescribeSecret', CURRENT, PENDING],
      testSecret: ['DescribeSecret', PENDING],
      finishSecret: ['DescribeSecret', PENDING, 'UpdateSecretVersionStage'],
    });
    expect(counter.calls).toHaveLength(12);
    expect(h.db.logins - logins).toBe(2);
  });

  it('makes 13 calls in an alternating-users rotation (the master secret is one more read)', async () => {
    const {
      counter,
      arn: alternating,
      driver,
    } = counted((masterarn) => ({
      username: 'app',
      password: 'Initial-Passw0rd-1',
      rotationStrategy: 'alternating-users',
      masterarn,
    }));
    h.db.addUser('app', 'Initial-Passw0rd-1');
    await driver.rotate(alternating);
    counter.reset();
    await driver.rotate(alternating);
    expect(counter.byStep()).toEqual({
      createSecret: ['DescribeSecret', CURRENT, PENDING, 'PutSecretValue'],
      setSecret: ['DescribeSecret', CURRENT, PENDING, CURRENT],
      testSecret: ['DescribeSecret', PENDING],
      finishSecret: ['DescribeSecret', PENDING, 'UpdateSecretVersionStage'],
    });
  });

  it('reads AWSPREVIOUS only when AWSCURRENT does not log in', async () => {
    const { counter, arn, driver } = counted({ username: 'app', password: 'Drifted-Passw0rd-1' });
    h.db.addUser('app', 'Database-Passw0rd-1');
    h.sm.addVersion(
      arn,
      JSON.stringify({ ...h.sm.value(arn, 'AWSCURRENT'), password: 'Drifted-Passw0rd-2' }),
      ['AWSCURRENT'],
    );
    h.sm.addVersion(
      arn,
      JSON.stringify({ ...h.sm.value(arn, 'AWSCURRENT'), password: 'Database-Passw0rd-1' }),
      ['AWSPREVIOUS'],
    );
    await driver.rotate(arn);
    expect(counter.byStep().setSecret).toEqual([
      'DescribeSecret',
      CURRENT,
      PENDING,
      'GetSecretValue(AWSPREVIOUS)',
    ]);
    expect(h.db.accepts('app', String(h.sm.value(arn, 'AWSCURRENT').password))).toBe(true);
  });
});

describe('an invocation killed at a Secrets Manager call boundary', () => {
  const boundaries = (calls: number) =>
    Array.from({ length: calls }, (_, at) => at).flatMap((at) =>
      (['before', 'after'] as const).map((when) => ({ at, when })),
    );

  async function killAndReattempt(
    fault: { at: number; when: 'before' | 'after' },
    secret: (masterArn: string) => Record<string, unknown>,
  ): Promise<{ arn: string; workingAfterKill: string[] }> {
    const { counter, arn: rotated, driver } = counted(secret);
    h.db.addUser('app', 'Initial-Passw0rd-1', { privileges: ['read'] });
    await driver.rotate(rotated);
    counter.reset();
    counter.fault = fault;
    await expect(driver.rotate(rotated)).rejects.toThrow(/invocation killed/);
    const workingAfterKill = ['AWSCURRENT', 'AWSPENDING'].filter((stage) => {
      const value = h.sm.value(rotated, stage);
      return value !== null && h.db.accepts(String(value.username), value.password as string | undefined);
    });
    counter.fault = undefined;
    const rerun = await driver.rotate(rotated, { onIncomplete: 'reattempt' });
    expect(rerun.completed).toBe(true);
    const current = h.sm.value(rotated, 'AWSCURRENT');
    expect(h.db.accepts(String(current.username), String(current.password))).toBe(true);
    expect(Object.values(h.sm.stages(rotated)).filter((stages) => stages.includes('AWSPENDING'))).toEqual([]);
    return { arn: rotated, workingAfterKill };
  }

  it.each(boundaries(12))(
    'single user: leaves a working credential and completes on reattempt (call $at, $when)',
    async (fault) => {
      const { workingAfterKill } = await killAndReattempt(fault, () => ({
        username: 'app',
        password: 'Initial-Passw0rd-1',
      }));
      expect(workingAfterKill.length).toBeGreaterThan(0);
    },
  );

  it.each(boundaries(13))(
    'alternating users: AWSCURRENT keeps logging in and the rotation completes on reattempt (call $at, $when)',
    async (fault) => {
      const { workingAfterKill } = await killAndReattempt(fault, (masterarn) => ({
        username: 'app',
        password: 'Initial-Passw0rd-1',
        rotationStrategy: 'alternating-users',
        masterarn,
      }));
      expect(workingAfterKill).toContain('AWSCURRENT');
    },
  );
});
