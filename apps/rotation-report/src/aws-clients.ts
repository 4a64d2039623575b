import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsAccessError, describeAwsError } from './errors';

/** How the report reaches AWS. */
export interface AwsAccessOptions {
  /** One endpoint for every service (moto, a VPC endpoint proxy). @default - the public endpoints */
  readonly endpoint?: string;
  /** Base credentials. @default - the SDK's default provider chain */
  readonly credentials?: SecretsManagerClientConfig['credentials'];
  /** Per-call retry budget; adaptive mode also slows the client down when AWS throttles. */
  readonly maxAttempts: number;
  readonly roleSessionName: string;
}

/** Clients for one account, every region, with the audit role's credentials. */
export interface AccountClients {
  readonly accountId: string;
  secretsManager(region: string): SecretsManagerClient;
  logs(region: string): CloudWatchLogsClient;
  cloudTrail(region: string): CloudTrailClient;
  kms(region: string): KMSClient;
  /** Closes every client's sockets. */
  close(): void;
}

/**
 * Assumes `roleArn` (one STS call per account) and returns clients that use its credentials.
 * `roleArn` undefined uses the base credentials directly (a single-account run).
 * Throws {@link AwsAccessError} with the error name when the account refuses the role.
 */
export async function openAccount(
  accountId: string,
  roleArn: string | undefined,
  stsRegion: string,
  options: AwsAccessOptions,
): Promise<AccountClients> {
  const base = {
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    maxAttempts: options.maxAttempts,
    retryMode: 'adaptive' as const,
  };
  let credentials = options.credentials;
  if (roleArn !== undefined) {
    const sts = new STSClient({
      ...base,
      region: stsRegion,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    });
    try {
      const output = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: options.roleSessionName,
          DurationSeconds: 3600,
        }),
      );
      const issued = output.Credentials;
      if (issued?.AccessKeyId === undefined || issued.SecretAccessKey === undefined) {
        throw new AwsAccessError(`AssumeRole ${roleArn}`, 'no credentials returned');
      }
      credentials = {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        ...(issued.SessionToken === undefined ? {} : { sessionToken: issued.SessionToken }),
        ...(issued.Expiration === undefined ? {} : { expiration: issued.Expiration }),
      };
    } catch (error) {
      if (error instanceof AwsAccessError) throw error;
      throw new AwsAccessError(`AssumeRole ${roleArn}`, describeAwsError(error), { cause: error });
    } finally {
      sts.destroy();
    }
  }
  const config = (region: string) => ({
    ...base,
    region,
    ...(credentials === undefined ? {} : { credentials }),
  });
  // One client per service and region, created on first use and kept: each holds its own
  // adaptive rate limiter, which is what throttling is measured against.
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, create: () => T): T => {
    if (!cache.has(key)) cache.set(key, create());
    return cache.get(key) as T;
  };
  return {
    accountId,
    secretsManager: (region) => memo(`sm:${region}`, () => new SecretsManagerClient(config(region))),
    logs: (region) => memo(`logs:${region}`, () => new CloudWatchLogsClient(config(region))),
    cloudTrail: (region) => memo(`ct:${region}`, () => new CloudTrailClient(config(region))),
    kms: (region) => memo(`kms:${region}`, () => new KMSClient(config(region))),
    close: () => {
      for (const client of cache.values()) (client as { destroy(): void }).destroy();
      cache.clear();
    },
  };
}
