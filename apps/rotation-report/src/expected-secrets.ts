import type { Environment } from '@credential-rotation/environment-config';
import {
  MANAGED_BY,
  TAG_KEYS,
  parseWindowHours,
  partitionOf,
  resourceName,
  secretName,
} from '@credential-rotation/environment-config';
import type { ExpectedSecret } from './types';

/**
 * What the stack writes for every configured user (packages/constructs, workload-rotation.ts and
 * database-secret.ts), per account and per region: the primary plus each replica region. Derived
 * from the same naming helpers the stack uses, so a rename on one side shows up as drift.
 *
 * @example expectedSecrets(prod).filter((s) => !s.replica).length // number of configured users
 */
export function expectedSecrets(environment: Environment): ExpectedSecret[] {
  const { name: env, config } = environment;
  const partition = partitionOf(config.region);
  const windowHours = parseWindowHours(config.rotation.windowDuration) ?? 24;
  const expected: ExpectedSecret[] = [];
  for (const workload of config.accounts.workloads) {
    // The stack creates nothing in an account without a VPC (see WorkloadRotation).
    if (workload.vpc === undefined) continue;
    const functionName = resourceName(env, 'secrets-rotation', workload.name);
    const rotationLambdaArn = `arn:${partition}:lambda:${config.region}:${workload.accountId}:function:${functionName}`;
    for (const database of workload.databases) {
      for (const user of database.users) {
        const tags = {
          [TAG_KEYS.environment]: env,
          [TAG_KEYS.system]: user.tags.system,
          [TAG_KEYS.critical]: String(user.tags.critical),
          [TAG_KEYS.managedBy]: MANAGED_BY,
          [TAG_KEYS.breakGlassReadable]: user.breakGlassReadable ? env : 'false',
        };
        for (const region of [config.region, ...config.replicaRegions]) {
          expected.push({
            accountId: workload.accountId,
            accountName: workload.name,
            region,
            replica: region !== config.region,
            name: secretName(env, database.name, user.username),
            database: database.name,
            user: user.username,
            engine: database.engine,
            strategy: user.strategy,
            schedule: config.rotation.schedule,
            windowHours,
            rotationLambdaArn,
            keyAlias: `alias/${resourceName(env, 'rds-secrets')}`,
            tags,
          });
        }
      }
    }
  }
  return expected;
}

/** The rotation function's log group in an account (packages/constructs, rotation-function.ts). */
export function rotationLogGroupName(environment: string, workloadName: string): string {
  return `/aws/lambda/${resourceName(environment, 'secrets-rotation', workloadName)}`;
}
