import { join } from 'node:path';
import type { Environment } from '@credential-rotation/environment-config';
import { validateEnvironments } from '@credential-rotation/environment-config';
import { Testing } from 'cdktf';
import { CredentialRotationStack } from '../src/credential-rotation-stack';
import { environmentsRoot, loadEnvironments } from '../src/load-environments';

/** A stand-in zip: the constructs only need a file to hash and copy. */
export const FIXTURE_ZIP = join(__dirname, 'fixtures', 'rotation-lambda.zip');

/** The shipped environments, loaded from the compiled environments workspace and validated. */
export function shippedEnvironments(): Environment[] {
  const loaded = loadEnvironments(environmentsRoot());
  if (loaded.problems.length > 0) throw new Error(loaded.problems.join('\n'));
  const result = validateEnvironments(loaded.environments);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return [...result.environments];
}

export interface SynthesizedStack {
  readonly provider: { aws: Record<string, unknown>[] };
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
}

export function synthStack(environment: Environment): { json: string; parsed: SynthesizedStack } {
  const stack = new CredentialRotationStack(Testing.app(), environment, { lambdaZipPath: FIXTURE_ZIP });
  const json = Testing.synth(stack);
  return { json, parsed: JSON.parse(json) as SynthesizedStack };
}

/** Every key in a JSON value, descending into strings that hold JSON (policies, secret strings). */
export function allKeys(value: unknown, keys: string[] = []): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        allKeys(JSON.parse(trimmed), keys);
      } catch {
        // not JSON: an ordinary string
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => allKeys(item, keys));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      allKeys(item, keys);
    }
  }
  return keys;
}
