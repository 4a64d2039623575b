/**
 * The report against real parts: moto (Secrets Manager, STS, KMS, CloudWatch Logs) in several
 * accounts reached by assuming the audit role through moto's STS, secrets rotated by the real
 * rotation function against the test PostgreSQL. moto 5.2.1 does not implement CloudTrail
 * LookupEvents, so AwsFront serves it from events shaped like AWS's documented records; it also
 * refuses AssumeRole in one account and throttles ListSecrets in another, as AWS answers those.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src';
import { EXIT_CODES } from '../../src';
import { readTestServices } from '@credential-rotation/test-services';
import { AwsFront } from '../support/aws-front';
import { pngSize, renderedDom, screenshot } from '../support/headless-chromium';
import { runReport } from '../support/run-cli';
import { ACCOUNTS, ENV, buildScenario } from '../support/scenario';
import type { Scenario } from '../support/scenario';

const services = readTestServices();
let scenario: Scenario;
let front: AwsFront;
const DAY = 86_400_000;

beforeAll(async () => {
  await services.moto.reset();
  scenario = await buildScenario(services.moto, services.postgres);
  front = await new AwsFront({
    upstream: services.moto.endpoint,
    refusedAccounts: [ACCOUNTS.refused],
    throttle: { accountId: ACCOUNTS.beta, operation: 'ListSecrets', times: 3 },
    trail: scenario.trail,
  }).start();
});
afterAll(async () => {
  await front.stop();
  rmSync(scenario.dir, { recursive: true, force: true });
});

async function jsonReport(
  extra: readonly string[] = [],
  configFile = scenario.configFile,
): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await runReport([
    'report',
    '--env',
    ENV,
    '--config',
    configFile,
    '--endpoint-url',
    front.endpoint,
    '--format',
    'json',
    ...extra,
  ]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

function row(report: Report, user: string) {
  const found = report.secrets.find(
    (secret) =>
      secret.name === `${ENV}/rds/${user.startsWith('ledger') ? 'ledger' : 'orders'}/${user}` &&
      !secret.replica,
  );
  if (found === undefined) throw new Error(`no row for ${user}`);
  return found;
}

describe('report against moto and real rotations', () => {
  it('reports each case of each account and exits 2 because one account refused the audit role', async () => {
    const { code, report, stderr } = await jsonReport();
    expect(code).toBe(EXIT_CODES.incomplete);
    expect(report.complete).toBe(false);
    const refused = report.accounts.find((account) => account.accountId === ACCOUNTS.refused);
    expect(refused).toMatchObject({ status: 'refused' });
    expect(refused?.problems.join(' ')).toContain('AccessDenied');
    expect(stderr).toContain(`account ${ACCOUNTS.refused} (refused) refused`);
    expect(
      report.accounts
        .filter((account) => account.accountId !== ACCOUNTS.refused)
        .every((a) => a.status === 'ok'),
    ).toBe(true);

    expect(row(report, 'ontime_app')).toMatchObject({
      exists: true,
      rotationEnabled: true,
      overdue: false,
      neverRotated: false,
      stuck: false,
      drift: [],
    });
    expect(row(report, 'ontime_app').lastRotated).toBeDefined();
    expect(row(report, 'ledger_app')).toMatchObject({
      exists: true,
      overdue: false,
      neverRotated: false,
      drift: [],
    });
    expect(row(report, 'never_app')).toMatchObject({ neverRotated: true, rotationEnabled: true, drift: [] });
    expect(row(report, 'failed_app').lastFailure).toMatchObject({
      step: 'setSecret',
      source: 'function-log',
    });
    expect(row(report, 'stuck_app').pendingSince).toBeDefined();
    expect(row(report, 'stuck_app').lastFailure).toMatchObject({ source: 'cloudtrail' });
    expect(row(report, 'drift_app').drift).toEqual(['tag critical is "false", expected "true"']);
    expect(row(report, 'deleted_app').drift[0]).toMatch(/^scheduled for deletion on /);
    expect(row(report, 'missing_app')).toMatchObject({
      exists: false,
      drift: ['configured user has no secret'],
    });
    expect(row(report, 'stray_app').drift).toEqual(['no environment config names this secret']);
  });

  it('judges ages at --as-of: 40 days on (looking back 60 days), the on-schedule secret is overdue and the crashed rotation is stuck', async () => {
    const later = new Date(Date.now() + 40 * DAY).toISOString();
    const { report } = await jsonReport(['--as-of', later, '--since', '60d']);
    expect(row(report, 'ontime_app')).toMatchObject({ overdue: true, stuck: false });
    expect(row(report, 'stuck_app')).toMatchObject({ stuck: true });
    expect(report.findings.map((finding) => finding.kind)).toEqual(
      expect.arrayContaining(['overdue', 'stuck', 'failed', 'drift', 'unrotated', 'access']),
    );
    expect(report.compliance.find((control) => control.id === 'PCI-DSS 8.2.4')?.passed).toBe(false);
  });

  it('completes through throttling: the SDK retries the ThrottlingException answers', async () => {
    const { report } = await jsonReport();
    expect(front.throttled.length).toBeGreaterThanOrEqual(3);
    expect(report.accounts.find((account) => account.accountId === ACCOUNTS.beta)?.status).toBe('ok');
  });

  it('lists break-glass sessions with reason, ticket and the secrets the reader touched', async () => {
    const { report } = await jsonReport();
    expect(report.breakGlass).toEqual([
      expect.objectContaining({
        stage: 'central',
        accountId: ACCOUNTS.security,
        reason: 'INC-42 restore orders',
        ticket: 'INC-42',
        sourceIdentity: 'alice',
      }),
      expect.objectContaining({
        stage: 'reader',
        accountId: ACCOUNTS.alpha,
        reason: 'INC-42 restore orders',
        secretActions: [`GetSecretValue ${ENV}/rds/orders/ontime_app`],
      }),
    ]);
    expect(report.compliance.find((control) => control.id === 'SOC 2 CC6.1/CC6.3')?.passed).toBe(true);
  });

  it('exits 1 on findings matching --fail-on and 0 when none match, once every account answers', async () => {
    const drift = await jsonReport(['--fail-on', 'drift'], scenario.configFileWithoutRefused);
    expect(drift.report.complete).toBe(true);
    expect(drift.code).toBe(EXIT_CODES.findings);
    const overdue = await jsonReport(['--fail-on', 'overdue'], scenario.configFileWithoutRefused);
    expect(overdue.code).toBe(EXIT_CODES.compliant);
  });

  it('reports an account that refuses one metadata call, keeps its rows, and exits 2', async () => {
    const partial = await new AwsFront({
      upstream: services.moto.endpoint,
      deny: { accountId: ACCOUNTS.beta, operation: 'GetResourcePolicy' },
      trail: scenario.trail,
    }).start();
    try {
      const run = await runReport([
        'report',
        '--env',
        ENV,
        '--config',
        scenario.configFileWithoutRefused,
        '--endpoint-url',
        partial.endpoint,
        '--format',
        'json',
        '--fail-on',
        'drift',
      ]);
      const report = JSON.parse(run.stdout) as Report;
      expect(run.code).toBe(EXIT_CODES.incomplete);
      expect(report.accounts.find((account) => account.accountId === ACCOUNTS.beta)).toMatchObject({
        status: 'refused',
        problems: ['GetResourcePolicy in us-east-1 failed: AccessDeniedException'],
      });
      expect(row(report, 'ledger_app')).toMatchObject({ exists: true, neverRotated: false });
    } finally {
      await partial.stop();
    }
  });

  it('never prints a password in any format', async () => {
    for (const format of ['table', 'markdown', 'csv', 'json', 'html']) {
      const run = await runReport([
        'report',
        '--env',
        ENV,
        '--config',
        scenario.configFile,
        '--endpoint-url',
        front.endpoint,
        '--format',
        format,
      ]);
      for (const password of scenario.knownPasswords) expect(run.stdout + run.stderr).not.toContain(password);
    }
  });
});

describe('HTML report in headless Chromium', () => {
  it('renders the account summaries, the age chart and the findings from one file that loads nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rotation-report-html-'));
    const file = join(dir, 'report.html');
    const later = new Date(Date.now() + 26 * DAY).toISOString();
    const run = await runReport([
      'report',
      '--env',
      ENV,
      '--config',
      scenario.configFile,
      '--endpoint-url',
      front.endpoint,
      '--format',
      'html',
      '--out',
      file,
      '--as-of',
      later,
    ]);
    expect(run.code).toBe(EXIT_CODES.incomplete);
    const html = readFileSync(file, 'utf8');
    // Self-contained: no script, no external stylesheet, font, image or import.
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i);

    const dom = await renderedDom(file);
    const cards = dom.match(/<div class="card [a-z]+" data-account="\d{12}">/g) ?? [];
    expect(cards).toHaveLength(4);
    expect(dom).toContain(`data-account="${ACCOUNTS.refused}"`);
    expect(dom).toMatch(new RegExp(`<div class="card refused" data-account="${ACCOUNTS.refused}">`));
    const bars = dom.match(/<rect [^>]*class="bar (ok|due|overdue|never)"/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(5);
    expect(dom).toMatch(/class="bar due"[^>]*data-secret="itest\/rds\/orders\/ontime_app"/);
    expect(dom).toMatch(/class="bar never"/);
    expect(dom).toContain('<table id="findings">');
    expect(dom).toContain('<table id="compliance">');
    expect(dom).toContain('id="incomplete"');

    const png = join(dir, 'report.png');
    await screenshot(file, png);
    const bytes = readFileSync(png);
    expect(pngSize(bytes)).toEqual({ width: 1280, height: 1600 });
    // TEST_SCREENSHOT_OUT=docs/operations/rotation-report.png refreshes the screenshot in the docs.
    const out = process.env.TEST_SCREENSHOT_OUT;
    if (out !== undefined && out !== '') copyFileSync(png, out);
    rmSync(dir, { recursive: true, force: true });
  });
});
