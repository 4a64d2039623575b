import { randomBytes } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { adapterFor } from '@credential-rotation/engine-adapters';
import { createRotationHandler, loadConfig, RotationDriver } from '@credential-rotation/rotation-lambda';
import type { DatabaseServerInfo, MotoServerInfo } from '@credential-rotation/test-services';
import { createLoginUser, dropUsers } from './database-users';
import { LOCAL_AWS_CREDENTIALS } from './load-client';

export type RotationStrategy = 'single-user' | 'alternating-users';

export interface RotationFixtureProps {
  readonly server: DatabaseServerInfo;
  readonly moto: MotoServerInfo;
  readonly strategy: RotationStrategy;
  /**
   * Pause before each rotation step, ms: on AWS every step is a separate Lambda invocation, so the
   * single-user window (setSecret done, finishSecret not yet) lasts at least a few invocation gaps.
   * @default 100
   */
  readonly stepGapMs?: number;
}

export interface RotationFixture {
  readonly secretId: string;
  readonly baseUsername: string;
  /** One full rotation (RotateSecret + the four steps) through the real rotation handler. */
  rotate(): Promise<void>;
  /** Rotations completed so far. */
  rotations(): number;
  /** Drops the users this fixture created. */
  cleanup(): Promise<void>;
}

function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A database user, its secret in moto, and the real rotation handler driven the way Secrets
 * Manager drives it. Alternating users also get a master secret (the server's superuser).
 */
export async function createRotationFixture(props: RotationFixtureProps): Promise<RotationFixture> {
  const { server, moto, strategy } = props;
  const client = new SecretsManagerClient({
    endpoint: moto.endpoint,
    region: moto.region,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const suffix = randomBytes(4).toString('hex');
  const baseUsername = `app_${suffix}`;
  const password = randomPassword();

  await createLoginUser(server, baseUsername, password);
  const created = [baseUsername, `${baseUsername}_clone`];

  const engine = server.engine === 'postgres' ? 'postgres' : 'mariadb';
  const common = {
    engine,
    host: server.host,
    port: server.port,
    ...(engine === 'postgres' ? { dbname: 'postgres' } : {}),
  };
  let masterarn: string | undefined;
  if (strategy === 'alternating-users') {
    const master = await client.send(
      new CreateSecretCommand({
        Name: `bench/${suffix}/master`,
        SecretString: JSON.stringify({ ...common, ...server.superuser }),
      }),
    );
    masterarn = master.ARN;
  }
  const secret = await client.send(
    new CreateSecretCommand({
      Name: `bench/${suffix}/app`,
      SecretString: JSON.stringify({
        ...common,
        username: baseUsername,
        password,
        rotationStrategy: strategy,
        ...(masterarn !== undefined ? { masterarn } : {}),
      }),
    }),
  );
  const secretId = secret.ARN ?? `bench/${suffix}/app`;

  const handler = createRotationHandler({
    adapterFor,
    config: loadConfig({ DB_CONNECT_TIMEOUT_MS: '10000' }),
    secretsManager: client,
    connectOptions: { ca: server.caPem },
  });
  const driver = new RotationDriver({ client, handler });
  const stepGapMs = props.stepGapMs ?? 100;
  let completed = 0;

  return {
    secretId,
    baseUsername,
    async rotate() {
      await driver.rotate(secretId, {
        onIncomplete: 'reattempt',
        beforeStep: () => sleep(stepGapMs),
      });
      completed += 1;
    },
    rotations: () => completed,
    async cleanup() {
      await dropUsers(server, created);
      client.destroy();
    },
  };
}
