import { SECRET_COLUMNS, secretCells } from './report-columns';
import type { Report } from './types';

/** One line per secret (RFC 4180 quoting), the columns of the other formats. */
export function renderCsv(report: Report): string {
  const lines = [
    SECRET_COLUMNS.map(quote).join(','),
    ...report.secrets.map((row) => secretCells(row).map(quote).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function quote(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it so it stays text.
  const safe = /^[=+\-@]/.test(value) && value !== '-' ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
