import {
  BREAK_GLASS_COLUMNS,
  breakGlassCells,
  FINDING_COLUMNS,
  findingCells,
  SECRET_COLUMNS,
  secretCells,
} from './report-columns';
import type { Report } from './types';

/**
 * A plain-text report for a terminal: the accounts, the secrets (compact columns), the findings,
 * break-glass sessions and the compliance verdicts.
 */
export function renderTable(report: Report): string {
  const lines: string[] = [
    `Rotation report: ${report.environment} (as of ${report.asOf}; activity since ${report.since})${report.complete ? '' : ' -- INCOMPLETE'}`,
    '',
    grid(
      ['account', 'name', 'role', 'status', 'secrets', 'findings'],
      report.accounts.map((a) => [
        a.accountId,
        a.name,
        a.role,
        a.status + (a.problems.length > 0 ? `: ${a.problems.join('; ')}` : ''),
        String(a.secrets),
        String(a.findings),
      ]),
    ),
    '',
    grid(
      ['account', 'region', 'secret', 'user', 'strategy', 'rotation', 'last rotated', 'age days', 'status'],
      report.secrets.map((row) => {
        const cells = secretCells(row);
        const pick = (column: (typeof SECRET_COLUMNS)[number]): string =>
          cells[SECRET_COLUMNS.indexOf(column)] ?? '';
        return [
          pick('account'),
          pick('region'),
          pick('secret'),
          pick('user'),
          pick('strategy'),
          pick('rotation'),
          pick('last rotated'),
          pick('age days'),
          pick('status'),
        ];
      }),
    ),
    '',
    report.findings.length === 0
      ? 'Findings: none'
      : grid([...FINDING_COLUMNS], report.findings.map(findingCells)),
    '',
    report.breakGlass.length === 0
      ? 'Break-glass sessions: none'
      : grid([...BREAK_GLASS_COLUMNS], report.breakGlass.map(breakGlassCells)),
    '',
    grid(
      ['control', 'result', 'summary'],
      report.compliance.map((c) => [c.id, c.passed ? 'PASS' : 'FAIL', c.summary]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function grid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
