import {
  BREAK_GLASS_COLUMNS,
  breakGlassCells,
  FINDING_COLUMNS,
  findingCells,
  SECRET_COLUMNS,
  secretCells,
} from './report-columns';
import type { Report } from './types';

/** GitHub-flavoured Markdown, e.g. for a job summary: verdicts first, then the evidence. */
export function renderMarkdown(report: Report): string {
  const parts: string[] = [
    `# Rotation report: ${report.environment}`,
    '',
    `As of ${report.asOf}; failures and break-glass activity since ${report.since}.${report.complete ? '' : ' **Incomplete: some accounts could not be read.**'}`,
    '',
    '## Compliance',
    '',
    table(
      ['control', 'result', 'summary'],
      report.compliance.map((c) => [c.id, c.passed ? '✅ pass' : '❌ fail', c.summary]),
    ),
    '',
    '## Accounts',
    '',
    table(
      ['account', 'name', 'status', 'secrets', 'findings'],
      report.accounts.map((a) => [
        a.accountId,
        a.name,
        a.status + (a.problems.length > 0 ? `: ${a.problems.join('; ')}` : ''),
        String(a.secrets),
        String(a.findings),
      ]),
    ),
    '',
    '## Findings',
    '',
    report.findings.length === 0 ? 'None.' : table([...FINDING_COLUMNS], report.findings.map(findingCells)),
    '',
    '## Secrets',
    '',
    table([...SECRET_COLUMNS], report.secrets.map(secretCells)),
    '',
    '## Break-glass activity',
    '',
    report.breakGlass.length === 0
      ? 'None.'
      : table([...BREAK_GLASS_COLUMNS], report.breakGlass.map(breakGlassCells)),
    '',
    ...report.compliance.flatMap((c) => [
      `### ${c.id}: ${c.title}`,
      '',
      c.evidence.length === 0 ? 'No evidence rows.' : table(c.evidenceHeader, c.evidence),
      '',
    ]),
  ];
  return `${parts.join('\n')}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
