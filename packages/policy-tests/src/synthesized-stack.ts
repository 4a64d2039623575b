/**
 * Reads a synthesized stack (`cdktf.out/stacks/<env>/cdk.tf.json`) the way Terraform would:
 * each resource's account and region come from its provider alias, and `${type.name.attr}`
 * references are replaced by deterministic values built from the resources' own arguments.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StackNotSynthesizedError, UnresolvedReferenceError } from './errors';

export interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
  readonly assume_role?: readonly { readonly role_arn?: string }[];
}

export type ResourceBody = Readonly<Record<string, unknown>>;

export interface TerraformJson {
  readonly provider?: { readonly aws?: readonly ProviderBlock[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceBody>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, ResourceBody>>>>;
}

/** One resource with the account and region its provider puts it in. */
export interface StackResource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: ResourceBody;
  readonly accountId: string;
  readonly region: string;
  readonly providerAlias: string;
}

/** Repository root: three levels above this file (src/ or dist/ of packages/policy-tests). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Where `npm run synth` writes stacks. `POLICY_TESTS_CDKTF_OUT` points elsewhere (for example at
 * a stack synthesized by a test), otherwise `<repo>/cdktf.out`.
 */
export function cdktfOutDir(): string {
  return process.env['POLICY_TESTS_CDKTF_OUT'] ?? join(REPO_ROOT, 'cdktf.out');
}

export function stackFilePath(environment: string, outDir: string = cdktfOutDir()): string {
  return join(outDir, 'stacks', environment, 'cdk.tf.json');
}

/**
 * Loads and indexes an environment's synthesized stacks as one: the stack `<env>` and, in the
 * `stack-per-account` layout, its workload stacks `<env>-<workload>` (found in cdktf's
 * manifest.json by their dependency on `<env>`). Resource addresses and provider aliases are
 * unique across an environment's stacks (both layouts share construct ids), so the merged view
 * reads the SCPs from the organization stack and the secret, key and role policies from the
 * workload stacks exactly as a single stack would.
 *
 * @example const stack = loadSynthesizedStack('prod');
 */
export function loadSynthesizedStack(environment: string, outDir: string = cdktfOutDir()): SynthesizedStack {
  const file = stackFilePath(environment, outDir);
  const json = readStackJson(file);
  const workloadStacks = environmentWorkloadStacks(environment, outDir);
  if (workloadStacks.length === 0) return new SynthesizedStack(environment, file, json);
  const files = [file, ...workloadStacks.map((name) => stackFilePath(name, outDir))];
  const merged = mergeStacks(files.map((f) => ({ file: f, json: f === file ? json : readStackJson(f) })));
  return new SynthesizedStack(environment, files.join(' + '), merged);
}

/**
 * The workload stacks of an environment in the `stack-per-account` layout: stacks named
 * `<env>-...` that cdktf's manifest links to `<env>` by a dependency (either way round: a layout
 * move reverses it). Empty for a single stack or when there is no manifest.
 */
export function environmentWorkloadStacks(environment: string, outDir: string = cdktfOutDir()): string[] {
  const manifestFile = join(outDir, 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    stacks?: Record<string, { dependencies?: string[] }>;
  };
  const stacks = manifest.stacks ?? {};
  const own = stacks[environment]?.dependencies ?? [];
  return Object.entries(stacks)
    .filter(
      ([name, stack]) =>
        name.startsWith(`${environment}-`) &&
        ((stack.dependencies ?? []).includes(environment) || own.includes(name)),
    )
    .map(([name]) => name)
    .sort();
}

function readStackJson(file: string): TerraformJson {
  if (!existsSync(file)) {
    throw new StackNotSynthesizedError(
      `${file} does not exist: run \`npm run synth\` at the repository root first (the policy tests evaluate the synthesized stacks, not the sources)`,
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TerraformJson;
  } catch (error) {
    throw new StackNotSynthesizedError(`${file} is not valid JSON: synthesize again`, { cause: error });
  }
}

type Blocks = Readonly<Record<string, Readonly<Record<string, ResourceBody>>>>;

/** One environment's stacks as one Terraform JSON; an address or alias in two stacks is an error. */
function mergeStacks(stacks: readonly { file: string; json: TerraformJson }[]): TerraformJson {
  const providers = new Map<string, ProviderBlock>();
  const merge = (kind: 'resource' | 'data') => {
    const out: Record<string, Record<string, ResourceBody>> = {};
    const seen = new Map<string, string>();
    for (const { file, json } of stacks) {
      for (const [type, byName] of Object.entries((json[kind] ?? {}) as Blocks)) {
        for (const [name, body] of Object.entries(byName)) {
          const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
          const other = seen.get(address);
          if (other !== undefined) {
            throw new UnresolvedReferenceError(
              `${address} is in both ${other} and ${file}: addresses must be unique in an environment`,
            );
          }
          seen.set(address, file);
          (out[type] ??= {})[name] = body;
        }
      }
    }
    return out;
  };
  for (const { file, json } of stacks) {
    for (const block of json.provider?.aws ?? []) {
      const alias = block.alias ?? 'default';
      if (providers.has(alias)) {
        throw new UnresolvedReferenceError(
          `provider aws.${alias} is in two stacks of the environment (again in ${file})`,
        );
      }
      providers.set(alias, block);
    }
  }
  return { provider: { aws: [...providers.values()] }, resource: merge('resource'), data: merge('data') };
}

export class SynthesizedStack {
  private readonly providers = new Map<string, ProviderBlock>();
  private readonly byAddress = new Map<string, StackResource>();

  constructor(
    public readonly environment: string,
    public readonly file: string,
    public readonly json: TerraformJson,
  ) {
    for (const block of json.provider?.aws ?? [])
      this.providers.set(`aws.${block.alias ?? 'default'}`, block);
    for (const [kind, source] of [
      ['resource', json.resource],
      ['data', json.data],
    ] as const) {
      for (const [type, byName] of Object.entries(source ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          this.byAddress.set(address, this.locate(type, name, address, body));
        }
      }
    }
  }

  /** Every resource of a type (`aws_iam_role`), or data source when `data` is set. */
  resources(type: string, kind: 'resource' | 'data' = 'resource'): StackResource[] {
    const prefix = kind === 'data' ? `data.${type}.` : `${type}.`;
    return [...this.byAddress.values()].filter((r) => r.address.startsWith(prefix) && r.type === type);
  }

  resource(address: string): StackResource {
    const found = this.byAddress.get(address);
    if (found === undefined) throw new UnresolvedReferenceError(`${this.file}: no resource ${address}`);
    return found;
  }

  /** Provider aliases with the account each is pinned to. */
  providerAccounts(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [alias, block] of this.providers) {
      const account = block.allowed_account_ids?.[0];
      if (account !== undefined) out.set(alias, account);
    }
    return out;
  }

  /**
   * A string as Terraform would send it: references resolved, `$${` unescaped to `${`.
   *
   * @example stack.resolve(role.body['assume_role_policy'] as string)
   */
  resolve(text: string): string {
    return text.replace(/(\$?)\$\{([^}]*)\}/g, (whole, escape: string, expression: string) => {
      if (escape === '$') return whole.slice(1);
      return this.evaluate(expression.trim());
    });
  }

  /** The value of `type.name.attribute` (or `data.type.name.attribute`). */
  evaluate(expression: string): string {
    const parts = expression.split('.');
    const isData = parts[0] === 'data';
    const [type, name, attribute, ...rest] = isData ? parts.slice(1) : parts;
    if (type === undefined || name === undefined || attribute === undefined || rest.length > 0) {
      throw new UnresolvedReferenceError(
        `${this.file}: \${${expression}} is not a plain attribute reference; policies must be literal JSON with at most type.name.attribute references`,
      );
    }
    const resource = this.resource(isData ? `data.${type}.${name}` : `${type}.${name}`);
    const value = attributeOf(resource, attribute, this);
    if (value === undefined) {
      throw new UnresolvedReferenceError(
        `${this.file}: cannot resolve \${${expression}}: teach attributeOf() in packages/policy-tests/src/synthesized-stack.ts how ${type}.${attribute} is formed`,
      );
    }
    return value;
  }

  private locate(type: string, name: string, address: string, body: ResourceBody): StackResource {
    const providerAlias = typeof body['provider'] === 'string' ? body['provider'] : 'aws.default';
    const provider = this.providers.get(providerAlias);
    const accountId = provider?.allowed_account_ids?.[0] ?? 'unknown';
    const region = typeof body['region'] === 'string' ? body['region'] : (provider?.region ?? 'unknown');
    return { type, name, address, body, accountId, region, providerAlias };
  }
}

/** A stable fake id: the same resource always gets the same id, so ARNs are reproducible. */
export function stableId(seed: string, length = 32): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function uuidFrom(seed: string): string {
  const h = stableId(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const PARTITION = 'aws';

/** How AWS forms each attribute the stacks reference; undefined when unknown. */
function attributeOf(r: StackResource, attribute: string, stack: SynthesizedStack): string | undefined {
  const b = r.body;
  const str = (key: string): string | undefined => {
    const v = b[key];
    return typeof v === 'string' ? stack.resolve(v) : undefined;
  };
  const { accountId: account, region } = r;
  switch (r.type) {
    case 'aws_iam_role': {
      const name = str('name');
      if (name === undefined) return undefined;
      const path = str('path') ?? '/';
      return { arn: `arn:${PARTITION}:iam::${account}:role${path}${name}`, name, id: name }[attribute];
    }
    case 'aws_iam_policy': {
      const name = str('name');
      if (name === undefined) return undefined;
      const arn = `arn:${PARTITION}:iam::${account}:policy${str('path') ?? '/'}${name}`;
      return { arn, id: arn, name }[attribute];
    }
    case 'aws_kms_key':
    case 'aws_kms_replica_key': {
      const primary = r.type === 'aws_kms_replica_key' ? primaryKeyOf(r, stack) : r;
      const multiRegion = primary.body['multi_region'] === true || r.type === 'aws_kms_replica_key';
      const keyId = multiRegion ? `mrk-${stableId(primary.address)}` : uuidFrom(primary.address);
      return { arn: `arn:${PARTITION}:kms:${region}:${account}:key/${keyId}`, key_id: keyId, id: keyId }[
        attribute
      ];
    }
    case 'aws_kms_alias': {
      const name = str('name');
      return name === undefined
        ? undefined
        : { arn: `arn:${PARTITION}:kms:${region}:${account}:${name}`, name }[attribute];
    }
    case 'aws_secretsmanager_secret': {
      const name = str('name');
      if (name === undefined) return undefined;
      const arn = `arn:${PARTITION}:secretsmanager:${region}:${account}:secret:${name}-${suffixFor(r.address)}`;
      return { arn, id: arn, name }[attribute];
    }
    case 'aws_secretsmanager_secret_version': {
      // Secrets Manager version ids are UUIDs; the secret policies pin the metadata version's.
      const versionId = uuidFrom(r.address);
      return { version_id: versionId, id: `${str('secret_id') ?? ''}|${versionId}` }[attribute];
    }
    case 'aws_lambda_function': {
      const name = str('function_name');
      if (name === undefined) return undefined;
      const arn = `arn:${PARTITION}:lambda:${region}:${account}:function:${name}`;
      return {
        arn,
        id: name,
        function_name: name,
        qualified_arn: `${arn}:$LATEST`,
        invoke_arn: `arn:${PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
      }[attribute];
    }
    case 'aws_sns_topic': {
      const name = str('name');
      if (name === undefined) return undefined;
      const arn = `arn:${PARTITION}:sns:${region}:${account}:${name}`;
      return { arn, id: arn, name }[attribute];
    }
    case 'aws_cloudwatch_log_group': {
      const name = str('name');
      if (name === undefined) return undefined;
      return { arn: `arn:${PARTITION}:logs:${region}:${account}:log-group:${name}`, name, id: name }[
        attribute
      ];
    }
    case 'aws_cloudwatch_event_bus': {
      const name = str('name');
      if (name === undefined) return undefined;
      return { arn: `arn:${PARTITION}:events:${region}:${account}:event-bus/${name}`, name, id: name }[
        attribute
      ];
    }
    case 'aws_cloudwatch_event_rule': {
      const name = str('name');
      if (name === undefined) return undefined;
      const bus = str('event_bus_name');
      const arn = `arn:${PARTITION}:events:${region}:${account}:rule/${bus !== undefined && bus !== 'default' ? `${bus}/` : ''}${name}`;
      return { arn, name, id: name }[attribute];
    }
    case 'aws_organizations_policy': {
      const id = `p-${stableId(r.address, 8)}`;
      return { id, arn: `arn:${PARTITION}:organizations::${account}:policy/o-example/${id}` }[attribute];
    }
    case 'aws_security_group':
      return { id: `sg-${stableId(r.address, 17)}` }[attribute];
    case 'aws_caller_identity':
      return { account_id: account, id: account }[attribute];
    case 'aws_partition':
      return { partition: PARTITION, dns_suffix: 'amazonaws.com' }[attribute];
    case 'aws_region':
      return { name: region, region, id: region }[attribute];
    default:
      return attribute === 'id' ? `${r.type}-${stableId(r.address, 12)}` : undefined;
  }
}

function primaryKeyOf(replica: StackResource, stack: SynthesizedStack): StackResource {
  const ref = String(replica.body['primary_key_arn'] ?? '');
  const match = /^\$\{(aws_kms_key\.[^.]+)\.arn\}$/.exec(ref);
  if (match?.[1] === undefined) {
    throw new UnresolvedReferenceError(
      `${replica.address}: primary_key_arn must reference an aws_kms_key of the stack`,
    );
  }
  return stack.resource(match[1]);
}

/** Secrets Manager appends six random characters to a secret's ARN. */
function suffixFor(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const hex = stableId(seed, 12);
  let out = '';
  for (let i = 0; i < 6; i += 1) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}
