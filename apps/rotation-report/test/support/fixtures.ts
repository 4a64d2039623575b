import { parseEnvironment } from '@credential-rotation/environment-config';
import type { Environment } from '@credential-rotation/environment-config';
import { exampleEnvironmentConfig } from '@credential-rotation/environment-config';
import { expectedSecrets } from '../../src';
import type { AccountSummary, ExpectedSecret, ObservedSecret, Report, SecretRow } from '../../src';

export const DAY = 86_400_000;
export const AS_OF = new Date('2026-06-30T12:00:00Z');

/** The example environment (one workload account, one PostgreSQL user), validated. */
export function exampleEnvironment(overrides: Record<string, unknown> = {}): Environment {
  return parseEnvironment('prod', { ...exampleEnvironmentConfig(), ...overrides });
}

export function expectedOne(): ExpectedSecret {
  const [first] = expectedSecrets(exampleEnvironment());
  if (first === undefined) throw new Error('example config has no secret');
  return first;
}

/** A secret as the stack leaves it after one rotation `rotatedDaysAgo` days before AS_OF. */
export function observedFor(
  wanted: ExpectedSecret,
  rotatedDaysAgo: number,
  extra: Partial<ObservedSecret> = {},
): ObservedSecret {
  const rotated = new Date(AS_OF.getTime() - rotatedDaysAgo * DAY);
  return {
    arn: `arn:aws:secretsmanager:${wanted.region}:${wanted.accountId}:secret:${wanted.name}-AbCdEf`,
    name: wanted.name,
    kmsKeyId: `arn:aws:kms:${wanted.region}:${wanted.accountId}:key/key-1`,
    rotationEnabled: true,
    rotationLambdaArn: wanted.rotationLambdaArn,
    scheduleExpression: wanted.schedule,
    duration: `${wanted.windowHours}h`,
    lastRotatedDate: rotated,
    createdDate: new Date(rotated.getTime() - DAY),
    tags: { ...wanted.tags },
    versionStages: { v1: ['TERRAFORM_METADATA', 'AWSPREVIOUS'], v2: ['AWSCURRENT'] },
    policySids: ['ReadOnlyByAllowedRoles', 'WriteOnlyByRotationAndDeploy'],
    ...extra,
  };
}

export function rowOf(extra: Partial<SecretRow> = {}): SecretRow {
  return {
    accountId: '333333333333',
    accountName: 'payments',
    region: 'eu-west-1',
    name: 'prod/rds/orders/orders_app',
    replica: false,
    exists: true,
    database: 'orders',
    user: 'orders_app',
    engine: 'postgres',
    strategy: 'single-user',
    rotationEnabled: true,
    schedule: 'rate(30 days)',
    lastRotated: '2026-06-20T00:00:00.000Z',
    nextRotation: '2026-07-20T00:00:00.000Z',
    ageDays: 10.5,
    allowedDays: 30.1,
    overdue: false,
    neverRotated: false,
    stuck: false,
    drift: [],
    ...extra,
  };
}

/** The one workload account of the example report, reachable and with one secret. */
export const OK_ACCOUNT: AccountSummary = {
  accountId: '333333333333',
  name: 'payments',
  role: 'workload',
  status: 'ok',
  problems: [],
  secrets: 1,
  findings: 0,
};

export function reportOf(extra: Partial<Report> = {}): Report {
  return {
    environment: 'prod',
    generatedAt: AS_OF.toISOString(),
    asOf: AS_OF.toISOString(),
    since: new Date(AS_OF.getTime() - 7 * DAY).toISOString(),
    complete: true,
    accounts: [OK_ACCOUNT],
    secrets: [rowOf()],
    findings: [],
    breakGlass: [],
    compliance: [],
    ...extra,
  };
}
