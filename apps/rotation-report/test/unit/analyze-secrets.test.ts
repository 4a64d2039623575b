import { analyzeRegion } from '../../src';
import type { RegionObservation, RotationFailure } from '../../src';
import { AS_OF, DAY, expectedOne, observedFor } from '../support/fixtures';

const wanted = expectedOne();
const options = { asOf: AS_OF, stuckAfterMs: 3 * 3_600_000 };

function observation(extra: Partial<RegionObservation>): RegionObservation {
  return {
    accountId: wanted.accountId,
    accountName: wanted.accountName,
    region: wanted.region,
    secrets: [],
    keyId: 'key-1',
    failures: [],
    ...extra,
  };
}

describe('analyzeRegion', () => {
  it('reports a secret rotated within its schedule as healthy', () => {
    const [row] = analyzeRegion([wanted], observation({ secrets: [observedFor(wanted, 10)] }), options);
    expect(row).toMatchObject({
      exists: true,
      overdue: false,
      neverRotated: false,
      stuck: false,
      drift: [],
      ageDays: 10,
    });
  });

  it('flags a secret whose last rotation is older than the schedule plus its window', () => {
    const [inWindow] = analyzeRegion(
      [wanted],
      observation({ secrets: [observedFor(wanted, 30.1)] }),
      options,
    );
    const [late] = analyzeRegion([wanted], observation({ secrets: [observedFor(wanted, 31)] }), options);
    expect(inWindow?.overdue).toBe(false);
    expect(late?.overdue).toBe(true);
  });

  it('flags a secret still on the Terraform metadata version as never rotated, not overdue', () => {
    const secret = observedFor(wanted, 100, {
      lastRotatedDate: undefined,
      versionStages: { v1: ['AWSCURRENT', 'TERRAFORM_METADATA'] },
    });
    const [row] = analyzeRegion([wanted], observation({ secrets: [secret] }), options);
    expect(row).toMatchObject({ neverRotated: true, overdue: false });
    expect(row?.lastRotated).toBeUndefined();
  });

  it('takes the AWSCURRENT version date when the service gives no LastRotatedDate', () => {
    const created = new Date(AS_OF.getTime() - 5 * DAY);
    const secret = observedFor(wanted, 0, { lastRotatedDate: undefined, versionCreated: { v2: created } });
    const [row] = analyzeRegion([wanted], observation({ secrets: [secret] }), options);
    expect(row?.lastRotated).toBe(created.toISOString());
  });

  it('flags AWSPENDING on another version as stuck only after the retry horizon', () => {
    const stages = { v1: ['TERRAFORM_METADATA', 'AWSPREVIOUS'], v2: ['AWSCURRENT'], v3: ['AWSPENDING'] };
    const recent = observedFor(wanted, 1, {
      versionStages: stages,
      versionCreated: { v3: new Date(AS_OF.getTime() - 3_600_000) },
    });
    const old = observedFor(wanted, 1, {
      versionStages: stages,
      versionCreated: { v3: new Date(AS_OF.getTime() - 4 * 3_600_000) },
    });
    expect(analyzeRegion([wanted], observation({ secrets: [recent] }), options)[0]?.stuck).toBe(false);
    expect(analyzeRegion([wanted], observation({ secrets: [old] }), options)[0]?.stuck).toBe(true);
  });

  it('keeps only failures after the last successful rotation', () => {
    const secret = observedFor(wanted, 2);
    const failure = (daysAgo: number): RotationFailure => ({
      at: new Date(AS_OF.getTime() - daysAgo * DAY).toISOString(),
      secretArn: secret.arn,
      step: 'setSecret',
      reason: 'connection refused',
      source: 'function-log',
    });
    const [old] = analyzeRegion(
      [wanted],
      observation({ secrets: [secret], failures: [failure(3)] }),
      options,
    );
    const [recent] = analyzeRegion(
      [wanted],
      observation({ secrets: [secret], failures: [failure(3), failure(1)] }),
      options,
    );
    expect(old?.lastFailure).toBeUndefined();
    expect(recent?.lastFailure).toMatchObject({ step: 'setSecret', reason: 'connection refused' });
  });

  it('adds a row for a configured user without a secret and for a managed secret no config names', () => {
    const stray = { ...observedFor(wanted, 1), name: 'prod/rds/orders/stray', arn: 'arn:stray' };
    const rows = analyzeRegion([wanted], observation({ secrets: [stray] }), options);
    expect(rows.map((row) => [row.name, row.exists, row.drift])).toEqual([
      [wanted.name, false, ['configured user has no secret']],
      ['prod/rds/orders/stray', true, ['no environment config names this secret']],
    ]);
  });
});

describe('analyzeRegion in a replica region', () => {
  const replicaWanted = { ...wanted, region: 'eu-central-1', replica: true };

  it('checks a replica for presence, key and tags, but judges rotation only in the primary', () => {
    const replica = observedFor(replicaWanted, 400, {
      primaryRegion: wanted.region,
      rotationEnabled: undefined,
      rotationLambdaArn: undefined,
      policySids: undefined,
    });
    const [row] = analyzeRegion(
      [replicaWanted],
      {
        accountId: wanted.accountId,
        accountName: wanted.accountName,
        region: 'eu-central-1',
        secrets: [replica],
        keyId: 'key-1',
        failures: [],
      },
      options,
    );
    expect(row).toMatchObject({
      replica: true,
      exists: true,
      overdue: false,
      neverRotated: false,
      stuck: false,
      drift: [],
    });
  });

  it('reports a replica missing from its region', () => {
    const [row] = analyzeRegion(
      [replicaWanted],
      {
        accountId: wanted.accountId,
        accountName: wanted.accountName,
        region: 'eu-central-1',
        secrets: [],
        keyId: 'key-1',
        failures: [],
      },
      options,
    );
    expect(row).toMatchObject({ replica: true, exists: false, drift: ['replica missing in this region'] });
  });
});
