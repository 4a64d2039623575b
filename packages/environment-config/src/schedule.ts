/**
 * Secrets Manager rotation schedules, checked with the service's own rules so a bad schedule
 * fails at synth instead of at `terraform apply`:
 * - `rate(N hours)` with N >= 4, or `rate(N days)` with 1 <= N <= 999;
 * - `cron(Minutes Hours Day-of-month Month Day-of-week Year)`; windows start on the hour,
 *   so Minutes is 0; one of Day-of-month / Day-of-week is `?`; starts at least 4 hours apart;
 * - the window (`Nh`, 1-24) ends before the next window starts and within the UTC day.
 */

export type ParsedSchedule =
  | { readonly kind: 'rate'; readonly unit: 'hours' | 'days'; readonly value: number }
  | { readonly kind: 'cron'; readonly startHours: readonly number[] };

/** A parse result: the schedule, or the rule it broke (phrased to follow "must ..."/a field path). */
export type ScheduleResult =
  { readonly ok: true; readonly schedule: ParsedSchedule } | { readonly ok: false; readonly message: string };

const MIN_HOURS_BETWEEN_ROTATIONS = 4;
const MAX_RATE_DAYS = 999;

const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\(([^)]*)\)$/;

export function parseSchedule(expression: string): ScheduleResult {
  const rate = RATE.exec(expression);
  if (rate) return parseRate(Number(rate[1]), rate[2] as string);
  const cron = CRON.exec(expression);
  if (cron) return parseCron((cron[1] as string).trim().split(/\s+/));
  return fail(
    'must be rate(<n> hours|days) or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)',
  );
}

function parseRate(value: number, unit: string): ScheduleResult {
  if (unit.startsWith('hour')) {
    if (value < MIN_HOURS_BETWEEN_ROTATIONS)
      return fail('must not rotate more often than every 4 hours (rate(4 hours) or longer)');
    return ok({ kind: 'rate', unit: 'hours', value });
  }
  if (value < 1 || value > MAX_RATE_DAYS) return fail('must be rate(1 day) to rate(999 days)');
  return ok({ kind: 'rate', unit: 'days', value });
}

function parseCron(fields: readonly string[]): ScheduleResult {
  if (fields.length !== 6) {
    return fail('cron() needs 6 fields: minutes hours day-of-month month day-of-week year');
  }
  const [minutes, hours, dayOfMonth, , dayOfWeek] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (minutes !== '0') return fail('cron() minutes must be 0: rotation windows start on the hour');
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return fail('cron() needs exactly one of day-of-month and day-of-week set to ?');
  }
  const startHours = expandHours(hours);
  if (startHours === undefined)
    return fail(`cron() hours field "${hours}" must use 0-23, ranges, lists or steps`);
  const gap = smallestGap(startHours);
  if (gap < MIN_HOURS_BETWEEN_ROTATIONS) return fail('cron() must start rotations at least 4 hours apart');
  return ok({ kind: 'cron', startHours });
}

/** Expands a cron hours field (`*`, `n`, `a-b`, `a/b`, `a-b/c`, lists) to sorted start hours. */
function expandHours(field: string): number[] | undefined {
  const hours = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\d{1,2})(?:-(\d{1,2}))?(?:\/(\d{1,2}))?$/.exec(part);
    if (!match) return undefined;
    const [, startText, endText, stepText] = match;
    const start = startText === '*' ? 0 : Number(startText);
    const end =
      endText !== undefined ? Number(endText) : startText === '*' || stepText !== undefined ? 23 : start;
    const step = stepText !== undefined ? Number(stepText) : 1;
    if (start > 23 || end > 23 || start > end || step < 1) return undefined;
    for (let hour = start; hour <= end; hour += step) hours.add(hour);
  }
  return [...hours].sort((a, b) => a - b);
}

/** Hours between consecutive starts; the schedule restarts each day, so the last start wraps to the first. */
function smallestGap(startHours: readonly number[]): number {
  if (startHours.length <= 1) return 24;
  let gap = 24 - (startHours[startHours.length - 1] as number) + (startHours[0] as number);
  for (let i = 1; i < startHours.length; i += 1) {
    gap = Math.min(gap, (startHours[i] as number) - (startHours[i - 1] as number));
  }
  return gap;
}

/** Parses a window duration like `3h`. */
export function parseWindowHours(duration: string): number | undefined {
  const match = /^(\d{1,2})h$/.exec(duration);
  if (!match) return undefined;
  const hours = Number(match[1]);
  return hours >= 1 && hours <= 24 ? hours : undefined;
}

/**
 * Checks that a window of `windowHours` fits the schedule: it may not run into the next window
 * nor past midnight UTC. Returns the broken rule, or undefined when it fits.
 */
export function checkWindowFits(schedule: ParsedSchedule, windowHours: number): string | undefined {
  if (schedule.kind === 'rate') {
    if (schedule.unit === 'hours' && windowHours > schedule.value) {
      return `must be at most ${schedule.value}h: the window may not run into the next one (schedule every ${schedule.value} hours)`;
    }
    return undefined;
  }
  const gap = smallestGap(schedule.startHours);
  if (windowHours > gap) {
    return `must be at most ${gap}h: the window may not run into the next one`;
  }
  const lastStart = schedule.startHours[schedule.startHours.length - 1] as number;
  if (lastStart + windowHours > 24) {
    return `must be at most ${24 - lastStart}h: a window starting at ${lastStart}:00 UTC may not pass midnight UTC`;
  }
  return undefined;
}

function ok(schedule: ParsedSchedule): ScheduleResult {
  return { ok: true, schedule };
}

function fail(message: string): ScheduleResult {
  return { ok: false, message };
}
