import type { PasswordPolicyConfig } from '@credential-rotation/environment-config';
import { DAY_MS } from './constants';
import { schedulePeriodMs } from './schedule-period';
import type { AccountSummary, BreakGlassSession, ComplianceControl, SecretRow } from './types';

/** PCI-DSS v3.2.1 8.2.4: change user passwords/passphrases at least once every 90 days. */
export const PCI_MAX_ROTATION_DAYS = 90;
/** Shortest generated password accepted as complex (the config schema's own minimum). */
export const MIN_PASSWORD_LENGTH = 16;

export interface ComplianceInputs {
  readonly schedule: string;
  readonly passwordPolicy: PasswordPolicyConfig;
  readonly secrets: readonly SecretRow[];
  readonly breakGlass: readonly BreakGlassSession[];
  readonly accounts: readonly AccountSummary[];
}

/**
 * Maps the findings to the controls the design claims. Each control passes or fails on evidence
 * the report collected; a control that depends on an account that could not be read fails, as an
 * auditor would count it.
 */
export function assessCompliance(inputs: ComplianceInputs): ComplianceControl[] {
  return [pciRotation(inputs), socPrivilegedAccess(inputs), isoComplexity(inputs), hipaaAudit(inputs)];
}

function pciRotation({ schedule, secrets, accounts }: ComplianceInputs): ComplianceControl {
  const periodDays = (schedulePeriodMs(schedule) ?? Infinity) / DAY_MS;
  const primaries = secrets.filter((row) => !row.replica);
  const bad = primaries.filter(
    (row) => !row.exists || row.overdue || row.neverRotated || row.rotationEnabled !== true || row.stuck,
  );
  const unread = accounts.filter((account) => account.role === 'workload' && account.status !== 'ok');
  const passed = periodDays <= PCI_MAX_ROTATION_DAYS && bad.length === 0 && unread.length === 0;
  return {
    id: 'PCI-DSS 8.2.4',
    title: `Passwords rotate at least every ${PCI_MAX_ROTATION_DAYS} days`,
    passed,
    summary: `schedule ${schedule} (${Math.round(periodDays)} days); ${primaries.length - bad.length}/${primaries.length} secrets rotating on time${unread.length > 0 ? `; ${unread.length} account(s) not read` : ''}`,
    evidenceHeader: ['account', 'secret', 'rotation enabled', 'last rotated', 'status'],
    evidence: [
      ...primaries.map((row) => [
        row.accountId,
        row.name,
        row.rotationEnabled === undefined ? '-' : String(row.rotationEnabled),
        row.lastRotated ?? 'never',
        rotationStatus(row),
      ]),
      ...unread.map((account) => [account.accountId, '(account not read)', '-', '-', account.status]),
    ],
  };
}

function socPrivilegedAccess({ secrets, breakGlass }: ComplianceInputs): ComplianceControl {
  const unjustified = breakGlass.filter(
    (session) => session.reason === undefined || session.sourceIdentity === undefined,
  );
  const unguarded = secrets.filter((row) => row.drift.some((line) => line.includes('resource policy')));
  return {
    id: 'SOC 2 CC6.1/CC6.3',
    title: 'Privileged access to secret values is restricted and justified',
    passed: unjustified.length === 0 && unguarded.length === 0,
    summary: `${breakGlass.length} break-glass session(s), ${unjustified.length} without reason or source identity; ${unguarded.length} secret(s) without the guarding resource policy`,
    evidenceHeader: ['when', 'account', 'stage', 'who', 'reason', 'ticket'],
    evidence: [
      ...breakGlass.map((session) => [
        session.at,
        session.accountId,
        session.stage,
        session.who,
        session.reason ?? '(none)',
        session.ticket ?? '-',
      ]),
      ...unguarded.map((row) => [
        '-',
        row.accountId,
        'resource policy',
        row.name,
        row.drift.filter((line) => line.includes('resource policy')).join('; '),
        '-',
      ]),
    ],
  };
}

function isoComplexity({ passwordPolicy }: ComplianceInputs): ComplianceControl {
  const excluded = new Set(passwordPolicy.excludeCharacters);
  // GetRandomPassword draws from letters, digits and 32 punctuation characters; enough must remain.
  const punctuationLeft =
    32 - [...excluded].filter((char) => /[^A-Za-z0-9]/.test(char) && char !== ' ').length;
  const lettersOrDigitsExcluded = [...excluded].some((char) => /[A-Za-z0-9]/.test(char));
  const passed =
    passwordPolicy.length >= MIN_PASSWORD_LENGTH && punctuationLeft >= 8 && !lettersOrDigitsExcluded;
  return {
    id: 'ISO 27001 A.5.17',
    title: 'Generated passwords meet the complexity policy',
    passed,
    summary: `length ${passwordPolicy.length} (minimum ${MIN_PASSWORD_LENGTH}); ${punctuationLeft} punctuation characters allowed; letters and digits ${lettersOrDigitsExcluded ? 'partly excluded' : 'all allowed'}`,
    evidenceHeader: ['setting', 'value'],
    evidence: [
      ['passwordPolicy.length', String(passwordPolicy.length)],
      ['excluded characters', String(excluded.size)],
      ['punctuation left', String(punctuationLeft)],
    ],
  };
}

function hipaaAudit({ breakGlass, accounts }: ComplianceInputs): ComplianceControl {
  const unread = accounts.filter((account) => account.status !== 'ok');
  const reads = breakGlass.filter((session) => session.stage === 'reader');
  const unattributed = reads.filter(
    (session) => session.secretActions.length > 0 && session.reason === undefined,
  );
  return {
    id: 'HIPAA 164.312(b)',
    title: 'Access to secrets is recorded and attributable',
    passed: unread.length === 0 && unattributed.length === 0,
    summary: `${reads.length} reader session(s), ${reads.reduce((sum, session) => sum + session.secretActions.length, 0)} secret action(s); ${unread.length} account(s) whose audit trail could not be read`,
    evidenceHeader: ['when', 'account', 'who', 'source identity', 'secret actions'],
    evidence: [
      ...reads.map((session) => [
        session.at,
        session.accountId,
        session.who,
        session.sourceIdentity ?? '(none)',
        session.secretActions.join('; ') || '(none)',
      ]),
      ...unread.map((account) => ['-', account.accountId, '(not read)', '-', account.problems.join('; ')]),
    ],
  };
}

function rotationStatus(row: SecretRow): string {
  if (!row.exists) return 'missing';
  if (row.neverRotated) return 'never rotated';
  if (row.overdue) return 'overdue';
  if (row.stuck) return 'stuck';
  if (row.rotationEnabled !== true) return 'rotation disabled';
  return 'on time';
}
