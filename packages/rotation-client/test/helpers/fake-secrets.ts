import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

/** A database SecretString for tests. */
export function secretJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    engine: 'postgres',
    host: '127.0.0.1',
    port: 5432,
    username: 'app',
    password: 'pw-current-0123456789',
    dbname: 'orders',
    ...overrides,
  });
}

export interface FakeVersion {
  readonly versionId: string;
  readonly secretString: string;
}

/**
 * A Secrets Manager client (no network) whose stages the test moves, counting GetSecretValue calls
 * per stage. Calls resolve on a later tick, like the real client.
 */
export function fakeSecretsManager(stages: { AWSCURRENT?: FakeVersion; AWSPENDING?: FakeVersion }) {
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  const mock = mockClient(client);
  const calls: string[] = [];
  let failWith: Error | undefined;
  mock.on(GetSecretValueCommand).callsFake(async (input: { VersionStage?: string }) => {
    const stage = (input.VersionStage ?? 'AWSCURRENT') as 'AWSCURRENT' | 'AWSPENDING';
    calls.push(stage);
    await new Promise((resolve) => setImmediate(resolve));
    if (failWith !== undefined) throw failWith;
    const version = stages[stage];
    if (version === undefined) {
      throw new ResourceNotFoundException({ message: 'no such stage', $metadata: {} });
    }
    return { VersionId: version.versionId, SecretString: version.secretString, VersionStages: [stage] };
  });
  return {
    client,
    calls,
    stages,
    failNextCallsWith(error: Error | undefined) {
      failWith = error;
    },
    restore: () => mock.restore(),
  };
}

/** A clock tests move by hand. */
export function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
