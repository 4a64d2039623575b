/**
 * CloudTrail parsing against records shaped like AWS's documented ones (moto 5.2.1 does not
 * implement LookupEvents): the LookupEvents "Event" wrapper with the record as a JSON string.
 */
import { globalEventsRegion, parseAssumeRole, uniqueSessions } from '../../src/collect-break-glass';
import { parseOutcomeLine, parseRotationFailedEvent } from '../../src/collect-failures';
import { assumeRoleEvent, rotationFailedEvent } from '../support/trail-events';

const at = new Date('2026-06-29T10:00:00Z');
const asEvent = (fixture: ReturnType<typeof rotationFailedEvent>) => ({
  ...fixture,
  EventTime: new Date(fixture.EventTime * 1000),
});

describe('parseRotationFailedEvent', () => {
  it('reads the secret from additionalEventData of a RotationFailed service event', () => {
    const event = asEvent(
      rotationFailedEvent({
        at,
        accountId: '333333333333',
        secretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:prod/rds/a/b-x',
      }),
    );
    expect(parseRotationFailedEvent(event)).toEqual({
      at: at.toISOString(),
      secretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:prod/rds/a/b-x',
      step: 'unknown',
      reason: 'RotationFailed',
      source: 'cloudtrail',
    });
  });
});

describe('parseAssumeRole', () => {
  it('reads who, the reason and ticket tags, the source identity and the issued key', () => {
    const event = asEvent(
      assumeRoleEvent({
        at,
        accountId: '222222222222',
        callerArn: 'arn:aws:iam::222222222222:user/alice',
        roleArn: 'arn:aws:iam::222222222222:role/breakglass/prod-breakglass-central',
        sourceIdentity: 'alice',
        tags: { reason: 'INC-7', ticket: 'CHG-9' },
        issuedKeyId: 'ASIAEXAMPLE',
      }),
    );
    expect(parseAssumeRole(event)).toEqual({
      at: at.toISOString(),
      roleArn: 'arn:aws:iam::222222222222:role/breakglass/prod-breakglass-central',
      who: 'arn:aws:iam::222222222222:user/alice',
      sourceIdentity: 'alice',
      reason: 'INC-7',
      ticket: 'CHG-9',
      accessKeyId: 'ASIAEXAMPLE',
    });
  });
});

describe('parseOutcomeLine', () => {
  it('keeps the step and the scrubbed reason of a failed outcome line, bounded in length', () => {
    const line = JSON.stringify({
      level: 'ERROR',
      message: 'setSecret failed',
      timestamp: '2026-06-29T10:00:00.000Z',
      step: 'setSecret',
      secretArn: 'arn:s',
      outcome: 'failed',
      error: `x${'y'.repeat(500)}`,
    });
    const failure = parseOutcomeLine(line, undefined);
    expect(failure).toMatchObject({
      at: '2026-06-29T10:00:00.000Z',
      secretArn: 'arn:s',
      step: 'setSecret',
      source: 'function-log',
    });
    expect(failure?.reason.length).toBeLessThanOrEqual(240);
  });

  it('ignores succeeded outcomes and lines that are not JSON', () => {
    expect(
      parseOutcomeLine(JSON.stringify({ outcome: 'succeeded', secretArn: 'arn:s', step: 'createSecret' }), 0),
    ).toBeUndefined();
    expect(parseOutcomeLine('START RequestId: 1 Version: $LATEST', 0)).toBeUndefined();
  });
});

describe('break-glass look-up regions', () => {
  it('also searches the region where CloudTrail records global STS calls, and counts a session once', () => {
    expect(globalEventsRegion('aws')).toBe('us-east-1');
    expect(globalEventsRegion('aws-cn')).toBe('cn-north-1');
    const session = {
      at: at.toISOString(),
      accountId: '222222222222',
      roleArn: 'arn:aws:iam::222222222222:role/breakglass/prod-breakglass-central',
      stage: 'central' as const,
      who: 'arn:aws:iam::222222222222:user/alice',
      secretActions: [],
    };
    expect(uniqueSessions([session, { ...session }])).toHaveLength(1);
  });
});
