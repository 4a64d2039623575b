import { SECRET_COLUMNS, secretCells } from './report-columns';
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
    report.findings.length === 0
      ? 'None.'
      : table(
          ['kind', 'account', 'region', 'secret', 'detail'],
          report.findings.map((f) => [f.kind, f.accountId, f.region, f.secretName ?? '-', f.detail]),
        ),
    '',
    '## Secrets',
    '',
    table([...SECRET_COLUMNS], report.secrets.map(secretCells)),
    '',
    '## Break-glass activity',
    '',
    report.breakGlass.length === 0
      ? 'None.'
      : table(
          ['when', 'account', 'stage', 'who', 'source identity', 'reason', 'ticket', 'secret actions'],
          report.breakGlass.map((s) => [
            s.at,
            s.accountId,
            s.stage,
            s.who,
            s.sourceIdentity ?? '-',
            s.reason ?? '(none)',
            s.ticket ?? '-',
            s.secretActions.join('; ') || '-',
          ]),
        ),
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
