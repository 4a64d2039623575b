import { VERSION_STAGES } from './constants';
import { InvalidSecretError, RotationStateError } from './errors';
import { parseMasterSecret, parseSecret } from './secret';
import type { DatabaseSecret, MasterSecret } from './secret';
import type { StoredVersion } from './secrets-store';
import type { StepContext } from './types/step-context';

/** Reads and parses AWSCURRENT; it must exist. */
export async function loadCurrent(ctx: StepContext): Promise<DatabaseSecret> {
  const version = await ctx.store.getVersion(VERSION_STAGES.current);
  if (version === undefined) {
    throw new RotationStateError(`Secret ${ctx.metadata.arn} has no AWSCURRENT value.`);
  }
  const secret = parse(ctx, version, VERSION_STAGES.current);
  ctx.log.annotate({ engine: secret.engine });
  return secret;
}

/** Reads the rotation's AWSPENDING version; undefined while it holds no value. */
export async function loadPending(ctx: StepContext): Promise<DatabaseSecret | undefined> {
  const version = await ctx.store.getVersion(VERSION_STAGES.pending, ctx.event.ClientRequestToken);
  return version === undefined ? undefined : parse(ctx, version, VERSION_STAGES.pending);
}

/**
 * Reads AWSPREVIOUS. Undefined when there is none or it cannot be used: an old version in
 * an older format must not block the rotation, it is only a fallback login.
 */
export async function loadPrevious(ctx: StepContext): Promise<DatabaseSecret | undefined> {
  const version = await ctx.store.getVersion(VERSION_STAGES.previous);
  if (version === undefined) return undefined;
  try {
    return parse(ctx, version, VERSION_STAGES.previous);
  } catch (error) {
    if (!(error instanceof InvalidSecretError)) throw error;
    ctx.log.warn('AWSPREVIOUS is unusable; not trying it', { reason: error.message });
    return undefined;
  }
}

/** A version without a label that the database may be on: see loadOrphanedPending. */
export interface OrphanedVersion {
  readonly versionId: string;
  readonly secret: DatabaseSecret;
}

/**
 * The newest version without a staging label that this function created for the same user:
 * the pending value of an earlier rotation whose AWSPENDING label was removed by hand after
 * setSecret had changed the password. "Created by this function" is checked on the value: it
 * is AWSCURRENT's document with only the password changed (what createSecret writes), and it
 * is newer than AWSCURRENT. Undefined when there is none, or when ListSecretVersionIds is not
 * allowed (the reason is logged): the caller then refuses with the recovery steps.
 */
export async function loadOrphanedPending(
  ctx: StepContext,
  current: DatabaseSecret,
): Promise<OrphanedVersion | undefined> {
  let versions;
  try {
    versions = await ctx.store.listVersions();
  } catch (error) {
    ctx.log.warn('cannot list the versions without a label; not looking for an orphaned pending version', {
      reason: error instanceof Error ? error.message : 'unknown error',
    });
    return undefined;
  }
  const currentCreated = versions.find((v) => v.stages.includes(VERSION_STAGES.current))?.createdDate;
  const candidate = versions
    .filter(
      (v) =>
        v.stages.length === 0 &&
        v.versionId !== ctx.event.ClientRequestToken &&
        (currentCreated === undefined || (v.createdDate?.getTime() ?? 0) >= currentCreated.getTime()),
    )
    .sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0))[0];
  if (candidate === undefined) return undefined;
  const version = await ctx.store.getVersion(undefined, candidate.versionId);
  if (version === undefined) return undefined;
  let secret: DatabaseSecret;
  try {
    secret = parse(ctx, version, `version ${candidate.versionId}`);
  } catch (error) {
    if (!(error instanceof InvalidSecretError)) throw error;
    return undefined;
  }
  if (secret.password === undefined || !sameExceptPassword(secret.document, current.document)) {
    ctx.log.info(
      `version ${candidate.versionId} has no label but was not written by this function for this user`,
    );
    return undefined;
  }
  return { versionId: candidate.versionId, secret };
}

function sameExceptPassword(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const { password: _a, ...restA } = a;
  const { password: _b, ...restB } = b;
  const keys = Object.keys(restA);
  return (
    keys.length === Object.keys(restB).length &&
    keys.every((key) => JSON.stringify(restA[key]) === JSON.stringify(restB[key]))
  );
}

/** Reads the master user's secret (AWSCURRENT of `masterarn`). */
export async function loadMaster(ctx: StepContext, masterArn: string): Promise<MasterSecret> {
  const version = await ctx.store.getVersion(VERSION_STAGES.current, undefined, masterArn);
  if (version === undefined) {
    throw new RotationStateError(`The master secret (masterarn) has no AWSCURRENT value: ${masterArn}.`);
  }
  ctx.redactor.add(version.secretString);
  const master = parseMasterSecret(version.secretString, `masterarn ${VERSION_STAGES.current}`);
  ctx.redactor.add(master.password);
  return master;
}

function parse(ctx: StepContext, version: StoredVersion, stage: string): DatabaseSecret {
  ctx.redactor.add(version.secretString);
  const secret = parseSecret(version.secretString, stage);
  ctx.redactor.add(secret.password);
  return secret;
}
