import { EXIT_CODES, exitCodeOf, findingsOf } from '../../src';
import { rowOf } from '../support/fixtures';

describe('findingsOf', () => {
  it('gives one finding per problem and one per drift line', () => {
    const findings = findingsOf([
      rowOf({
        overdue: true,
        neverRotated: false,
        stuck: true,
        drift: ['rotation disabled', 'no resource policy'],
      }),
      rowOf({
        name: 'prod/rds/orders/other',
        neverRotated: true,
        lastFailure: {
          at: '2026-06-29T00:00:00.000Z',
          secretArn: 'arn',
          step: 'setSecret',
          reason: 'timeout',
          source: 'function-log',
        },
      }),
    ]);
    expect(findings.map((finding) => finding.kind)).toEqual([
      'overdue',
      'stuck',
      'drift',
      'drift',
      'unrotated',
      'failed',
    ]);
  });
});

describe('exitCodeOf', () => {
  const findings = findingsOf([rowOf({ drift: ['rotation disabled'] })]);

  it('returns 1 only for findings of the kinds asked for', () => {
    expect(exitCodeOf({ complete: true, findings }, ['drift'])).toBe(EXIT_CODES.findings);
    expect(exitCodeOf({ complete: true, findings }, ['overdue', 'stuck'])).toBe(EXIT_CODES.compliant);
    expect(exitCodeOf({ complete: true, findings }, [])).toBe(EXIT_CODES.compliant);
  });

  it('returns 2 when the report is incomplete, whatever the findings', () => {
    expect(exitCodeOf({ complete: false, findings: [] }, [])).toBe(EXIT_CODES.incomplete);
    expect(exitCodeOf({ complete: false, findings }, ['drift'])).toBe(EXIT_CODES.incomplete);
  });
});
