import type { BreakGlassSession, Finding, SecretRow } from './types';

/** The secret columns every text format shares, in order. */
export const SECRET_COLUMNS = [
  'account',
  'region',
  'secret',
  'database',
  'user',
  'engine',
  'strategy',
  'rotation',
  'schedule',
  'last rotated',
  'next rotation',
  'age days',
  'status',
  'last failure',
  'drift',
] as const;

/** The row's problems in one word each, or `ok`. */
export function statusOf(row: SecretRow): string {
  const flags: string[] = [];
  if (!row.exists) flags.push('missing');
  if (row.overdue) flags.push('overdue');
  if (row.neverRotated) flags.push('never rotated');
  if (row.stuck) flags.push('stuck');
  if (row.lastFailure !== undefined) flags.push('failed');
  if (row.drift.length > 0) flags.push('drift');
  return flags.length === 0 ? 'ok' : flags.join(', ');
}

/** A row as text cells, in {@link SECRET_COLUMNS} order. */
export function secretCells(row: SecretRow): string[] {
  return [
    `${row.accountName} (${row.accountId})`,
    row.replica ? `${row.region} (replica)` : row.region,
    row.name,
    row.database ?? '-',
    row.user ?? '-',
    row.engine ?? '-',
    row.strategy ?? '-',
    row.rotationEnabled === undefined ? '-' : row.rotationEnabled ? 'enabled' : 'disabled',
    row.schedule ?? '-',
    row.lastRotated ?? (row.exists && !row.replica ? 'never' : '-'),
    row.nextRotation ?? '-',
    row.ageDays === undefined ? '-' : String(row.ageDays),
    statusOf(row),
    row.lastFailure === undefined
      ? '-'
      : `${row.lastFailure.step}: ${row.lastFailure.reason} (${row.lastFailure.at}, ${row.lastFailure.source})`,
    row.drift.length === 0 ? '-' : row.drift.join('; '),
  ];
}

/** The finding columns every format shares, in order. */
export const FINDING_COLUMNS = ['kind', 'account', 'region', 'secret', 'detail'] as const;

/** A finding as text cells, in {@link FINDING_COLUMNS} order. */
export function findingCells(finding: Finding): string[] {
  return [finding.kind, finding.accountId, finding.region, finding.secretName ?? '-', finding.detail];
}

/** The break-glass session columns every format shares, in order. */
export const BREAK_GLASS_COLUMNS = [
  'when',
  'account',
  'stage',
  'who',
  'source identity',
  'reason',
  'ticket',
  'secret actions',
] as const;

/** A break-glass session as text cells, in {@link BREAK_GLASS_COLUMNS} order. */
export function breakGlassCells(session: BreakGlassSession): string[] {
  return [
    session.at,
    session.accountId,
    session.stage,
    session.who,
    session.sourceIdentity ?? '-',
    session.reason ?? '(none)',
    session.ticket ?? '-',
    session.secretActions.join('; ') || '-',
  ];
}
