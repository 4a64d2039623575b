import { EXIT_CODES } from './constants';
import type { FailOnKind } from './constants';
import type { Finding, Report, SecretRow } from './types';

/** One finding per problem of each row; drift gets one per difference. */
export function findingsOf(rows: readonly SecretRow[]): Finding[] {
  return rows.flatMap((row) => {
    const at = { accountId: row.accountId, region: row.region, secretName: row.name };
    const findings: Finding[] = [];
    if (row.overdue) {
      findings.push({
        ...at,
        kind: 'overdue',
        detail: `last rotated ${row.lastRotated ?? '?'} (${row.ageDays ?? '?'} days ago; allowed ${row.allowedDays ?? '?'} days)`,
      });
    }
    if (row.neverRotated)
      findings.push({
        ...at,
        kind: 'unrotated',
        detail: 'still on the Terraform metadata version: never rotated',
      });
    if (row.stuck)
      findings.push({
        ...at,
        kind: 'stuck',
        detail: `AWSPENDING on a non-current version since ${row.pendingSince ?? '?'}`,
      });
    if (row.lastFailure !== undefined) {
      findings.push({
        ...at,
        kind: 'failed',
        detail: `${row.lastFailure.step === 'unknown' ? 'rotation' : row.lastFailure.step} failed at ${row.lastFailure.at} (${row.lastFailure.source}): ${row.lastFailure.reason}`,
      });
    }
    for (const line of row.drift) findings.push({ ...at, kind: 'drift', detail: line });
    return findings;
  });
}

/**
 * 2 when the report is incomplete (an account or look-up refused or failed: silence must not
 * pass for compliance), else 1 when a finding matches `failOn`, else 0.
 */
export function exitCodeOf(
  report: Pick<Report, 'complete' | 'findings'>,
  failOn: readonly FailOnKind[],
): number {
  if (!report.complete) return EXIT_CODES.incomplete;
  const failing = new Set<string>(failOn);
  return report.findings.some((finding) => failing.has(finding.kind))
    ? EXIT_CODES.findings
    : EXIT_CODES.compliant;
}
