import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StackLoadError } from './errors';
import type { JsonObject, StackSet, SynthStack } from './types';

const STACK_FILE = 'cdk.tf.json';

/**
 * Reads the synthesized stacks under `dir`, which may be a whole synth output (`cdktf.out`, holding
 * `stacks/<name>/cdk.tf.json`), its `stacks` folder, or one stack folder (holding `cdk.tf.json`).
 * An existing folder with no stacks is an empty set (the base commit may predate the stacks).
 *
 * @param dir folder to read
 * @param option name of the command line option that named the folder, used in error messages
 * @example
 * const head = loadStacks('cdktf.out', '--head');
 */
export function loadStacks(dir: string, option: string): StackSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StackLoadError(
      `${option}: folder ${JSON.stringify(dir)} does not exist; run the synth first (npm run synth).`,
    );
  }
  if (existsSync(join(dir, STACK_FILE))) {
    const stack = readStack(basename(dir), join(dir, STACK_FILE), option);
    return { stacks: new Map([[stack.name, stack]]), single: true };
  }
  const stacksDir = existsSync(join(dir, 'stacks')) ? join(dir, 'stacks') : dir;
  const names = readdirSync(stacksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(stacksDir, entry.name, STACK_FILE)))
    .map((entry) => entry.name);
  const ordered = orderByManifest(names, join(dir, 'manifest.json'));
  const stacks = new Map<string, SynthStack>();
  for (const name of ordered) {
    stacks.set(name, readStack(name, join(stacksDir, name, STACK_FILE), option));
  }
  return { stacks, single: false };
}

function readStack(name: string, file: string, option: string): SynthStack {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StackLoadError(`${option}: ${file} is not valid JSON; synthesize the stacks again.`, {
      cause: error,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StackLoadError(`${option}: ${file} must hold a JSON object (a cdktf stack).`);
  }
  return { name, document: parsed as JsonObject };
}

/** cdktf writes stacks to the manifest in creation order (dev, staging, prod), which reads best. */
function orderByManifest(names: readonly string[], manifestFile: string): string[] {
  const sorted = [...names].sort();
  if (!existsSync(manifestFile)) {
    return sorted;
  }
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, unknown> };
    const order = Object.keys(manifest.stacks ?? {});
    const rank = (name: string): number => {
      const index = order.indexOf(name);
      return index === -1 ? order.length : index;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  } catch {
    // A broken manifest only loses the nicer order; the stacks themselves were read above.
    return sorted;
  }
}
