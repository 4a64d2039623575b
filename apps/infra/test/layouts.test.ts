import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedEnvironments } from './helpers';
import { addresses, readStack, stackDependencies, synthTo, withLayout } from './layout-helpers';

const shipped = shippedEnvironments();

describe.each(shipped.map((e) => [e.name, e] as const))(
  'stack-per-account layout of %s',
  (name, environment) => {
    const { config } = environment;
    let outdir: string;
    let single: string;
    beforeAll(() => {
      const work = mkdtempSync(join(tmpdir(), 'layouts-'));
      outdir = join(work, 'per-account');
      single = join(work, 'single');
      synthTo(outdir, [withLayout(environment, 'stack-per-account')]);
      synthTo(single, [withLayout(environment, 'single-stack')]);
    });
    afterAll(() => rmSync(join(outdir, '..'), { recursive: true, force: true }));
    const workloadStacks = () => config.accounts.workloads.map((w) => [w, `${name}-${w.name}`] as const);

    it('gives the organization stack the management and security providers only, and no outputs', () => {
      const organization = readStack(outdir, name);
      expect(organization.provider.aws.map((p) => [p.alias, p.allowed_account_ids])).toEqual([
        ['management', [config.accounts.management.accountId]],
        ['security', [config.accounts.security.accountId]],
      ]);
      expect(organization.output).toBeUndefined();
    });

    it("gives each workload stack its own account's provider only", () => {
      for (const [workload, stack] of workloadStacks()) {
        expect(readStack(outdir, stack).provider.aws.map((p) => [p.alias, p.allowed_account_ids])).toEqual([
          [`workload-${workload.name}`, [workload.accountId]],
        ]);
      }
    });

    it('reads nothing from another stack: no remote state, no cross-stack outputs', () => {
      for (const stack of [name, ...workloadStacks().map(([, s]) => s)]) {
        const json = readStack(outdir, stack);
        // The only data sources: the organization stack's read of its own OUs' accounts.
        expect(Object.keys(json.data ?? {})).toEqual(
          stack === name ? ['aws_organizations_organizational_unit_descendant_accounts'] : [],
        );
        expect(JSON.stringify(json)).not.toMatch(/terraform_remote_state|cross-stack-output/);
      }
    });

    it('deploys every workload stack after the organization stack', () => {
      expect(stackDependencies(outdir)).toEqual({
        [name]: [],
        ...Object.fromEntries(workloadStacks().map(([, stack]) => [stack, [name]])),
      });
    });

    it('gives each stack its own state: workspace <workspace>-<workload>, or a local file named after it', () => {
      for (const [, stack] of workloadStacks()) {
        const { terraform } = readStack(outdir, stack);
        const base = config.terraformCloud?.workspace ?? `credential-rotation-${name}`;
        if (config.terraformCloud !== undefined) {
          expect(terraform.cloud?.workspaces.name).toBe(`${base}${stack.slice(name.length)}`);
        } else {
          expect(terraform.backend).toEqual({ local: { path: `terraform.${stack}.tfstate` } });
        }
      }
    });

    it('holds exactly the single stack resources, at the same addresses, with the same arguments', () => {
      // The metadata path names the stack; the reader role's depends_on on the central role becomes
      // the stack dependency (the next test). Everything else must be equal.
      const strip = (body: Record<string, unknown>, address: string) => {
        const { ['//']: _metadata, ...rest } = body;
        if (address.includes('_BreakGlassReader-')) delete rest['depends_on'];
        return rest;
      };
      const singleStack = readStack(single, name);
      const merged: Record<string, Record<string, unknown>> = {};
      for (const stack of [name, ...workloadStacks().map(([, s]) => s)]) {
        const json = readStack(outdir, stack);
        for (const [type, byName] of Object.entries(json.resource ?? {}))
          for (const [id, body] of Object.entries(byName)) {
            expect(merged[`${type}.${id}`]).toBeUndefined();
            merged[`${type}.${id}`] = strip(body, `${type}.${id}`);
          }
      }
      expect(Object.keys(merged).sort()).toEqual(addresses(singleStack).sort());
      for (const [type, byName] of Object.entries(singleStack.resource ?? {}))
        for (const [id, body] of Object.entries(byName))
          expect(merged[`${type}.${id}`]).toEqual(strip(body, `${type}.${id}`));
    });

    it('orders the reader role after the central role by stack dependency only (IAM needs the principal)', () => {
      for (const [workload, stack] of workloadStacks()) {
        const roles = readStack(outdir, stack).resource?.['aws_iam_role'] ?? {};
        const reader = Object.entries(roles).find(([id]) =>
          id.includes(`BreakGlassReader-${workload.name}_`),
        );
        expect(reader?.[1]['depends_on']).toBeUndefined();
        expect(String(reader?.[1]['assume_role_policy'])).toContain(
          `:role/breakglass/${name}-breakglass-central`,
        );
      }
    });
  },
);
