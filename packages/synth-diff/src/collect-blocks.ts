import type { BlockKind, JsonObject, JsonValue, SynthBlock } from './types';

/** cdktf stores construct metadata under `//`; it is not configuration and never differs meaningfully. */
const METADATA_KEY = '//';

/**
 * Flattens a `cdk.tf.json` document into addressable blocks: resources, data sources, provider
 * configurations, input variables, outputs and the `terraform` settings (backend, cloud, required
 * providers).
 *
 * @example
 * const blocks = collectBlocks(stack.document); // Map { 'aws_iam_role.reader' => {...}, ... }
 */
export function collectBlocks(document: JsonObject): Map<string, SynthBlock> {
  const blocks = new Map<string, SynthBlock>();
  const add = (block: SynthBlock): void => {
    blocks.set(block.address, block);
  };

  for (const [kind, prefix] of [
    ['resource', ''],
    ['data', 'data.'],
  ] as const) {
    for (const [type, byName] of entries(document[kind])) {
      for (const [name, rawBody] of entries(byName)) {
        const body = stripMetadata(asObject(rawBody));
        add({
          kind,
          address: `${prefix}${type}.${name}`,
          type,
          name,
          provider: typeof body.provider === 'string' ? body.provider : defaultProvider(type),
          body,
        });
      }
    }
  }

  for (const [providerName, configs] of entries(document.provider)) {
    const list = Array.isArray(configs) ? configs : [configs];
    for (const config of list) {
      const body = stripMetadata(asObject(config));
      const alias = typeof body.alias === 'string' ? body.alias : undefined;
      const address = alias === undefined ? `provider.${providerName}` : `provider.${providerName}.${alias}`;
      add(
        block('provider', address, providerName, alias ?? 'default', address.slice('provider.'.length), body),
      );
    }
  }

  // An input variable matters to reviewers: a workspace must supply it (or Terraform Cloud does).
  for (const [name, variable] of entries(document.variable)) {
    add(block('variable', `var.${name}`, 'variable', name, undefined, stripMetadata(asObject(variable))));
  }

  for (const [name, output] of entries(document.output)) {
    add(block('output', `output.${name}`, 'output', name, undefined, stripMetadata(asObject(output))));
  }

  const settings = stripMetadata(asObject(document.terraform ?? {}));
  if (Object.keys(settings).length > 0) {
    add(block('terraform', 'terraform', 'terraform', 'terraform', undefined, settings));
  }
  return blocks;
}

/**
 * Reads the `moved` blocks of a document as `from -> to` address pairs (how cdktf's `moveTo` and
 * `moveFromId` reach Terraform).
 */
export function collectMoves(document: JsonObject): Map<string, string> {
  const moves = new Map<string, string>();
  const moved = document.moved;
  for (const entry of Array.isArray(moved) ? moved : []) {
    const { from, to } = asObject(entry);
    if (typeof from === 'string' && typeof to === 'string') {
      moves.set(from, to);
    }
  }
  return moves;
}

/** Removes `//` metadata keys at every depth. */
export function stripMetadata(value: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== METADATA_KEY) {
      result[key] = stripValue(child);
    }
  }
  return result;
}

function stripValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map(stripValue);
  }
  if (value !== null && typeof value === 'object') {
    return stripMetadata(value);
  }
  return value;
}

function block(
  kind: BlockKind,
  address: string,
  type: string,
  name: string,
  provider: string | undefined,
  body: JsonObject,
): SynthBlock {
  return { kind, address, type, name, provider, body };
}

/** A resource without a `provider` argument uses the default configuration named by its type prefix. */
function defaultProvider(type: string): string {
  const underscore = type.indexOf('_');
  return underscore === -1 ? type : type.slice(0, underscore);
}

function entries(value: JsonValue | undefined): [string, JsonValue][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

function asObject(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
