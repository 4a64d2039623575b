/**
 * setSecret when the database is not where the labels say: a password change that loses a
 * race with a duplicate invocation, and AWSPENDING removed by hand after the password changed.
 */
import { ListSecretVersionIdsCommand } from '@aws-sdk/client-secrets-manager';
import { DatabaseStatementError, DriverErrorSummary } from '@credential-rotation/engine-adapters';
import type {
  DatabaseCredentials,
  DatabaseSession,
  EngineAdapter,
} from '@credential-rotation/engine-adapters';
import { createRotationHandler, loadConfig } from '../../src';
import { unitHarness } from '../support/unit-harness';
import type { UnitHarness } from '../support/unit-harness';

let h: UnitHarness;
beforeEach(() => {
  h = unitHarness();
});
afterEach(() => h.output.stop());

const event = (Step: string, SecretId: string, ClientRequestToken: string) => ({
  Step,
  SecretId,
  ClientRequestToken,
});

function actions(step: string): unknown[] {
  return h.output
    .logs()
    .filter((line) => line.step === step && line.outcome !== undefined)
    .map((line) => line.action);
}

describe('a password change that collides with a concurrent one', () => {
  /** An adapter whose password change loses the race: `winner` runs first, then the statement fails. */
  function racingHandler(winner: (username: string) => void, sqlState = 'XX000') {
    const adapter = h.db.adapter();
    const racing: EngineAdapter = {
      ...adapter,
      connect: async (credentials: DatabaseCredentials, options) => {
        const session = await adapter.connect(credentials, options);
        return {
          ...session,
          setOwnPassword: async () => {
            winner(credentials.username);
            throw new DatabaseStatementError(
              'ALTER ROLE (set own password)',
              'concurrent-update',
              new DriverErrorSummary(undefined, sqlState, undefined),
            );
          },
        } satisfies DatabaseSession;
      },
    };
    return createRotationHandler({
      adapterFor: () => racing,
      config: loadConfig({}),
      secretsManager: h.sm.client,
    });
  }

  it('succeeds when AWSPENDING logs in afterwards (the other invocation won)', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    const pending = String(h.sm.value(arn, 'AWSPENDING').password);
    const handler = racingHandler((username) => h.db.addUser(username, pending));
    await handler(event('setSecret', arn, token));
    expect(actions('setSecret')).toEqual(['already-set-concurrently']);
  });

  it('throws the collision when AWSPENDING still does not log in', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    const handler = racingHandler(() => undefined, '40P01');
    await expect(handler(event('setSecret', arn, token))).rejects.toThrow(
      /setSecret failed: .*ALTER ROLE \(set own password\) failed: concurrent-update \(driver error sqlstate=40P01\)/,
    );
  });
});

describe('AWSPENDING removed by hand after setSecret changed the password', () => {
  /** Runs createSecret and setSecret of a rotation, then removes its AWSPENDING label as an operator would. */
  async function orphanedRotation(arn: string): Promise<string> {
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    await h.handler(event('setSecret', arn, token));
    h.sm.removeLabel(arn, 'AWSPENDING');
    expect(h.sm.stages(arn)[token]).toEqual([]);
    return token;
  }

  it('logs in with the newest unlabelled version this function wrote and completes a new rotation', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await orphanedRotation(arn);
    expect(h.db.accepts('app', 'Initial-Passw0rd-1')).toBe(false);
    const { token } = await h.driver.rotate(arn);
    expect(actions('setSecret')).toEqual(['set-by-current', 'set-by-orphaned-pending']);
    expect(h.sm.stages(arn)[token]).toEqual(['AWSCURRENT']);
    expect(h.db.accepts('app', String(h.sm.value(arn, 'AWSCURRENT').password))).toBe(true);
  });

  it('does not try an unlabelled version that was not written for this user', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await orphanedRotation(arn);
    // A later unlabelled version with another field (not createSecret's copy of AWSCURRENT).
    const foreign = h.sm.addVersion(
      arn,
      JSON.stringify({ ...h.sm.value(arn, 'AWSCURRENT'), password: h.db.passwordOf('app'), note: 'by hand' }),
      [],
    );
    await expect(h.driver.rotate(arn)).rejects.toThrow(
      /Neither AWSCURRENT, AWSPENDING nor AWSPREVIOUS logs in as "app", no unlabelled version written by this function was found/,
    );
    expect(JSON.stringify(h.output.logs())).toContain(
      `version ${foreign} has no label but was not written by this function`,
    );
  });

  it('refuses with the recovery steps when the versions cannot be listed', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await orphanedRotation(arn);
    h.sm.mock.on(ListSecretVersionIdsCommand).rejects(
      Object.assign(new Error('not authorized to perform secretsmanager:ListSecretVersionIds'), {
        name: 'AccessDeniedException',
      }),
    );
    const failure = h.driver.rotate(arn);
    await expect(failure).rejects.toThrow(/no unlabelled version written by this function was found/);
    await expect(failure).rejects.toThrow(
      /move AWSCURRENT to it \(update-secret-version-stage --version-stage AWSCURRENT --move-to-version-id <that id>/,
    );
    const warnings = h.output.logs().filter((line) => line.level === 'WARN');
    expect(JSON.stringify(warnings)).toMatch(/cannot list the versions without a label/);
    expect(JSON.stringify(h.output.lines)).not.toContain(String(h.db.passwordOf('app')));
  });
});
