import {
  auditRoleArn,
  describeAwsError,
  createLimiter,
  expectedSecrets,
  normalizeSchedule,
  parseDuration,
  roleFromTemplate,
  schedulePeriodMs,
} from '../../src';
import { createProgress } from '../../src/progress';
import { loadEnvironment } from '../../src/load-environment';
import { DAY } from '../support/fixtures';

describe('auditRoleArn', () => {
  it('names the read-only audit role the stack creates under /audit/', () => {
    expect(auditRoleArn('aws', '666666666666', 'prod')).toBe(
      'arn:aws:iam::666666666666:role/audit/prod-rotation-audit',
    );
    expect(roleFromTemplate('arn:{partition}:iam::{accountId}:role/{env}-audit', 'aws-cn', '1', 'dev')).toBe(
      'arn:aws-cn:iam::1:role/dev-audit',
    );
  });
});

describe('parseDuration and schedules', () => {
  it('parses look-backs and refuses anything else', () => {
    expect(parseDuration('7d')).toBe(7 * DAY);
    expect(parseDuration('12h')).toBe(DAY / 2);
    expect(parseDuration('2w')).toBe(14 * DAY);
    expect(parseDuration('7 days')).toBeUndefined();
  });

  it('turns schedules into their longest period', () => {
    expect(schedulePeriodMs('rate(30 days)')).toBe(30 * DAY);
    expect(schedulePeriodMs('rate(12 hours)')).toBe(DAY / 2);
    expect(schedulePeriodMs('cron(0 2 ? * SUN *)')).toBe(7 * DAY);
    expect(schedulePeriodMs('cron(0 2 1 * ? *)')).toBe(31 * DAY);
    expect(normalizeSchedule(undefined, 30)).toBe('rate(30 days)');
    expect(normalizeSchedule('rate(1 day)', undefined)).toBe('rate(1 days)');
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limit(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setImmediate(resolve));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

describe('createProgress', () => {
  it('draws on a terminal and stays quiet in CI or a pipe', () => {
    const written: string[] = [];
    const target = { write: (text: string) => written.push(text), isTTY: true };
    createProgress(2, target, {}).tick('payments eu-west-1');
    expect(written.join('')).toContain('1/2 payments eu-west-1');
    written.length = 0;
    createProgress(2, target, { CI: 'true' }).tick('x');
    createProgress(2, { ...target, isTTY: false }, {}).tick('x');
    expect(written).toEqual([]);
  });
});

describe('expectedSecrets', () => {
  it('derives the prod secrets, replicas and rotation functions from the environment config', () => {
    const expected = expectedSecrets(loadEnvironment('prod'));
    const ordersApp = expected.filter((secret) => secret.name === 'prod/rds/orders/orders_app');
    expect(ordersApp.map((secret) => [secret.region, secret.replica])).toEqual([
      ['eu-west-1', false],
      ['eu-central-1', true],
    ]);
    expect(ordersApp[0]).toMatchObject({
      accountId: '666666666666',
      rotationLambdaArn: 'arn:aws:lambda:eu-west-1:666666666666:function:prod-secrets-rotation-payments',
      keyAlias: 'alias/prod-rds-secrets',
      tags: {
        env: 'prod',
        system: 'orders',
        critical: 'true',
        'managed-by': 'credential-rotation',
        'breakglass:readable': 'prod',
      },
    });
  });
});

describe('describeAwsError', () => {
  it('keeps the error name, HTTP status or network code and never the message', () => {
    const sdkError = Object.assign(new Error('User arn:... is not authorized; secret value xyz'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(describeAwsError(sdkError)).toBe('AccessDeniedException (HTTP 400)');
    expect(
      describeAwsError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('Error ECONNREFUSED');
  });
});
