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
