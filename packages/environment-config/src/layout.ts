/**
 * How an environment is cut into Terraform stacks, and what those stacks are called. The stack
 * names are a contract like resource names: each is a Terraform Cloud workspace and a state.
 */

/**
 * - `single-stack`: one stack spans every account of the environment (a handful of accounts).
 * - `stack-per-account`: one organization stack plus one stack per workload account, so a change in
 *   one account plans, locks and applies one state (large organizations; docs/infra/layouts.md).
 */
export const ENVIRONMENT_LAYOUTS = ['single-stack', 'stack-per-account'] as const;

/**
 * The stack that holds the organization-level resources, and in `single-stack` everything: the
 * environment's own name, so `cdktf deploy prod` keeps meaning what it meant before layouts.
 *
 * @example organizationStackName('prod') // 'prod'
 */
export function organizationStackName(environment: string): string {
  return environment;
}

/**
 * The stack of one workload account in `stack-per-account`: `<env>-<workload>`, so
 * `cdktf deploy 'prod*'` selects the whole environment.
 *
 * @example workloadStackName('prod', 'payments') // 'prod-payments'
 */
export function workloadStackName(environment: string, workloadName: string): string {
  return `${environment}-${workloadName}`;
}

/** The stacks an environment synthesizes to, organization stack first. */
export function environmentStackNames(
  environment: string,
  config: {
    readonly layout: (typeof ENVIRONMENT_LAYOUTS)[number];
    readonly accounts: { readonly workloads: readonly { readonly name: string }[] };
  },
): string[] {
  const organization = organizationStackName(environment);
  if (config.layout === 'single-stack') return [organization];
  return [organization, ...config.accounts.workloads.map((w) => workloadStackName(environment, w.name))];
}

/**
 * One line per stack name two environments would both synthesize (environment `prod` with workload
 * `eu` in stack-per-account and an environment folder `prod-eu`): they would share a state.
 */
export function stackNameCollisions(
  environments: readonly { readonly name: string; readonly stackNames: readonly string[] }[],
): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const { name, stackNames } of environments) {
    for (const stack of stackNames) {
      const other = owner.get(stack);
      if (other === undefined) owner.set(stack, name);
      else
        problems.push(
          `${name}: stack "${stack}" is also a stack of environment ${other}: rename the environment folder or the workload (stack-per-account names workload stacks <env>-<workload>)`,
        );
    }
  }
  return problems;
}
