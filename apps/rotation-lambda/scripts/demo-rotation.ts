/**
 * npm run demo:rotation — rotation end to end on this machine, no AWS account needed:
 * starts PostgreSQL and the moto Secrets Manager server, creates a database user and its
 * secret, rotates it three times through the real handler (driven the way Secrets Manager
 * drives it), prints each version's stages and proves a login with AWSCURRENT after each
 * rotation. Never prints a password. `--verbose` also shows the handler's JSON log lines.
 */
import { GetSecretValueCommand, ListSecretVersionIdsCommand } from '@aws-sdk/client-secrets-manager';
import { RotationDriver } from '../src';
import type { RotationStep } from '../src';
import { createUserWithSecret, loginAs, startLocalStack } from './local-stack';
import type { LocalStack } from './local-stack';

const ROTATIONS = 3;
const USERNAME = 'demo_app';

async function stagesTable(stack: LocalStack, arn: string): Promise<string> {
  const output = await stack.client.send(new ListSecretVersionIdsCommand({ SecretId: arn }));
  return (output.Versions ?? [])
    .filter((version) => (version.VersionStages ?? []).length > 0)
    .map((version) => `    ${version.VersionId}  ${(version.VersionStages ?? []).join(', ')}`)
    .join('\n');
}

/** Logs in with a stage's username and password; says whether it worked, never what the password is. */
async function tryStage(stack: LocalStack, arn: string, stage: string): Promise<string> {
  const output = await stack.client.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: stage }));
  const value = JSON.parse(output.SecretString ?? '{}') as { username: string; password: string };
  try {
    return `logs in (current_user = ${await loginAs(stack.postgres, value.username, value.password)})`;
  } catch {
    return 'refused';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const verbose = process.argv.includes('--verbose');
  console.log('Starting PostgreSQL (TLS, throwaway CA) and the moto Secrets Manager server...');
  const stack = await startLocalStack({ quiet: !verbose });
  try {
    console.log(`  PostgreSQL ${stack.postgres.host}:${stack.postgres.port}, moto ${stack.moto.endpoint}`);
    const arn = await createUserWithSecret(stack, USERNAME);
    console.log(`Created database user "${USERNAME}" and its secret\n  ${arn}`);
    console.log(`  versions:\n${await stagesTable(stack, arn)}`);
    console.log(`  AWSCURRENT ${await tryStage(stack, arn, 'AWSCURRENT')}`);

    const step = (name: RotationStep, ms: number): void =>
      console.log(`  ${name.padEnd(13)} ok  ${ms.toFixed(0)} ms`);
    const timedHandler = async (event: unknown): Promise<void> => {
      const t = performance.now();
      await stack.handler(event);
      step((event as { Step: RotationStep }).Step, performance.now() - t);
    };
    const driver = new RotationDriver({ client: stack.client, handler: timedHandler });
    for (let round = 1; round <= ROTATIONS; round++) {
      console.log(
        `\nRotation ${round}: RotateSecret creates an empty AWSPENDING version, then the four steps run`,
      );
      await driver.rotate(arn);
      console.log(`  versions:\n${await stagesTable(stack, arn)}`);
      console.log(`  AWSCURRENT  ${await tryStage(stack, arn, 'AWSCURRENT')}`);
      console.log(
        `  AWSPREVIOUS ${await tryStage(stack, arn, 'AWSPREVIOUS')} (single user: the old password is gone)`,
      );
    }
  } finally {
    await stack.stop();
    console.log(
      `\nStopped PostgreSQL and moto. Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
