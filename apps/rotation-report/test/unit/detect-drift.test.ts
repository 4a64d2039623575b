import { detectDrift } from '../../src';
import { expectedOne, observedFor } from '../support/fixtures';

const wanted = expectedOne();

describe('detectDrift', () => {
  it('finds nothing when the secret is as the stack writes it', () => {
    expect(detectDrift(wanted, observedFor(wanted, 1), 'key-1')).toEqual([]);
  });

  it('names each difference from the stack: rotation, schedule, window, function, key, tags, policy', () => {
    const observed = observedFor(wanted, 1, {
      rotationEnabled: false,
      scheduleExpression: 'rate(90 days)',
      duration: '6h',
      rotationLambdaArn: 'arn:aws:lambda:eu-west-1:333333333333:function:hand-made',
      kmsKeyId: 'arn:aws:kms:eu-west-1:333333333333:key/other',
      tags: { ...wanted.tags, critical: 'false', 'managed-by': 'someone' },
      policySids: ['ReadOnlyByAllowedRoles'],
    });
    expect(detectDrift(wanted, observed, 'key-1')).toEqual([
      'rotation disabled',
      'schedule is rate(90 days), expected rate(30 days)',
      'rotation window is 6h, expected 3h',
      `rotation function is arn:aws:lambda:eu-west-1:333333333333:function:hand-made, expected ${wanted.rotationLambdaArn}`,
      'resource policy lacks WriteOnlyByRotationAndDeploy',
      'encrypted with arn:aws:kms:eu-west-1:333333333333:key/other, expected alias/prod-rds-secrets',
      'tag critical is "false", expected "true"',
      'tag managed-by is "someone", expected "credential-rotation"',
    ]);
  });

  it('treats a day-count schedule as the same rate and skips the key check when aliases cannot be read', () => {
    const observed = observedFor(wanted, 1, {
      scheduleExpression: undefined,
      automaticallyAfterDays: 30,
      duration: undefined,
    });
    expect(detectDrift(wanted, observed, null)).toEqual([]);
  });

  it('reports the default aws/secretsmanager key, a missing policy and a pending deletion', () => {
    const observed = observedFor(wanted, 1, {
      kmsKeyId: undefined,
      policySids: [],
      deletedDate: new Date('2026-07-01T00:00:00Z'),
    });
    expect(detectDrift(wanted, observed, 'key-1')).toEqual([
      'scheduled for deletion on 2026-07-01T00:00:00.000Z',
      'no resource policy',
      'encrypted with aws/secretsmanager, expected alias/prod-rds-secrets',
    ]);
  });
});
