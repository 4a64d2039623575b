import { escapeHtml } from './escape-html';
import {
  BREAK_GLASS_COLUMNS,
  breakGlassCells,
  FINDING_COLUMNS,
  findingCells,
  SECRET_COLUMNS,
  secretCells,
  statusOf,
} from './report-columns';
import { renderAgeChart } from './render-svg-chart';
import type { Report } from './types';

/** System fonts only: the file must render offline and load nothing. */
const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d5dd;padding:3px 8px;text-align:left;vertical-align:top}
td:not(:last-child){white-space:nowrap}th{background:#f2f4f7}.pass{color:#067647;font-weight:600}.fail{color:#b42318;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d5dd;border-radius:6px;padding:10px 14px;min-width:180px}
.card.refused,.card.error{border-color:#b42318;background:#fef3f2}
.label,.value{font-size:11px;fill:#344054}.bar.ok{fill:#12b76a}.bar.due{fill:#f79009}.bar.overdue{fill:#d92d20}.bar.never{fill:#98a2b3}
.limit{stroke:#1d2330;stroke-dasharray:4 3}
.incomplete{background:#fef3f2;border:1px solid #b42318;padding:8px}
`;

/**
 * One self-contained HTML file: inline CSS and SVG, no script, no external font or image, so it
 * can be attached to a ticket and opened anywhere.
 */
export function renderHtml(report: Report): string {
  const cards = report.accounts
    .map(
      (a) =>
        `<div class="card ${a.status}" data-account="${escapeHtml(a.accountId)}"><strong>${escapeHtml(a.name)}</strong> ${escapeHtml(a.accountId)}<br>status: ${escapeHtml(a.status)}${a.problems.length > 0 ? ` (${escapeHtml(a.problems.join('; '))})` : ''}<br>secrets: ${a.secrets}<br>findings: ${a.findings}</div>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rotation report: ${escapeHtml(report.environment)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body>
<h1>Rotation report: ${escapeHtml(report.environment)}</h1>
<p>As of ${escapeHtml(report.asOf)}; failures and break-glass activity since ${escapeHtml(report.since)}.</p>
${report.complete ? '' : '<p class="incomplete" id="incomplete">Incomplete: some accounts could not be read (see the account cards).</p>'}
<h2>Compliance</h2>
${table(
  ['control', 'result', 'summary'],
  report.compliance.map((c) => [c.id, c.passed ? 'PASS' : 'FAIL', c.summary]),
  'compliance',
  (row) => (row[1] === 'PASS' ? 'pass' : 'fail'),
  1,
)}
<h2>Accounts</h2>
<div class="cards" id="accounts">${cards}</div>
<h2>Rotation age against the schedule</h2>
${renderAgeChart(report.secrets)}
<h2>Findings</h2>
${
  report.findings.length === 0
    ? '<p id="findings">None.</p>'
    : table([...FINDING_COLUMNS], report.findings.map(findingCells), 'findings')
}
<h2>Break-glass activity</h2>
${
  report.breakGlass.length === 0
    ? '<p id="break-glass">None.</p>'
    : table([...BREAK_GLASS_COLUMNS], report.breakGlass.map(breakGlassCells), 'break-glass')
}
<h2>Secrets</h2>
${table([...SECRET_COLUMNS], report.secrets.map(secretCells), 'secrets', undefined, undefined, report.secrets.map(statusOf))}
</body></html>
`;
}

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  id: string,
  classOf?: (row: readonly string[]) => string,
  classColumn?: number,
  rowStates?: readonly string[],
): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, index) => {
      const state = rowStates?.[index];
      const cells = row.map((cell, column) => {
        const cls = classOf !== undefined && column === classColumn ? ` class="${classOf(row)}"` : '';
        return `<td${cls}>${escapeHtml(cell)}</td>`;
      });
      return `<tr${state === undefined ? '' : ` data-status="${escapeHtml(state)}"`}>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table id="${id}"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}
