import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const BASE = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/** Clients acting in one moto account. */
export interface MotoAccount {
  readonly accountId: string;
  readonly secrets: SecretsManagerClient;
  readonly logs: CloudWatchLogsClient;
  readonly kms: KMSClient;
  destroy(): void;
}

/**
 * moto 5.2.1 separates accounts by access key: a key issued by its STS AssumeRole belongs to the
 * account in the role ARN (the role need not exist); every other key, even a 12-digit one, is the
 * default account 123456789012. So setup assumes a deploy role in each account, as Terraform does.
 */
export async function motoAccount(endpoint: string, region: string, accountId: string): Promise<MotoAccount> {
  const sts = new STSClient({ endpoint, region, credentials: BASE });
  const output = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/deploy/credential-rotation-deploy`,
      RoleSessionName: 'test-setup',
    }),
  );
  sts.destroy();
  const issued = output.Credentials;
  if (issued?.AccessKeyId === undefined || issued.SecretAccessKey === undefined)
    throw new Error('moto issued no credentials');
  const credentials = {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    sessionToken: issued.SessionToken ?? '',
  };
  const config = { endpoint, region, credentials };
  const secrets = new SecretsManagerClient(config);
  const logs = new CloudWatchLogsClient(config);
  const kms = new KMSClient(config);
  return {
    accountId,
    secrets,
    logs,
    kms,
    destroy: () => [secrets, logs, kms].forEach((client) => client.destroy()),
  };
}

/** A customer-managed key with an alias, as the stack's EncryptionKey creates; returns its ARN. */
export async function createAliasedKey(account: MotoAccount, aliasName: string): Promise<string> {
  const key = await account.kms.send(new CreateKeyCommand({ Description: 'test secrets key' }));
  const keyId = key.KeyMetadata?.KeyId ?? '';
  await account.kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: keyId }));
  return key.KeyMetadata?.Arn ?? keyId;
}

/** Writes log lines to a log group (created if needed), as Lambda ships the function's stdout. */
export async function putLogLines(
  account: MotoAccount,
  logGroupName: string,
  lines: readonly string[],
): Promise<void> {
  await account.logs.send(new CreateLogGroupCommand({ logGroupName })).catch(() => undefined);
  const logStreamName = `2026/01/01/[$LATEST]${Math.random().toString(16).slice(2)}`;
  await account.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const now = Date.now();
  await account.logs.send(
    new PutLogEventsCommand({
      logGroupName,
      logStreamName,
      logEvents: lines.map((message, index) => ({ timestamp: now + index, message })),
    }),
  );
}
