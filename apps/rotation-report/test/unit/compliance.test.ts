import { assessCompliance } from '../../src';
import type { BreakGlassSession } from '../../src';
import { OK_ACCOUNT, rowOf } from '../support/fixtures';

const policy = { length: 32, excludeCharacters: `/@"'\\\`$ ` };
const session = (extra: Partial<BreakGlassSession>): BreakGlassSession => ({
  at: '2026-06-29T10:00:00.000Z',
  accountId: '333333333333',
  roleArn: 'arn:aws:iam::333333333333:role/breakglass/BreakGlassSecretReader',
  stage: 'reader',
  who: 'arn:aws:sts::222222222222:assumed-role/prod-breakglass-central/alice',
  sourceIdentity: 'alice',
  reason: 'INC-1',
  secretActions: ['GetSecretValue prod/rds/orders/orders_app'],
  ...extra,
});

function control(id: string, inputs: Partial<Parameters<typeof assessCompliance>[0]>) {
  const result = assessCompliance({
    schedule: 'rate(30 days)',
    passwordPolicy: policy,
    secrets: [rowOf()],
    breakGlass: [],
    accounts: [OK_ACCOUNT],
    ...inputs,
  });
  const found = result.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no control ${id}`);
  return found;
}

describe('assessCompliance', () => {
  it('passes PCI-DSS 8.2.4 when every secret rotates on time within 90 days, with one evidence row each', () => {
    const pci = control('PCI-DSS 8.2.4', {});
    expect(pci.passed).toBe(true);
    expect(pci.evidence).toEqual([
      ['333333333333', 'prod/rds/orders/orders_app', 'true', '2026-06-20T00:00:00.000Z', 'on time'],
    ]);
  });

  it('fails PCI-DSS 8.2.4 on a 120-day schedule, an overdue secret or an account it could not read', () => {
    expect(control('PCI-DSS 8.2.4', { schedule: 'rate(120 days)' }).passed).toBe(false);
    expect(control('PCI-DSS 8.2.4', { secrets: [rowOf({ overdue: true })] }).passed).toBe(false);
    expect(
      control('PCI-DSS 8.2.4', {
        accounts: [{ ...OK_ACCOUNT, status: 'refused', problems: ['AccessDenied'] }],
      }).passed,
    ).toBe(false);
  });

  it('fails SOC 2 for a break-glass session without a reason', () => {
    expect(control('SOC 2 CC6.1/CC6.3', { breakGlass: [session({})] }).passed).toBe(true);
    expect(control('SOC 2 CC6.1/CC6.3', { breakGlass: [session({ reason: undefined })] }).passed).toBe(false);
  });

  it('judges ISO 27001 password complexity from the configured policy', () => {
    expect(control('ISO 27001 A.5.17', {}).passed).toBe(true);
    expect(
      control('ISO 27001 A.5.17', { passwordPolicy: { length: 12, excludeCharacters: '' } }).passed,
    ).toBe(false);
    expect(
      control('ISO 27001 A.5.17', { passwordPolicy: { length: 32, excludeCharacters: 'abc' } }).passed,
    ).toBe(false);
  });

  it('fails HIPAA audit controls when an account trail could not be read', () => {
    expect(control('HIPAA 164.312(b)', { breakGlass: [session({})] }).evidence[0]).toContain(
      'GetSecretValue prod/rds/orders/orders_app',
    );
    expect(
      control('HIPAA 164.312(b)', {
        accounts: [{ ...OK_ACCOUNT, status: 'error', problems: ['ThrottlingException'] }],
      }).passed,
    ).toBe(false);
  });
});
