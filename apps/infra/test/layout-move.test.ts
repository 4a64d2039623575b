import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Environment, EnvironmentLayout } from '@credential-rotation/environment-config';
import { environmentStackNames } from '@credential-rotation/environment-config';
import type { TerraformState } from '../src/layout-move';
import { shippedEnvironments } from './helpers';
import type { StackJson } from './layout-helpers';
import { addresses, fakeState, readStack, stackDependencies, synthTo, withLayout } from './layout-helpers';

const shipped = shippedEnvironments();
const MOVES: readonly [EnvironmentLayout, EnvironmentLayout][] = [
  ['single-stack', 'stack-per-account'],
  ['stack-per-account', 'single-stack'],
];

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'layout-move-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Synthesizes `environment` in `layout` and returns each stack's JSON by name. */
function stacksOf(environment: Environment, layout: EnvironmentLayout, dir: string): Map<string, StackJson> {
  const inLayout = withLayout(environment, layout);
  synthTo(dir, [inLayout]);
  return new Map(environmentStackNames(environment.name, inLayout.config).map((s) => [s, readStack(dir, s)]));
}

describe.each(
  shipped.flatMap((environment) =>
    MOVES.map(([from, to]) => [environment.name, from, to, environment] as const),
  ),
)('moving %s from %s to %s', (name, from, to, environment) => {
  let before: Map<string, StackJson>;
  let after: Map<string, StackJson>;
  let plan: { imports: readonly { stack: string; address: string }[]; removed: readonly { stack: string }[] };
  let outdir: string;
  beforeAll(() => {
    const tag = `${name}-${from}-${to}`;
    before = stacksOf(environment, from, join(work, `${tag}-before`));
    const states: Record<string, TerraformState> = Object.fromEntries(
      [...before].map(([stack, json]) => [stack, fakeState(json)]),
    );
    outdir = join(work, `${tag}-move`);
    const result = synthTo(outdir, [withLayout(environment, to)], { environment: name, from, states });
    plan = result.move ?? { imports: [], removed: [] };
    after = new Map(result.stacks.map((s) => [s, readStack(outdir, s)]));
  });

  it('imports every resource that changes stack exactly once, into the stack that now holds it', () => {
    const oldHome = new Map(
      [...before].flatMap(([stack, json]) => addresses(json).map((a) => [a, stack] as const)),
    );
    const imported = [...after].flatMap(([stack, json]) =>
      (json.import ?? []).map((i) => `${stack} ${i.to}`),
    );
    const expected = [...after].flatMap(([stack, json]) =>
      addresses(json)
        .filter((address) => oldHome.get(address) !== stack)
        .map((address) => `${stack} ${address}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(imported.sort()).toEqual(expected.sort());
    expect(plan.imports).toHaveLength(expected.length);
  });

  it('forgets (destroy = false) every resource that leaves a stack exactly once, in that stack', () => {
    const newHome = new Map(
      [...after].flatMap(([stack, json]) => addresses(json).map((a) => [a, stack] as const)),
    );
    const forgotten = [...after].flatMap(([stack, json]) =>
      (json.removed ?? []).map((r) => {
        expect(r.lifecycle).toEqual({ destroy: false });
        return `${stack} ${r.from}`;
      }),
    );
    const expected = [...before].flatMap(([stack, json]) =>
      addresses(json)
        .filter((address) => newHome.get(address) !== stack)
        .map((address) => `${stack} ${address}`),
    );
    expect(forgotten.sort()).toEqual(expected.sort());
    expect(new Set(forgotten).size).toBe(forgotten.length);
    expect(plan.removed).toHaveLength(expected.length);
  });

  it('creates nothing and destroys nothing: the same resources before and after, each managed once', () => {
    const all = (stacks: Map<string, StackJson>) => [...stacks.values()].flatMap(addresses).sort();
    expect(all(after)).toEqual(all(before));
    // A resource left in a stack's config is never also in a removed block of that stack.
    for (const [, json] of after) {
      const kept = new Set(addresses(json));
      for (const r of json.removed ?? []) expect(kept.has(r.from)).toBe(false);
    }
  });

  it('keeps the provider of every forgotten resource in the stack that forgets it', () => {
    for (const [stack, json] of after) {
      const aliases = new Set(json.provider.aws.map((p) => `aws.${p.alias ?? 'default'}`));
      const previous = before.get(stack);
      for (const r of json.removed ?? []) {
        const [type, id] = r.from.split('.') as [string, string];
        expect(aliases).toContain(previous?.resource?.[type]?.[id]?.['provider']);
      }
    }
  });

  it('imports before it forgets: each forgetting stack deploys after every importing stack', () => {
    const importing = [...after].filter(([, json]) => (json.import ?? []).length > 0).map(([s]) => s);
    const dependencies = stackDependencies(outdir);
    for (const [stack, json] of after) {
      if ((json.removed ?? []).length === 0) continue;
      expect([...(dependencies[stack] ?? [])].sort()).toEqual([...importing].sort());
    }
  });
});

describe('layout move refusals', () => {
  const staging = shipped.find((e) => e.name === 'staging') as Environment;

  it('refuses a move whose old state lacks a resource (never applied), naming it', () => {
    const before = stacksOf(staging, 'single-stack', join(work, 'refuse-before'));
    const state = fakeState(before.get('staging') as StackJson);
    const dropped = state.resources?.find((r) => r.type === 'aws_lambda_function');
    const partial: TerraformState = { ...state, resources: state.resources?.filter((r) => r !== dropped) };
    expect(() =>
      synthTo(join(work, 'refuse-out'), [withLayout(staging, 'stack-per-account')], {
        environment: 'staging',
        from: 'single-stack',
        states: { staging: partial },
      }),
    ).toThrow(
      new RegExp(`aws_lambda_function\\.${dropped?.name ?? 'x'}: not in the pulled state of staging`),
    );
  });

  it('refuses a move to the layout the config already has', () => {
    expect(() =>
      synthTo(join(work, 'refuse-same'), [withLayout(staging, 'single-stack')], {
        environment: 'staging',
        from: 'single-stack',
        states: {},
      }),
    ).toThrow(/already the config's layout/);
  });
});
