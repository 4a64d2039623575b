import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ENVIRONMENT_LAYOUTS } from '@credential-rotation/environment-config';
import type { EnvironmentLayout } from '@credential-rotation/environment-config';
import { LayoutMoveError } from './errors';
import type { LayoutMove, TerraformState } from './layout-move';

/** The environment variable that names a move file; `cdktf synth` and `cdktf deploy` then synthesize the move. */
export const LAYOUT_MOVE_VARIABLE = 'CREDENTIAL_ROTATION_LAYOUT_MOVE';

/**
 * Reads a move file (docs/infra/layouts.md):
 * `{ "environment": "prod", "from": "single-stack", "states": { "prod": "prod.tfstate" } }`,
 * state paths relative to the file, each the output of `terraform state pull` in that stack.
 *
 * @example const move = readLayoutMoveFile('moves/prod.json');
 */
export function readLayoutMoveFile(path: string): LayoutMove {
  const file = resolve(path);
  const raw = readJson(file, 'the move file') as { environment?: unknown; from?: unknown; states?: unknown };
  const { environment, from, states } = raw;
  if (typeof environment !== 'string')
    throw new LayoutMoveError(`${file}: environment: must be the environment folder name`);
  if (!ENVIRONMENT_LAYOUTS.includes(from as EnvironmentLayout)) {
    throw new LayoutMoveError(
      `${file}: from: must be one of ${ENVIRONMENT_LAYOUTS.join(', ')} (the layout the states are in now)`,
    );
  }
  if (states === null || typeof states !== 'object' || Array.isArray(states)) {
    throw new LayoutMoveError(`${file}: states: must map each current stack's name to its pulled state file`);
  }
  const loaded: Record<string, TerraformState> = {};
  for (const [stack, statePath] of Object.entries(states as Record<string, unknown>)) {
    if (typeof statePath !== 'string')
      throw new LayoutMoveError(`${file}: states.${stack}: must be a file path`);
    const state = readJson(resolve(dirname(file), statePath), `the state of ${stack}`) as TerraformState;
    if (state.version !== 4) {
      throw new LayoutMoveError(
        `${statePath}: state format ${String(state.version)}: expected 4 (Terraform >= 0.12; pull it with terraform state pull)`,
      );
    }
    loaded[stack] = state;
  }
  return { environment, from: from as EnvironmentLayout, states: loaded };
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    // Only the error's name: a state file's content must not reach the log.
    throw new LayoutMoveError(
      `${file}: ${what} could not be read as JSON (${cause instanceof Error ? cause.name : 'unknown error'})`,
      { cause },
    );
  }
}
