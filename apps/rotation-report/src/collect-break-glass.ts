import type { CloudTrailClient, Event as TrailEvent } from '@aws-sdk/client-cloudtrail';
import { lookupAll, parseJson } from './collect-failures';
import { BREAK_GLASS_TAGS } from './constants';
import type { BreakGlassSession } from './types';

/**
 * CloudTrail records calls to the global STS endpoint in the partition's global region, so
 * AssumeRole events are looked up there as well as in the environment's region.
 */
export { globalRegionOf as globalEventsRegion } from '@credential-rotation/environment-config';

/** The same session found in two regions' trails counts once. */
export function uniqueSessions(sessions: readonly BreakGlassSession[]): BreakGlassSession[] {
  const seen = new Map<string, BreakGlassSession>();
  for (const session of sessions) seen.set(`${session.at} ${session.who} ${session.roleArn}`, session);
  return [...seen.values()].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Break-glass sessions that assumed `roleArn` since `since`, from the AssumeRole events in the
 * role's own account (CloudTrail records AssumeRole where the role lives). For reader sessions
 * (`followKeys`), the Secrets Manager calls made with the issued keys are looked up too: that is
 * which secrets the person read, found through CloudTrail, never by reading anything.
 */
export async function breakGlassSessions(
  client: CloudTrailClient,
  accountId: string,
  roleArn: string,
  stage: BreakGlassSession['stage'],
  since: Date,
  /** Where the reader's Secrets Manager calls are looked up (the secrets' region); undefined skips them. */
  actionsClient: CloudTrailClient | undefined,
): Promise<BreakGlassSession[]> {
  const events = await lookupAll(client, 'EventName', 'AssumeRole', since);
  const sessions: BreakGlassSession[] = [];
  for (const event of events) {
    const parsed = parseAssumeRole(event);
    if (parsed === undefined || parsed.roleArn !== roleArn) continue;
    const secretActions =
      actionsClient !== undefined && parsed.accessKeyId !== undefined
        ? await secretActionsOf(actionsClient, parsed.accessKeyId, since)
        : [];
    sessions.push({
      at: parsed.at,
      accountId,
      roleArn,
      stage,
      who: parsed.who,
      ...(parsed.sourceIdentity === undefined ? {} : { sourceIdentity: parsed.sourceIdentity }),
      ...(parsed.reason === undefined ? {} : { reason: parsed.reason }),
      ...(parsed.ticket === undefined ? {} : { ticket: parsed.ticket }),
      secretActions,
    });
  }
  return sessions.sort((a, b) => a.at.localeCompare(b.at));
}

interface ParsedAssumeRole {
  readonly at: string;
  readonly roleArn: string;
  readonly who: string;
  readonly sourceIdentity?: string;
  readonly reason?: string;
  readonly ticket?: string;
  readonly accessKeyId?: string;
}

/** Reads an AssumeRole CloudTrail record (requestParameters.roleArn/tags/sourceIdentity, responseElements.credentials). */
export function parseAssumeRole(event: TrailEvent): ParsedAssumeRole | undefined {
  const detail = parseJson(event.CloudTrailEvent);
  if (detail === undefined) return undefined;
  const request = (detail.requestParameters ?? {}) as Record<string, unknown>;
  const response = (detail.responseElements ?? {}) as Record<string, unknown>;
  const identity = (detail.userIdentity ?? {}) as Record<string, unknown>;
  if (typeof request.roleArn !== 'string') return undefined;
  const tags = new Map<string, string>();
  for (const tag of Array.isArray(request.tags) ? request.tags : []) {
    const { key, value } = (tag ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key === 'string' && typeof value === 'string') tags.set(key, value);
  }
  const credentials = (response.credentials ?? {}) as Record<string, unknown>;
  const sourceIdentity =
    typeof request.sourceIdentity === 'string'
      ? request.sourceIdentity
      : typeof identity.sourceIdentity === 'string'
        ? identity.sourceIdentity
        : undefined;
  const reason = tags.get(BREAK_GLASS_TAGS.reason) ?? principalTag(identity, BREAK_GLASS_TAGS.reason);
  const ticket = tags.get(BREAK_GLASS_TAGS.ticket) ?? principalTag(identity, BREAK_GLASS_TAGS.ticket);
  return {
    at: (event.EventTime ?? new Date(0)).toISOString(),
    roleArn: request.roleArn,
    who: typeof identity.arn === 'string' ? identity.arn : (event.Username ?? 'unknown'),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    ...(reason === undefined ? {} : { reason }),
    ...(ticket === undefined ? {} : { ticket }),
    ...(typeof credentials.accessKeyId === 'string' ? { accessKeyId: credentials.accessKeyId } : {}),
  };
}

/** A transitive session tag the caller carried in from the first hop (the reader inherits `reason`). */
function principalTag(identity: Record<string, unknown>, key: string): string | undefined {
  const context = (identity.sessionContext ?? {}) as Record<string, unknown>;
  const attributes = (context.attributes ?? {}) as Record<string, unknown>;
  const tags = (context.principalTags ?? attributes.principalTags ?? {}) as Record<string, unknown>;
  const value = tags[key];
  return typeof value === 'string' ? value : undefined;
}

async function secretActionsOf(
  client: CloudTrailClient,
  accessKeyId: string,
  since: Date,
): Promise<string[]> {
  const events = await lookupAll(client, 'AccessKeyId', accessKeyId, since);
  const actions = new Set<string>();
  for (const event of events) {
    if (event.EventSource !== 'secretsmanager.amazonaws.com') continue;
    const request = (parseJson(event.CloudTrailEvent)?.requestParameters ?? {}) as Record<string, unknown>;
    const secret =
      typeof request.secretId === 'string'
        ? request.secretId
        : (event.Resources?.[0]?.ResourceName ?? '(no secret)');
    actions.add(`${event.EventName ?? 'unknown'} ${secret}`);
  }
  return [...actions].sort();
}
