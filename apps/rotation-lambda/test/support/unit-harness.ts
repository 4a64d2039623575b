import { createRotationHandler, loadConfig, RotationDriver } from '../../src';
import type { RotationConfig, RotationHandler } from '../../src';
import { OutputCapture } from './capture-output';
import { InMemoryDatabase } from './in-memory-database';
import { InMemorySecretsManager } from './in-memory-secrets-manager';

export const MASTER = { username: 'master', password: 'M4ster-Passw0rd-xyz' };

export interface UnitHarness {
  readonly sm: InMemorySecretsManager;
  readonly db: InMemoryDatabase;
  readonly handler: RotationHandler;
  readonly driver: RotationDriver;
  readonly output: OutputCapture;
  /** Creates the master secret and a user secret; returns the user secret's ARN. */
  userSecret(fields: Record<string, unknown>, options?: { rotationEnabled?: boolean }): string;
  masterArn: string;
}

/** The real handler and driver over an in-memory Secrets Manager and database. No network. */
export function unitHarness(config: Partial<RotationConfig> = {}): UnitHarness {
  const sm = new InMemorySecretsManager();
  const db = new InMemoryDatabase();
  db.addUser(MASTER.username, MASTER.password, { privileged: true });
  const output = new OutputCapture().start();
  const handler = createRotationHandler({
    adapterFor: db.adapterFor(),
    config: { ...loadConfig({}), ...config },
    secretsManager: sm.client,
  });
  const masterArn = sm.create('master', JSON.stringify(MASTER));
  return {
    sm,
    db,
    handler,
    output,
    masterArn,
    driver: new RotationDriver({ client: sm.client, handler }),
    userSecret: (fields, options) =>
      sm.create(
        `user-${Math.random().toString(36).slice(2)}`,
        JSON.stringify({ engine: 'postgres', host: 'db.internal', port: 5432, ...fields }),
        options,
      ),
  };
}
