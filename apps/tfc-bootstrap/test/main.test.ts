import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentsDistDir, loadEnvironments } from '../src/load-environments';

// Runs the compiled app the way `cdktf synth` does (turbo builds it before the tests), offline and
// without any Terraform Cloud token.
describe('tfc-bootstrap app', () => {
  const main = join(__dirname, '..', 'dist', 'main.js');

  it('synthesizes the repository environments offline, skipping those without a workspace', () => {
    expect(existsSync(main)).toBe(true);
    const outdir = mkdtempSync(join(tmpdir(), 'tfc-bootstrap-synth-'));
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' };
    delete env.TFE_TOKEN;
    delete env.TF_API_TOKEN;
    const result = spawnSync(process.execPath, [main], { env, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);

    const stack = JSON.parse(
      readFileSync(join(outdir, 'stacks', 'tfc-bootstrap', 'cdk.tf.json'), 'utf8'),
    ) as {
      resource: { tfe_workspace: Record<string, { name: string; working_directory: string }> };
      terraform: { cloud?: { workspaces: { name: string } } };
    };
    const environments = loadEnvironments(environmentsDistDir());
    const withCloud = environments.filter((environment) => environment.config.terraformCloud !== undefined);
    const workspaces = Object.values(stack.resource.tfe_workspace);
    expect(workspaces.map((workspace) => workspace.working_directory).sort()).toEqual(
      withCloud.map((environment) => `cdktf.out/stacks/${environment.name}`).sort(),
    );
    expect(stack.terraform.cloud?.workspaces.name).toBe('credential-rotation-bootstrap');
    for (const skipped of environments.filter(
      (environment) => environment.config.terraformCloud === undefined,
    )) {
      expect(result.stderr).toContain(`${skipped.name} has no terraformCloud block`);
    }
  });
});
