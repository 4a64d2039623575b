import { checkWindowFits, parseSchedule, parseWindowHours } from '../src';

describe('parseSchedule', () => {
  it.each([
    ['rate(4 hours)', { kind: 'rate', unit: 'hours', value: 4 }],
    ['rate(1 day)', { kind: 'rate', unit: 'days', value: 1 }],
    ['rate(30 days)', { kind: 'rate', unit: 'days', value: 30 }],
    ['cron(0 2 * * ? *)', { kind: 'cron', startHours: [2] }],
    ['cron(0 4/12 * * ? *)', { kind: 'cron', startHours: [4, 16] }],
    ['cron(0 0,8,16 ? * MON-FRI *)', { kind: 'cron', startHours: [0, 8, 16] }],
  ])('accepts %s', (expression, expected) => {
    expect(parseSchedule(expression)).toEqual({ ok: true, schedule: expected });
  });

  it.each([
    ['rate(3 hours)', 'must not rotate more often than every 4 hours'],
    ['rate(0 days)', 'must be rate(1 day) to rate(999 days)'],
    ['rate(1000 days)', 'must be rate(1 day) to rate(999 days)'],
    ['rate(5 minutes)', 'must be rate(<n> hours|days) or cron('],
    ['every day', 'must be rate(<n> hours|days) or cron('],
    ['cron(0 2 * * *)', 'cron() needs 6 fields'],
    ['cron(30 2 * * ? *)', 'cron() minutes must be 0'],
    ['cron(0 2 * * * *)', 'exactly one of day-of-month and day-of-week'],
    ['cron(0 * * * ? *)', 'at least 4 hours apart'],
    ['cron(0 0,2 * * ? *)', 'at least 4 hours apart'],
    ['cron(0 25 * * ? *)', 'hours field "25"'],
  ])('refuses %s', (expression, message) => {
    const result = parseSchedule(expression);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('parseWindowHours', () => {
  it('reads whole hours from 1h to 24h', () => {
    expect(parseWindowHours('1h')).toBe(1);
    expect(parseWindowHours('24h')).toBe(24);
  });

  it.each(['0h', '25h', '3', '3 h', '90m'])('refuses %s', (value) => {
    expect(parseWindowHours(value)).toBeUndefined();
  });
});

describe('checkWindowFits', () => {
  it('refuses a window longer than an hourly rate', () => {
    expect(checkWindowFits({ kind: 'rate', unit: 'hours', value: 6 }, 7)).toContain('at most 6h');
    expect(checkWindowFits({ kind: 'rate', unit: 'hours', value: 6 }, 6)).toBeUndefined();
  });

  it('refuses a cron window that passes midnight UTC', () => {
    expect(checkWindowFits({ kind: 'cron', startHours: [22] }, 3)).toContain('at most 2h');
    expect(checkWindowFits({ kind: 'cron', startHours: [22] }, 2)).toBeUndefined();
  });

  it('refuses a cron window that runs into the next start', () => {
    expect(checkWindowFits({ kind: 'cron', startHours: [4, 10] }, 7)).toContain('at most 6h');
  });

  it('accepts a full day for a daily rate', () => {
    expect(checkWindowFits({ kind: 'rate', unit: 'days', value: 1 }, 24)).toBeUndefined();
  });
});
