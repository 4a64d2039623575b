// The cdktf app (cdktf.json runs `node apps/infra/dist/main.js`): wiring only.
import { resolveLambdaZip } from './lambda-artifact';
import { LAYOUT_MOVE_VARIABLE, readLayoutMoveFile } from './layout-move-file';
import { environmentsRoot, loadEnvironments } from './load-environments';
import { synthesize } from './synthesize';

const INPUT_ERRORS = new Set([
  'LambdaArtifactMissingError',
  'GovernanceConfigError',
  'ResourceNameError',
  'EnvironmentConfigError',
  'LayoutMoveError',
]);

async function main(): Promise<number> {
  const loaded = loadEnvironments(process.env.CREDENTIAL_ROTATION_ENVIRONMENTS_DIR ?? environmentsRoot());
  try {
    const moveFile = process.env[LAYOUT_MOVE_VARIABLE];
    const result = await synthesize({
      environments: loaded.environments,
      loadProblems: loaded.problems,
      lambdaZipPath: () => resolveLambdaZip(),
      ...(moveFile !== undefined && moveFile !== '' ? { move: readLayoutMoveFile(moveFile) } : {}),
    });
    if (result.ok) {
      if (result.move !== undefined) {
        console.log(
          `layout move: ${result.move.imports.length} import(s), ${result.move.removed.length} forget(s), nothing created or destroyed by the move`,
        );
      }
      return 0;
    }
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug: keep its stack.
    console.error(error);
    process.exitCode = 1;
  },
);
