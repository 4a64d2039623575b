import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeSync } from '../src/synthesize';
import { plainConfig } from './config-fixtures';
import { FIXTURE_ZIP } from './helpers';

describe('synthesize', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'synth-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('writes one stack per environment, with its local backend or Terraform Cloud workspace', () => {
    const outdir = join(work, 'out');
    const prod = { ...plainConfig(), terraformCloud: { organization: 'example-corp' } };
    const result = synthesizeSync({
      environments: [
        { name: 'dev', config: plainConfig() },
        { name: 'prod', config: prod },
      ],
      lambdaZipPath: () => FIXTURE_ZIP,
      outdir,
    });
    expect(result).toEqual({ ok: true, stacks: ['dev', 'prod'] });
    const dev = JSON.parse(readFileSync(join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    expect(dev.terraform.backend).toEqual({ local: { path: 'terraform.dev.tfstate' } });
    const prodJson = JSON.parse(readFileSync(join(outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(prodJson.terraform.cloud).toEqual({
      organization: 'example-corp',
      workspaces: { name: 'credential-rotation-prod' },
    });
    expect(existsSync(join(outdir, 'stacks', 'prod', 'assets', 'rotation-lambda'))).toBe(true);
  });

  it('refuses every bad environment before writing anything or touching the bundle', () => {
    const outdir = join(work, 'out');
    const bad = plainConfig() as { accounts: { workloads: { accountId: string }[] } };
    bad.accounts.workloads[0]!.accountId = '12345';
    const lambdaZipPath = jest.fn(() => FIXTURE_ZIP);
    const result = synthesizeSync({
      environments: [
        { name: 'dev', config: plainConfig() },
        { name: 'prod', config: bad },
      ],
      loadProblems: ['qa: config.js failed to load (SyntaxError)'],
      lambdaZipPath,
      outdir,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'qa: config.js failed to load (SyntaxError)',
        'prod: accounts.workloads[0].accountId: must be a 12-digit AWS account id (got "12345")',
      ],
    });
    expect(lambdaZipPath).not.toHaveBeenCalled();
    expect(existsSync(outdir)).toBe(false);
  });

  it('uses the configured Terraform Enterprise host and workspace', () => {
    const outdir = join(work, 'out');
    const config = {
      ...plainConfig(),
      terraformCloud: { organization: 'acme', workspace: 'rotation-qa', hostname: 'tfe.example.com' },
    };
    expect(
      synthesizeSync({ environments: [{ name: 'qa', config }], lambdaZipPath: () => FIXTURE_ZIP, outdir }).ok,
    ).toBe(true);
    const qa = JSON.parse(readFileSync(join(outdir, 'stacks', 'qa', 'cdk.tf.json'), 'utf8'));
    expect(qa.terraform.cloud).toEqual({
      hostname: 'tfe.example.com',
      organization: 'acme',
      workspaces: { name: 'rotation-qa' },
    });
  });

  it('removes the output folder it created when building a stack fails', () => {
    const outdir = join(work, 'out');
    expect(() =>
      synthesizeSync({
        environments: [{ name: 'dev', config: plainConfig() }],
        lambdaZipPath: () => join(work, 'missing.zip'),
        outdir,
      }),
    ).toThrow(/missing\.zip/);
    expect(existsSync(outdir)).toBe(false);
  });
});
