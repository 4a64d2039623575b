import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapConfigError } from '../src/errors';
import { environmentsDistDir, loadEnvironments } from '../src/load-environments';
import { bootstrapSettings } from '../src/settings';
import { planWorkspaces } from '../src/workspace-plan';

describe('loadEnvironments', () => {
  it('loads the repository environments and plans a workspace for each one naming an organization', () => {
    // Needs environments/dist: turbo builds it before this package's tests.
    const environments = loadEnvironments(environmentsDistDir());
    expect(environments.length).toBeGreaterThan(0);
    const plan = planWorkspaces(environments, bootstrapSettings);
    const withCloud = environments.filter((environment) => environment.config.terraformCloud !== undefined);
    expect(plan.workspaces.map((workspace) => workspace.environment)).toEqual(
      withCloud.map((environment) => environment.name),
    );
    expect([...plan.skipped, ...plan.workspaces.map((workspace) => workspace.environment)].sort()).toEqual(
      environments.map((environment) => environment.name).sort(),
    );
  });

  it('throws naming the environment and field of an invalid config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfc-bootstrap-'));
    mkdirSync(join(dir, 'qa'));
    writeFileSync(join(dir, 'qa', 'config.js'), 'exports.default = { region: "nowhere-1" };');
    expect(() => loadEnvironments(dir)).toThrow(BootstrapConfigError);
    expect(() => loadEnvironments(dir)).toThrow(/qa: region/);
  });

  it('throws telling how to build the configs when the folder is missing', () => {
    expect(() => loadEnvironments('/nonexistent/environments/dist')).toThrow(
      /build the environment configs first/,
    );
  });
});
