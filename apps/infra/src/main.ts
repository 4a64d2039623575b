// The cdktf app (cdktf.json runs `node apps/infra/dist/main.js`): wiring only.
import { resolveLambdaZip } from './lambda-artifact';
import { environmentsRoot, loadEnvironments } from './load-environments';
import { synthesize } from './synthesize';

const INPUT_ERRORS = new Set([
  'LambdaArtifactMissingError',
  'GovernanceConfigError',
  'ResourceNameError',
  'EnvironmentConfigError',
]);

function main(): number {
  const loaded = loadEnvironments(process.env.CREDENTIAL_ROTATION_ENVIRONMENTS_DIR ?? environmentsRoot());
  try {
    const result = synthesize({
      environments: loaded.environments,
      loadProblems: loaded.problems,
      lambdaZipPath: () => resolveLambdaZip(),
    });
    if (result.ok) return 0;
    for (const line of result.problems) console.error(line);
    console.error(`synth stopped: ${result.problems.length} config problem(s); nothing was written`);
    return 1;
  } catch (error) {
    // Errors that name a bad input get one clean line; anything else is a bug and keeps its stack.
    if (error instanceof Error && INPUT_ERRORS.has(error.name)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
