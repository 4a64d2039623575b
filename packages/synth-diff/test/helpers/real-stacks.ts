import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonObject } from '../../src/types';

/** The repository's synth output; turbo runs `@credential-rotation/infra#synth` before these tests. */
export const SYNTH_STACKS = resolve(__dirname, '..', '..', '..', '..', 'cdktf.out', 'stacks');

/**
 * The real synthesized stacks (dev, staging, prod), by name. Missing output is a failure, never a
 * skip: a test that silently checks nothing proves nothing.
 */
export function realStacks(): Map<string, JsonObject> {
  const names = existsSync(SYNTH_STACKS)
    ? readdirSync(SYNTH_STACKS).filter((name) => existsSync(join(SYNTH_STACKS, name, 'cdk.tf.json')))
    : [];
  if (names.length === 0) {
    throw new Error(
      `No synthesized stacks under ${SYNTH_STACKS}: run \`npm run synth\` at the repository root.`,
    );
  }
  return new Map(
    names
      .sort()
      .map((name) => [
        name,
        JSON.parse(readFileSync(join(SYNTH_STACKS, name, 'cdk.tf.json'), 'utf8')) as JsonObject,
      ]),
  );
}
