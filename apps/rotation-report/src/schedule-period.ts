import { parseSchedule } from '@credential-rotation/environment-config';
import { DAY_MS, HOUR_MS } from './constants';

/**
 * The longest time between two rotations a schedule allows, in milliseconds: what "overdue" is
 * measured against when the service gives no NextRotationDate. A cron schedule is reduced to its
 * longest gap: daily when it names every day, weekly when it names weekdays, monthly (31 days)
 * when it names days of the month.
 *
 * @example schedulePeriodMs('rate(30 days)') // 2592000000
 */
export function schedulePeriodMs(expression: string): number | undefined {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) return undefined;
  const schedule = parsed.schedule;
  if (schedule.kind === 'rate') return schedule.value * (schedule.unit === 'days' ? DAY_MS : HOUR_MS);
  const fields = /^cron\(([^)]*)\)$/.exec(expression)?.[1]?.trim().split(/\s+/) ?? [];
  const [, , dayOfMonth = '*', month = '*', dayOfWeek = '?'] = fields;
  if (month !== '*') return 366 * DAY_MS;
  if (dayOfMonth !== '?' && dayOfMonth !== '*') return 31 * DAY_MS;
  if (dayOfWeek !== '?' && dayOfWeek !== '*') return 7 * DAY_MS;
  return DAY_MS;
}

/**
 * The service reports a schedule either as the expression it was given or, for schedules set with
 * `AutomaticallyAfterDays`, as a day count; both mean the same rotation period.
 *
 * @example normalizeSchedule(undefined, 30) // 'rate(30 days)'
 */
export function normalizeSchedule(
  expression: string | undefined,
  automaticallyAfterDays: number | undefined,
): string | undefined {
  if (expression !== undefined && expression !== '') {
    const days = /^rate\((\d+) days?\)$/.exec(expression);
    return days ? `rate(${Number(days[1])} days)` : expression;
  }
  if (automaticallyAfterDays !== undefined && automaticallyAfterDays > 0) {
    return `rate(${automaticallyAfterDays} days)`;
  }
  return undefined;
}
