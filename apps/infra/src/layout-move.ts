/**
 * Moving an environment between layouts without destroying anything. Resources keep their
 * construct ids in both layouts, so a resource's address is the same in the stack that gets it;
 * what changes is which state holds it. For each resource that changes stack, the move adds an
 * `import` block to its new stack (ID from the old state) and a `removed` block with
 * `lifecycle { destroy = false }` to its old stack (Terraform >= 1.7), so every plan of the move
 * shows imports and forgets only. Resources that stay in a stack of the same name (the
 * organization stack keeps the environment's name) stay where they are.
 *
 * Stacks that forget depend on the stacks that import, so `cdktf deploy '<env>*'` imports first:
 * if an import fails, nothing has been forgotten yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AccountConfig, Environment, EnvironmentLayout } from '@credential-rotation/environment-config';
import { workloadProviderAlias } from '@credential-rotation/environment-config';
import type { TerraformStack } from 'cdktf';
import { App, TerraformProvider, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import type { AddAccountProvider } from './account-providers';
import type { EnvironmentStacks } from './environment-stacks';
import { addEnvironmentStacks } from './environment-stacks';
import { LayoutMoveError } from './errors';
import type { StateAttributes } from './import-ids';
import { importId } from './import-ids';
import { attachBackend } from './attach-backend';
import { RetiredStack } from './retired-stack';

/** The parts of a Terraform state file (`terraform state pull`, format 4) a move reads. */
export interface TerraformState {
  readonly version: number;
  readonly resources?: readonly {
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly module?: string;
    readonly instances: readonly { readonly attributes?: StateAttributes }[];
  }[];
}

export interface LayoutMove {
  /** The environment that moves; its config names the layout it moves to. */
  readonly environment: string;
  /** The layout its states are in now. */
  readonly from: EnvironmentLayout;
  /** Each current stack's state by stack name, as `terraform state pull` prints it. */
  readonly states: Readonly<Record<string, TerraformState>>;
}

/** What the move adds, for the runbook's review and the tests. */
export interface LayoutMovePlan {
  readonly imports: readonly { readonly stack: string; readonly address: string; readonly id: string }[];
  readonly removed: readonly { readonly stack: string; readonly address: string }[];
}

interface Placed {
  readonly stack: string;
  readonly resource: TerraformResource;
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly providerAlias: string | undefined;
  readonly region: string | undefined;
}

/**
 * Adds the move's `import` and `removed` blocks (and the stacks that only forget) to an app that
 * already holds the environment's stacks in the new layout.
 */
export function applyLayoutMove(
  app: Construct,
  environment: Environment,
  target: EnvironmentStacks,
  move: LayoutMove,
  lambdaZipPath: string,
): LayoutMovePlan {
  const { name, config } = environment;
  if (move.from === config.layout) {
    throw new LayoutMoveError(
      `${name}: the move is from ${move.from}, which is already the config's layout: set layout in environments/${name}/config.ts to the layout to move to`,
    );
  }
  const before = placedByStack(previousLayout(environment, move.from, lambdaZipPath));
  const after = placedByStack(target.all);

  const imports: { stack: string; address: string; id: string }[] = [];
  const importing = new Set<TerraformStack>();
  const problems: string[] = [];
  for (const stack of target.all) {
    const stayed = before.get(stack.node.id);
    for (const placed of after.get(stack.node.id)?.values() ?? []) {
      if (stayed?.has(placed.address) === true) continue;
      const origin = [...before.values()].flatMap((m) => m.get(placed.address) ?? []);
      const from = origin[0];
      if (from === undefined || origin.length > 1) {
        problems.push(
          `${stack.node.id}: ${placed.address} is in no stack of the ${move.from} layout: a move changes the layout only; apply config changes before or after it`,
        );
        continue;
      }
      try {
        const id = importId(
          placed.type,
          stateAttributes(move.states, from),
          placed.region !== undefined && placed.region !== config.region ? placed.region : undefined,
        );
        placed.resource.importFrom(id);
        imports.push({ stack: stack.node.id, address: placed.address, id });
        importing.add(stack);
      } catch (error) {
        if (!(error instanceof LayoutMoveError)) throw error;
        const problem = error.message.startsWith('resource type')
          ? error.message // once per type, not once per resource
          : `${from.stack}: ${from.address}: ${error.message}`;
        if (!problems.includes(problem)) problems.push(problem);
      }
    }
  }

  const removed: { stack: string; address: string }[] = [];
  const forgetting: TerraformStack[] = [];
  for (const [stackName, placedBefore] of before) {
    const kept = after.get(stackName);
    const gone = [...placedBefore.values()].filter((p) => kept?.has(p.address) !== true);
    if (gone.length === 0) continue;
    const stack = target.all.find((s) => s.node.id === stackName) ?? retire(app, environment, stackName);
    const addProvider = providerAdder(stack);
    const aliases = new Set(providerAliases(stack));
    for (const alias of new Set(gone.map((p) => p.providerAlias))) {
      // Terraform forgets a resource through the provider configuration its state names.
      if (alias !== undefined && !aliases.has(alias)) addProvider(alias, accountOf(environment, alias));
    }
    stack.addOverride(
      'removed',
      gone.map((p) => ({ from: p.address, lifecycle: { destroy: false } })),
    );
    removed.push(...gone.map((p) => ({ stack: stackName, address: p.address })));
    forgetting.push(stack);
  }
  if (problems.length > 0) {
    throw new LayoutMoveError(`${name}: the layout move cannot be planned:\n  ${problems.join('\n  ')}`);
  }
  for (const stack of forgetting) for (const dependency of importing) stack.addDependency(dependency);
  return { imports, removed };
}

/** The environment's stacks in the layout it moves from, in a scratch app that is never written. */
function previousLayout(
  environment: Environment,
  from: EnvironmentLayout,
  lambdaZipPath: string,
): readonly TerraformStack[] {
  const outdir = mkdtempSync(join(tmpdir(), 'layout-move-'));
  try {
    const scratch = new App({ outdir, skipValidation: true });
    return addEnvironmentStacks(
      scratch,
      { name: environment.name, config: { ...environment.config, layout: from } },
      { lambdaZipPath },
    ).all;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function placedByStack(stacks: readonly TerraformStack[]): Map<string, Map<string, Placed>> {
  return new Map(stacks.map((stack) => [stack.node.id, placedIn(stack)]));
}

function placedIn(stack: TerraformStack): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const construct of stack.node.findAll()) {
    if (!TerraformResource.isTerraformResource(construct)) continue;
    const resource = construct as TerraformResource;
    const type = resource.terraformResourceType;
    const name = resource.friendlyUniqueId;
    const body = (
      resource.toTerraform() as { resource: Record<string, Record<string, { region?: unknown }>> }
    ).resource[type]?.[name];
    const address = `${type}.${name}`;
    out.set(address, {
      stack: stack.node.id,
      resource,
      type,
      name,
      address,
      providerAlias: (resource.provider as AwsProvider | undefined)?.alias,
      region: typeof body?.region === 'string' ? body.region : undefined,
    });
  }
  return out;
}

function stateAttributes(states: LayoutMove['states'], placed: Placed): StateAttributes {
  const state = states[placed.stack];
  if (state === undefined) {
    throw new LayoutMoveError(
      `no state for stack ${placed.stack}: pull it (terraform state pull in cdktf.out/stacks/${placed.stack}) and list it in the move file`,
    );
  }
  const found = (state.resources ?? []).filter(
    (r) => r.mode === 'managed' && r.module === undefined && r.type === placed.type && r.name === placed.name,
  );
  const attributes = found[0]?.instances[0]?.attributes;
  if (found.length !== 1 || found[0]?.instances.length !== 1 || attributes === undefined) {
    throw new LayoutMoveError(
      `not in the pulled state of ${placed.stack} as one instance: apply the ${placed.stack} stack before moving it (a move imports only what exists)`,
    );
  }
  return attributes;
}

function retire(app: Construct, environment: Environment, stackName: string): RetiredStack {
  const stack = new RetiredStack(app, environment, stackName);
  attachBackend(stack, environment);
  return stack;
}

function providerAdder(stack: TerraformStack): AddAccountProvider {
  const adder = (stack as { addAccountProvider?: AddAccountProvider }).addAccountProvider;
  if (adder === undefined) {
    throw new LayoutMoveError(
      `${stack.node.id}: this stack cannot take the providers its removed blocks need`,
    );
  }
  return adder;
}

function providerAliases(stack: TerraformStack): string[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformProvider => c instanceof TerraformProvider)
    .flatMap((p) => (p.alias !== undefined ? [p.alias] : []));
}

function accountOf(environment: Environment, alias: string): AccountConfig {
  const { accounts } = environment.config;
  if (alias === 'management') return accounts.management;
  if (alias === 'security') return accounts.security;
  const workload = accounts.workloads.find((w) => workloadProviderAlias(w.name) === alias);
  if (workload === undefined)
    throw new LayoutMoveError(`${environment.name}: no account for provider ${alias}`);
  return workload;
}
