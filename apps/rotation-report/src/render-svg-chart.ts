import type { SecretRow } from './types';
import { escapeHtml } from './escape-html';

/** Bars drawn at most: past this the chart shows the oldest, relative to their schedule. */
export const MAX_CHART_BARS = 60;

const BAR_HEIGHT = 16;
const LABEL_WIDTH = 300;
const PLOT_WIDTH = 420;
/** The plot runs to twice the allowed age, so an overdue bar still ends inside it. */
const PLOT_SPAN = 2;

/**
 * An inline SVG of rotation age against the schedule: one bar per secret, its length the age as
 * a share of the allowed age (schedule plus window), a line where the allowance ends.
 */
export function renderAgeChart(rows: readonly SecretRow[]): string {
  const plotted = rows
    .filter((row) => row.exists && !row.replica && row.ageDays !== undefined && row.allowedDays !== undefined)
    .map((row) => ({ row, ratio: (row.ageDays as number) / Math.max(row.allowedDays as number, 0.1) }))
    .sort((a, b) => b.ratio - a.ratio)
    .slice(0, MAX_CHART_BARS);
  const height = plotted.length * (BAR_HEIGHT + 4) + 40;
  const limitX = LABEL_WIDTH + PLOT_WIDTH / PLOT_SPAN;
  const bars = plotted.map(({ row, ratio }, index) => {
    const y = 20 + index * (BAR_HEIGHT + 4);
    const width = Math.max(2, Math.min(ratio / PLOT_SPAN, 1) * PLOT_WIDTH);
    const state = row.neverRotated ? 'never' : row.overdue ? 'overdue' : ratio > 0.8 ? 'due' : 'ok';
    const label = `${row.accountName}: ${row.name}`;
    return [
      `<text x="${LABEL_WIDTH - 6}" y="${y + 12}" text-anchor="end" class="label">${escapeHtml(label.length > 48 ? `…${label.slice(-47)}` : label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" class="bar ${state}" data-secret="${escapeHtml(row.name)}" data-state="${state}"><title>${escapeHtml(`${row.name}: ${row.ageDays} of ${row.allowedDays} days`)}</title></rect>`,
      `<text x="${LABEL_WIDTH + width + 4}" y="${y + 12}" class="value">${row.ageDays}d</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Rotation age against the schedule" width="${LABEL_WIDTH + PLOT_WIDTH + 60}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + PLOT_WIDTH + 60} ${height}" id="age-chart">`,
    ...bars,
    `<line x1="${limitX}" y1="10" x2="${limitX}" y2="${height - 20}" class="limit"/>`,
    `<text x="${limitX}" y="${height - 6}" text-anchor="middle" class="value">schedule + window</text>`,
    '</svg>',
  ].join('\n');
}
