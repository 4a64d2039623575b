import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { CloudTrailClient, Event as TrailEvent } from '@aws-sdk/client-cloudtrail';
import { paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { MAX_REASON_LENGTH } from './constants';
import type { RotationFailure } from './types';

/**
 * The rotation function's own outcome lines (apps/rotation-lambda, rotation-handler.ts): one JSON
 * line per step invocation with `outcome`, `step`, `secretArn` and a scrubbed `error`. The filter
 * pattern keeps the transfer small on AWS; the lines are checked again here because an endpoint
 * that does not support JSON patterns returns every line.
 */
export const FAILED_OUTCOME_PATTERN = '{ $.outcome = "failed" }';

/** Failed rotation steps logged since `since` in one log group; [] when the group does not exist yet. */
export async function failuresFromLogs(
  client: CloudWatchLogsClient,
  logGroupName: string,
  since: Date,
): Promise<RotationFailure[]> {
  const failures: RotationFailure[] = [];
  try {
    for await (const page of paginateFilterLogEvents(
      { client },
      { logGroupName, startTime: since.getTime(), filterPattern: FAILED_OUTCOME_PATTERN },
    )) {
      for (const event of page.events ?? []) {
        const failure = parseOutcomeLine(event.message ?? '', event.timestamp);
        if (failure !== undefined) failures.push(failure);
      }
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return [];
    throw error;
  }
  return failures;
}

/** Reads one outcome line; undefined unless it is a failure with a secret and a step. */
export function parseOutcomeLine(
  message: string,
  timestamp: number | undefined,
): RotationFailure | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(message.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (record.outcome !== 'failed' || typeof record.secretArn !== 'string') return undefined;
  const at = typeof record.timestamp === 'string' ? record.timestamp : new Date(timestamp ?? 0).toISOString();
  return {
    at: new Date(at).toISOString(),
    secretArn: record.secretArn,
    step: typeof record.step === 'string' ? record.step : 'unknown',
    reason: shortReason(typeof record.error === 'string' ? record.error : String(record.message ?? 'failed')),
    source: 'function-log',
  };
}

/**
 * RotationFailed service events (CloudTrail, eventType AwsServiceEvent) since `since`. They name
 * the secret in `additionalEventData.SecretId` (or the event's resources) and carry no value.
 */
export async function failuresFromCloudTrail(
  client: CloudTrailClient,
  since: Date,
): Promise<RotationFailure[]> {
  const events = await lookupAll(client, 'EventName', 'RotationFailed', since);
  return events.flatMap((event) => {
    const failure = parseRotationFailedEvent(event);
    return failure === undefined ? [] : [failure];
  });
}

export function parseRotationFailedEvent(event: TrailEvent): RotationFailure | undefined {
  const detail = parseJson(event.CloudTrailEvent);
  const additional = (detail?.additionalEventData ?? {}) as Record<string, unknown>;
  const secretArn =
    (typeof additional.SecretId === 'string' ? additional.SecretId : undefined) ??
    event.Resources?.find((resource) => resource.ResourceName !== undefined)?.ResourceName;
  if (secretArn === undefined) return undefined;
  const reason =
    (typeof detail?.errorMessage === 'string' ? detail.errorMessage : undefined) ??
    (typeof additional.FailureReason === 'string' ? additional.FailureReason : undefined) ??
    'RotationFailed';
  return {
    at: (event.EventTime ?? new Date(0)).toISOString(),
    secretArn,
    step: typeof additional.Step === 'string' ? additional.Step : 'unknown',
    reason: shortReason(reason),
    source: 'cloudtrail',
  };
}

/**
 * Every LookupEvents page for one attribute. LookupEvents allows 2 requests per second per
 * account and region; the client's adaptive retry absorbs the throttling.
 */
export async function lookupAll(
  client: CloudTrailClient,
  key: 'EventName' | 'AccessKeyId' | 'ResourceName',
  value: string,
  since: Date,
): Promise<TrailEvent[]> {
  const events: TrailEvent[] = [];
  let nextToken: string | undefined;
  do {
    const output = await client.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: key, AttributeValue: value }],
        StartTime: since,
        MaxResults: 50,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
    );
    events.push(...(output.Events ?? []));
    nextToken = output.NextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return events;
}

export function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One line, bounded: a reason is for people to read, and a bound keeps any pasted blob out. */
function shortReason(reason: string): string {
  const line = reason.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
