import {
  GetResourcePolicyCommand,
  paginateListSecretVersionIds,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import type { SecretListEntry, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Limiter } from './concurrency';
import { STAGES } from './constants';
import type { ObservedSecret } from './types';

/**
 * Metadata calls only (ListSecrets, ListSecretVersionIds, GetResourcePolicy): none returns a value.
 * Lists every secret under `prefix` in one account and region, scheduled deletions included
 * (a configured secret being deleted is drift), and adds what ListSecrets leaves out: version
 * dates when the stages need them, and the resource policy's statement ids.
 */
export async function collectSecrets(
  client: SecretsManagerClient,
  prefix: string,
  limit: Limiter,
): Promise<ObservedSecret[]> {
  const entries: SecretListEntry[] = [];
  const pages = paginateListSecrets(
    { client, pageSize: 100 },
    { Filters: [{ Key: 'name', Values: [prefix] }], IncludePlannedDeletion: true },
  );
  for await (const page of pages) entries.push(...(page.SecretList ?? []));
  // The name filter matches a prefix on AWS; keep exact prefix matches only in case an endpoint matches more.
  const managed = entries.filter(
    (entry) => entry.Name?.startsWith(prefix) === true && entry.ARN !== undefined,
  );
  return Promise.all(managed.map((entry) => limit(() => enrich(client, entry))));
}

async function enrich(client: SecretsManagerClient, entry: SecretListEntry): Promise<ObservedSecret> {
  const arn = entry.ARN as string;
  const versionStages: Record<string, readonly string[]> = {};
  for (const [versionId, stages] of Object.entries(entry.SecretVersionsToStages ?? {})) {
    versionStages[versionId] = stages;
  }
  const needsDates = needsVersionDates(versionStages, entry.LastRotatedDate);
  const [versionCreated, policySids] = await Promise.all([
    needsDates ? versionDates(client, arn) : Promise.resolve(undefined),
    policyStatementIds(client, arn),
  ]);
  const rules = entry.RotationRules;
  return {
    arn,
    name: entry.Name as string,
    tags: Object.fromEntries((entry.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
    versionStages,
    ...(entry.KmsKeyId === undefined ? {} : { kmsKeyId: entry.KmsKeyId }),
    ...(entry.RotationEnabled === undefined ? {} : { rotationEnabled: entry.RotationEnabled }),
    ...(entry.RotationLambdaARN === undefined || entry.RotationLambdaARN === ''
      ? {}
      : { rotationLambdaArn: entry.RotationLambdaARN }),
    ...(rules?.ScheduleExpression === undefined ? {} : { scheduleExpression: rules.ScheduleExpression }),
    ...(rules?.AutomaticallyAfterDays === undefined
      ? {}
      : { automaticallyAfterDays: rules.AutomaticallyAfterDays }),
    ...(rules?.Duration === undefined ? {} : { duration: rules.Duration }),
    ...(entry.LastRotatedDate === undefined ? {} : { lastRotatedDate: entry.LastRotatedDate }),
    ...(entry.NextRotationDate === undefined ? {} : { nextRotationDate: entry.NextRotationDate }),
    ...(entry.CreatedDate === undefined ? {} : { createdDate: entry.CreatedDate }),
    ...(entry.DeletedDate === undefined ? {} : { deletedDate: entry.DeletedDate }),
    ...(entry.PrimaryRegion === undefined ? {} : { primaryRegion: entry.PrimaryRegion }),
    ...(versionCreated === undefined ? {} : { versionCreated }),
    ...('error' in policySids ? { policySids: null, policyError: policySids.error } : { policySids }),
  };
}

/**
 * Version dates cost one call per secret, so they are read only when needed: an AWSPENDING
 * label away from AWSCURRENT (how long has it been there?), or a rotated secret without a
 * LastRotatedDate (the AWSCURRENT version's creation is then the rotation time).
 */
export function needsVersionDates(
  versionStages: Readonly<Record<string, readonly string[]>>,
  lastRotatedDate: Date | undefined,
): boolean {
  const versions = Object.values(versionStages);
  const pendingAlone = versions.some(
    (stages) => stages.includes(STAGES.pending) && !stages.includes(STAGES.current),
  );
  const current = versions.find((stages) => stages.includes(STAGES.current));
  const rotated = current !== undefined && !current.includes(STAGES.terraformMetadata);
  return pendingAlone || (rotated && lastRotatedDate === undefined);
}

async function versionDates(client: SecretsManagerClient, arn: string): Promise<Record<string, Date>> {
  const dates: Record<string, Date> = {};
  for await (const page of paginateListSecretVersionIds(
    { client, pageSize: 100 },
    { SecretId: arn, IncludeDeprecated: false },
  )) {
    for (const version of page.Versions ?? []) {
      if (version.VersionId !== undefined && version.CreatedDate !== undefined) {
        dates[version.VersionId] = version.CreatedDate;
      }
    }
  }
  return dates;
}

/** Statement ids of the resource policy; [] when it has none, the error's name when it could not be read. */
async function policyStatementIds(
  client: SecretsManagerClient,
  arn: string,
): Promise<readonly string[] | { readonly error: string }> {
  try {
    const output = await client.send(new GetResourcePolicyCommand({ SecretId: arn }));
    if (output.ResourcePolicy === undefined || output.ResourcePolicy === '') return [];
    const policy = JSON.parse(output.ResourcePolicy) as { Statement?: unknown };
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    return statements.flatMap((statement: unknown) =>
      typeof statement === 'object' &&
      statement !== null &&
      typeof (statement as { Sid?: unknown }).Sid === 'string'
        ? [(statement as { Sid: string }).Sid]
        : [],
    );
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'unknown error' };
  }
}
