import { App, CloudBackend, NamedCloudWorkspace } from 'cdktf';
import { BOOTSTRAP_STACK_ID, TFC_HOSTNAME } from './constants';
import { environmentsDistDir, loadEnvironments } from './load-environments';
import { bootstrapSettings } from './settings';
import { TfcBootstrapStack } from './tfc-bootstrap-stack';

// Wiring only: read the environments, build the stack, attach the backend, synthesize.
const environments = loadEnvironments(environmentsDistDir());
const app = new App();
const stack = new TfcBootstrapStack(app, BOOTSTRAP_STACK_ID, { environments, settings: bootstrapSettings });

for (const name of stack.plan.skipped) {
  process.stderr.write(
    `tfc-bootstrap: ${name} has no terraformCloud block; its stack keeps a local backend, no workspace.\n`,
  );
}
// The bootstrap's own state lives in a workspace of the (first) organization once there is one;
// until then (no environment names an organization) it stays local, so synth works anywhere.
const [first] = stack.plan.workspaces;
if (bootstrapSettings.stateWorkspace !== undefined && first !== undefined) {
  new CloudBackend(stack, {
    hostname: first.hostname === TFC_HOSTNAME ? undefined : first.hostname,
    organization: first.organization,
    workspaces: new NamedCloudWorkspace(bootstrapSettings.stateWorkspace),
  });
}
app.synth();
