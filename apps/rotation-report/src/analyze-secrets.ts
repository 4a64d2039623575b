import { DAY_MS, HOUR_MS, STAGES } from './constants';
import { detectDrift } from './detect-drift';
import { normalizeSchedule, schedulePeriodMs } from './schedule-period';
import type { ExpectedSecret, ObservedSecret, RotationFailure, SecretRow } from './types';

/** What one account and region holds, as collected. */
export interface RegionObservation {
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  readonly secrets: readonly ObservedSecret[];
  /** Key id behind the secrets alias: undefined when the alias is missing, null when unknown. */
  readonly keyId: string | undefined | null;
  readonly failures: readonly RotationFailure[];
}

export interface AnalysisOptions {
  /** The instant the report judges against (normally now). */
  readonly asOf: Date;
  /** How long AWSPENDING may sit on a version other than AWSCURRENT before the rotation is stuck. */
  readonly stuckAfterMs: number;
}

/**
 * Joins the configured secrets of one account and region with what it holds: one row per
 * configured secret (present or not) and one per managed-prefix secret no config names.
 */
export function analyzeRegion(
  expected: readonly ExpectedSecret[],
  observation: RegionObservation,
  options: AnalysisOptions,
): SecretRow[] {
  const observedByName = new Map(observation.secrets.map((secret) => [secret.name, secret]));
  const rows: SecretRow[] = [];
  for (const wanted of expected) {
    const observed = observedByName.get(wanted.name);
    observedByName.delete(wanted.name);
    rows.push(
      observed === undefined ? missingRow(wanted) : analyzeSecret(wanted, observed, observation, options),
    );
  }
  for (const observed of observedByName.values()) {
    rows.push({
      ...analyzeSecret(undefined, observed, observation, options),
      drift: ['no environment config names this secret'],
    });
  }
  return rows;
}

function missingRow(wanted: ExpectedSecret): SecretRow {
  return {
    accountId: wanted.accountId,
    accountName: wanted.accountName,
    region: wanted.region,
    name: wanted.name,
    replica: wanted.replica,
    exists: false,
    database: wanted.database,
    user: wanted.user,
    engine: wanted.engine,
    strategy: wanted.strategy,
    schedule: wanted.schedule,
    overdue: false,
    neverRotated: false,
    stuck: false,
    drift: [wanted.replica ? 'replica missing in this region' : 'configured user has no secret'],
  };
}

function analyzeSecret(
  wanted: ExpectedSecret | undefined,
  observed: ObservedSecret,
  observation: RegionObservation,
  options: AnalysisOptions,
): SecretRow {
  const replica =
    wanted?.replica ??
    (observed.primaryRegion !== undefined && observed.primaryRegion !== observation.region);
  const asOf = options.asOf.getTime();
  const versions = Object.entries(observed.versionStages);
  const current = versions.find(([, stages]) => stages.includes(STAGES.current));
  const pending = versions.find(
    ([, stages]) => stages.includes(STAGES.pending) && !stages.includes(STAGES.current),
  );
  // Still on the version Terraform wrote: the first rotation, which sets the password, never finished.
  const neverRotated = current === undefined || current[1].includes(STAGES.terraformMetadata);
  const lastRotated = neverRotated
    ? undefined
    : (observed.lastRotatedDate ??
      (current === undefined ? undefined : observed.versionCreated?.[current[0]]));
  const schedule =
    normalizeSchedule(observed.scheduleExpression, observed.automaticallyAfterDays) ?? wanted?.schedule;
  const periodMs = schedule === undefined ? undefined : schedulePeriodMs(schedule);
  const windowMs = (wanted?.windowHours ?? parseHours(observed.duration) ?? 24) * HOUR_MS;
  const allowedMs = periodMs === undefined ? undefined : periodMs + windowMs;
  const since = lastRotated ?? observed.createdDate;
  const ageMs = since === undefined ? undefined : asOf - since.getTime();
  const overdue =
    !replica && !neverRotated && ageMs !== undefined && allowedMs !== undefined && ageMs > allowedMs;
  const pendingSince = pending === undefined ? undefined : observed.versionCreated?.[pending[0]];
  const stuck =
    !replica && pendingSince !== undefined && asOf - pendingSince.getTime() > options.stuckAfterMs;
  const nextRotation =
    observed.nextRotationDate ??
    (lastRotated !== undefined && periodMs !== undefined
      ? new Date(lastRotated.getTime() + periodMs)
      : undefined);
  const lastFailure = latestFailure(observation.failures, observed, lastRotated);
  return {
    accountId: observation.accountId,
    accountName: observation.accountName,
    region: observation.region,
    name: observed.name,
    replica,
    exists: true,
    ...(wanted === undefined
      ? {}
      : { database: wanted.database, user: wanted.user, engine: wanted.engine, strategy: wanted.strategy }),
    ...(replica || observed.rotationEnabled === undefined
      ? {}
      : { rotationEnabled: observed.rotationEnabled }),
    ...(schedule === undefined ? {} : { schedule }),
    ...(lastRotated === undefined ? {} : { lastRotated: lastRotated.toISOString() }),
    ...(nextRotation === undefined || replica ? {} : { nextRotation: nextRotation.toISOString() }),
    ...(ageMs === undefined ? {} : { ageDays: round(ageMs / DAY_MS) }),
    ...(allowedMs === undefined ? {} : { allowedDays: round(allowedMs / DAY_MS) }),
    overdue,
    neverRotated: !replica && neverRotated,
    stuck,
    ...(pendingSince === undefined ? {} : { pendingSince: pendingSince.toISOString() }),
    ...(lastFailure === undefined ? {} : { lastFailure }),
    drift: wanted === undefined ? [] : detectDrift(wanted, observed, observation.keyId),
  };
}

/** The latest failure of this secret that came after its last successful rotation. */
function latestFailure(
  failures: readonly RotationFailure[],
  observed: ObservedSecret,
  lastRotated: Date | undefined,
): RotationFailure | undefined {
  const after = lastRotated?.getTime() ?? 0;
  return failures
    .filter((failure) => failure.secretArn === observed.arn || failure.secretArn === observed.name)
    .filter((failure) => new Date(failure.at).getTime() > after)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
}

function parseHours(duration: string | undefined): number | undefined {
  const match = duration === undefined ? null : /^(\d+)h$/.exec(duration);
  return match ? Number(match[1]) : undefined;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
