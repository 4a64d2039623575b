import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutResourcePolicyCommand,
  RotateSecretCommand,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { exampleEnvironmentConfig } from '@credential-rotation/environment-config';
import { adapterFor } from '@credential-rotation/engine-adapters';
import { RotationDriver, createRotationHandler, loadConfig } from '@credential-rotation/rotation-lambda';
import type { DatabaseServerInfo, MotoServerInfo } from '@credential-rotation/test-services';
import { connectPostgresSuperuser } from '@credential-rotation/test-services';
import type { Client } from 'pg';
import { expectedSecrets, rotationLogGroupName } from '../../src';
import type { ExpectedSecret } from '../../src';
import { loadEnvironment } from '../../src/load-environment';
import type { TrailEventFixture } from './aws-front';
import { createAliasedKey, motoAccount, putLogLines } from './moto-accounts';
import type { MotoAccount } from './moto-accounts';
import { assumeRoleEvent, rotationFailedEvent, secretCallEvent } from './trail-events';

export const ENV = 'itest';
export const ACCOUNTS = {
  alpha: '100000000001',
  beta: '100000000002',
  refused: '100000000003',
  security: '222222222222',
} as const;
const USERS_ALPHA = [
  'ontime_app',
  'never_app',
  'stuck_app',
  'failed_app',
  'drift_app',
  'deleted_app',
  'missing_app',
] as const;

/** The test environment: alpha holds every case, beta is healthy (and throttled), `refused` refuses the audit role. */
export function scenarioConfig(region: string, withRefused: boolean): EnvironmentConfigInput {
  const example = exampleEnvironmentConfig();
  const workload = (name: string, accountId: string, database: string, users: readonly string[]) => ({
    name,
    accountId,
    deployRoleArn: `arn:aws:iam::${accountId}:role/deploy`,
    vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] },
    databases: [
      {
        name: database,
        engine: 'postgres' as const,
        host: `${database}.example.internal`,
        masterSecretArn: `arn:aws:secretsmanager:${region}:${accountId}:secret:rds!db-1-AbCdEf`,
        securityGroupId: 'sg-0123456789abcdef0',
        users: users.map((username) => ({
          username,
          strategy: 'single-user' as const,
          applicationRoleName: username.replace(/_/g, '-'),
          tags: { system: database, critical: true },
        })),
      },
    ],
  });
  return {
    ...example,
    region,
    accounts: {
      ...example.accounts,
      workloads: [
        workload('alpha', ACCOUNTS.alpha, 'orders', USERS_ALPHA),
        workload('beta', ACCOUNTS.beta, 'ledger', ['ledger_app']),
        ...(withRefused ? [workload('refused', ACCOUNTS.refused, 'audit', ['audit_app'])] : []),
      ],
    },
  };
}

export interface Scenario {
  /** Temporary folder of the config files; the test removes it. */
  readonly dir: string;
  readonly configFile: string;
  readonly configFileWithoutRefused: string;
  readonly trail: Record<string, TrailEventFixture[]>;
  /** Every password the setup created or the rotations produced are never known to it; these are the ones it chose. */
  readonly knownPasswords: readonly string[];
  readonly arns: Readonly<Record<string, string>>;
}

/**
 * Builds the accounts as the stack would leave them, then drives real rotations (the rotation
 * function from apps/rotation-lambda against the test PostgreSQL) so that versions, stages and
 * dates are the service's own: on schedule, never rotated, stuck (crash after setSecret), failed
 * (the user does not exist), drifted (a tag changed by hand), deleted while configured, missing,
 * and an unmanaged secret under the managed prefix.
 */
export async function buildScenario(moto: MotoServerInfo, postgres: DatabaseServerInfo): Promise<Scenario> {
  const region = moto.region;
  const dir = mkdtempSync(join(tmpdir(), 'rotation-report-'));
  const configFile = join(dir, 'itest.json');
  const configFileWithoutRefused = join(dir, 'itest-healthy.json');
  writeFileSync(configFile, JSON.stringify(scenarioConfig(region, true)));
  writeFileSync(configFileWithoutRefused, JSON.stringify(scenarioConfig(region, false)));
  const expected = expectedSecrets(loadEnvironment(ENV, configFile));
  const knownPasswords = [postgres.superuser.password];
  const arns: Record<string, string> = {};

  await withPostgres(postgres, async (db) => {
    for (const user of ['ontime_app', 'stuck_app', 'drift_app', 'ledger_app']) {
      const password = `Initial-${user}-${Math.random().toString(36).slice(2)}`;
      knownPasswords.push(password);
      await db.query(`CREATE ROLE ${db.escapeIdentifier(user)} LOGIN PASSWORD ${db.escapeLiteral(password)}`);
    }
  });

  const lines: string[] = [];
  for (const [name, accountId] of [
    ['alpha', ACCOUNTS.alpha],
    ['beta', ACCOUNTS.beta],
  ] as const) {
    const account = await motoAccount(moto.endpoint, region, accountId);
    try {
      const keyArn = await createAliasedKey(account, `alias/${ENV}-rds-secrets`);
      const master = await account.secrets.send(
        new CreateSecretCommand({
          Name: `rds!db-${accountId}`,
          SecretString: JSON.stringify(postgres.superuser),
        }),
      );
      const handler = createRotationHandler({
        adapterFor,
        config: loadConfig({ SECRETS_MANAGER_ENDPOINT: moto.endpoint }),
        secretsManager: account.secrets,
        connectOptions: { ca: [postgres.caPem] },
      });
      for (const wanted of expected.filter((secret) => secret.accountId === accountId)) {
        if (wanted.user === 'missing_app') continue;
        const arn = await createAsTheStackDoes(account, wanted, keyArn, postgres, master.ARN ?? '');
        arns[wanted.user] = arn;
        const driver = new RotationDriver({
          client: account.secrets,
          handler,
          rotationLambdaArn: wanted.rotationLambdaArn,
          automaticallyAfterDays: 30,
        });
        lines.push(...(await captureStdout(() => rotateFor(driver, account, wanted, arn))));
      }
      if (name === 'alpha') {
        const stray = await account.secrets.send(
          new CreateSecretCommand({
            Name: `${ENV}/rds/orders/stray_app`,
            SecretString: '{"engine":"postgres"}',
            KmsKeyId: keyArn,
          }),
        );
        arns.stray_app = stray.ARN ?? '';
        await account.secrets.send(
          new TagResourceCommand({ SecretId: arns.drift_app, Tags: [{ Key: 'critical', Value: 'false' }] }),
        );
        await account.secrets.send(
          new DeleteSecretCommand({ SecretId: arns.deleted_app, RecoveryWindowInDays: 7 }),
        );
      }
      // Lambda ships the function's stdout to its log group: the same lines go to moto's CloudWatch Logs.
      const ownLines = lines.splice(0).filter((line) => line.includes(`:${accountId}:`));
      await putLogLines(account, rotationLogGroupName(ENV, name), ownLines);
    } finally {
      account.destroy();
    }
  }

  const now = Date.now();
  const readerKey = 'ASIAREADERSESSION001';
  const trail: Record<string, TrailEventFixture[]> = {
    [ACCOUNTS.security]: [
      assumeRoleEvent({
        at: new Date(now - 3_600_000),
        accountId: ACCOUNTS.security,
        callerArn: `arn:aws:iam::${ACCOUNTS.security}:user/alice`,
        roleArn: `arn:aws:iam::${ACCOUNTS.security}:role/breakglass/${ENV}-breakglass-central`,
        sourceIdentity: 'alice',
        tags: { reason: 'INC-42 restore orders', ticket: 'INC-42' },
        issuedKeyId: 'ASIACENTRALSESSION01',
      }),
    ],
    [ACCOUNTS.alpha]: [
      assumeRoleEvent({
        at: new Date(now - 3_500_000),
        accountId: ACCOUNTS.alpha,
        callerArn: `arn:aws:sts::${ACCOUNTS.security}:assumed-role/${ENV}-breakglass-central/alice`,
        roleArn: `arn:aws:iam::${ACCOUNTS.alpha}:role/breakglass/BreakGlassSecretReader`,
        sourceIdentity: 'alice',
        tags: { reason: 'INC-42 restore orders', ticket: 'INC-42' },
        issuedKeyId: readerKey,
      }),
      secretCallEvent({
        at: new Date(now - 3_400_000),
        accountId: ACCOUNTS.alpha,
        eventName: 'GetSecretValue',
        accessKeyId: readerKey,
        sessionArn: `arn:aws:sts::${ACCOUNTS.alpha}:assumed-role/BreakGlassSecretReader/alice`,
        secretId: `${ENV}/rds/orders/ontime_app`,
      }),
      rotationFailedEvent({
        at: new Date(now - 60_000),
        accountId: ACCOUNTS.alpha,
        secretArn: arns.stuck_app ?? '',
      }),
    ],
  };
  return { dir, configFile, configFileWithoutRefused, trail, knownPasswords, arns };
}

/** What the stack writes: metadata-only first version labelled TERRAFORM_METADATA, CMK, tags, resource policy. */
async function createAsTheStackDoes(
  account: MotoAccount,
  wanted: ExpectedSecret,
  keyArn: string,
  postgres: DatabaseServerInfo,
  masterArn: string,
): Promise<string> {
  const created = await account.secrets.send(
    new CreateSecretCommand({
      Name: wanted.name,
      KmsKeyId: keyArn,
      SecretString: JSON.stringify({
        engine: 'postgres',
        host: postgres.host,
        port: postgres.port,
        username: wanted.user,
        dbname: 'postgres',
        masterarn: masterArn,
      }),
      Tags: Object.entries(wanted.tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  const arn = created.ARN ?? '';
  await account.secrets.send(
    new UpdateSecretVersionStageCommand({
      SecretId: arn,
      VersionStage: 'TERRAFORM_METADATA',
      MoveToVersionId: created.VersionId ?? '',
    }),
  );
  await account.secrets.send(
    new PutResourcePolicyCommand({
      SecretId: arn,
      ResourcePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: ['ReadOnlyByAllowedRoles', 'WriteOnlyByRotationAndDeploy'].map((Sid) => ({
          Sid,
          Effect: 'Deny',
          Principal: '*',
          Action: Sid.startsWith('Read') ? 'secretsmanager:GetSecretValue' : 'secretsmanager:PutSecretValue',
          Resource: '*',
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${account.accountId}:role/workload/x`] },
          },
        })),
      }),
    }),
  );
  return arn;
}

async function rotateFor(
  driver: RotationDriver,
  account: MotoAccount,
  wanted: ExpectedSecret,
  arn: string,
): Promise<void> {
  switch (wanted.user) {
    case 'never_app':
    case 'deleted_app':
      await configureWithoutRotating(account, wanted, arn);
      return;
    case 'stuck_app':
      await driver.rotate(arn, { crashAfter: 'setSecret' });
      return;
    case 'failed_app':
      // The user does not exist in the database: setSecret fails, as a rotation against a dropped user does.
      await driver.rotate(arn).then(
        () => {
          throw new Error('failed_app rotated although its user does not exist');
        },
        () => undefined,
      );
      return;
    default:
      await driver.rotate(arn);
  }
}

/**
 * Rotation configured but never run (RotateImmediately false): moto records the schedule and the
 * function, stages a copy as AWSPENDING and then fails to find the function; the service would not
 * leave that label, so it is removed.
 */
async function configureWithoutRotating(
  account: MotoAccount,
  wanted: ExpectedSecret,
  arn: string,
): Promise<void> {
  const token = crypto.randomUUID();
  await account.secrets
    .send(
      new RotateSecretCommand({
        SecretId: arn,
        ClientRequestToken: token,
        RotationLambdaARN: wanted.rotationLambdaArn,
        RotationRules: { AutomaticallyAfterDays: 30 },
        RotateImmediately: false,
      }),
    )
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
    });
  await account.secrets.send(
    new UpdateSecretVersionStageCommand({
      SecretId: arn,
      VersionStage: 'AWSPENDING',
      RemoveFromVersionId: token,
    }),
  );
}

async function withPostgres(
  server: DatabaseServerInfo,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = await connectPostgresSuperuser(server);
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` while collecting the JSON lines Powertools writes (info to stdout, errors to stderr): the function's log. */
async function captureStdout(work: () => Promise<void>): Promise<string[]> {
  const captured: string[] = [];
  const restore: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      captured.push(...text.split('\n').filter((line) => line.startsWith('{') && !line.includes('"_aws"')));
      rest.find((arg): arg is () => void => typeof arg === 'function')?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return captured;
}
