import { collectBlocks, collectMoves } from './collect-blocks';
import { diffBodies } from './diff-attributes';
import { canonicalJson } from './policy-document';
import type {
  BlockDiff,
  DiffCounts,
  DiffReport,
  JsonObject,
  StackDiff,
  StackSet,
  SynthBlock,
  SynthStack,
} from './types';

/**
 * Compares two sets of synthesized stacks. Stacks are paired by name; two single stack folders are
 * paired with each other whatever their names.
 *
 * @example
 * const report = diffStackSets(loadStacks('base/cdktf.out', '--base'), loadStacks('cdktf.out', '--head'));
 */
export function diffStackSets(base: StackSet, head: StackSet): DiffReport {
  if (base.single && head.single) {
    const [before] = base.stacks.values();
    const [after] = head.stacks.values();
    if (before !== undefined && after !== undefined) {
      return { stacks: [diffStacks(after.name, before, after)] };
    }
  }
  const names = [...head.stacks.keys()];
  for (const name of base.stacks.keys()) {
    if (!head.stacks.has(name)) {
      names.push(name);
    }
  }
  return { stacks: names.map((name) => diffStacks(name, base.stacks.get(name), head.stacks.get(name))) };
}

/**
 * Compares one stack. A removed block and an added block of the same type are reported as one rename
 * when a `moved` block links them or their bodies are identical.
 *
 * @param name stack name for the report
 * @param base the stack on the base side; undefined when the stack is new
 * @param head the stack on the head side; undefined when the stack was removed
 */
export function diffStacks(
  name: string,
  base: SynthStack | undefined,
  head: SynthStack | undefined,
): StackDiff {
  const oldBlocks = base === undefined ? new Map<string, SynthBlock>() : collectBlocks(base.document);
  const newBlocks = head === undefined ? new Map<string, SynthBlock>() : collectBlocks(head.document);
  const moves = head === undefined ? new Map<string, string>() : collectMoves(head.document);
  const blocks: BlockDiff[] = [];

  const removed = [...oldBlocks.values()].filter((block) => !newBlocks.has(block.address));
  const added = [...newBlocks.values()].filter((block) => !oldBlocks.has(block.address));

  for (const previous of [...removed]) {
    const movedTo = moves.get(previous.address);
    const byMove = movedTo === undefined ? undefined : added.find((block) => block.address === movedTo);
    const byBody =
      byMove ??
      added.find(
        (block) =>
          block.kind === previous.kind && block.type === previous.type && sameBody(block.body, previous.body),
      );
    if (byBody === undefined) {
      continue;
    }
    removed.splice(removed.indexOf(previous), 1);
    added.splice(added.indexOf(byBody), 1);
    const { attributes, policies } = diffBodies(previous.body, byBody.body);
    blocks.push(
      blockDiff('renamed', byBody, {
        previousAddress: previous.address,
        moved: byMove !== undefined,
        attributes,
        policies,
      }),
    );
  }

  for (const [address, next] of newBlocks) {
    const previous = oldBlocks.get(address);
    if (previous === undefined || sameBody(previous.body, next.body)) {
      continue;
    }
    const { attributes, policies } = diffBodies(previous.body, next.body);
    // Only the key order or spacing of a policy changed: the provider treats such documents as equal.
    if (attributes.length > 0 || policies.length > 0) {
      blocks.push(blockDiff('changed', next, { attributes, policies }));
    }
  }
  for (const block of added) {
    blocks.push(blockDiff('added', block, diffBodies(undefined, block.body)));
  }
  for (const block of removed) {
    blocks.push(blockDiff('removed', block, diffBodies(block.body, undefined)));
  }

  blocks.sort(compareBlocks);
  const status =
    head === undefined
      ? 'removed'
      : base === undefined
        ? 'added'
        : blocks.length === 0
          ? 'unchanged'
          : 'changed';
  return { stack: name, status, counts: count(blocks), blocks };
}

function blockDiff(
  change: BlockDiff['change'],
  block: SynthBlock,
  details: Partial<Pick<BlockDiff, 'previousAddress' | 'moved' | 'attributes' | 'policies'>>,
): BlockDiff {
  return {
    change,
    kind: block.kind,
    address: block.address,
    previousAddress: details.previousAddress,
    moved: details.moved ?? false,
    type: block.type,
    provider: block.provider,
    attributes: details.attributes ?? [],
    policies: details.policies ?? [],
  };
}

const KIND_ORDER: readonly BlockDiff['kind'][] = [
  'resource',
  'data',
  'provider',
  'variable',
  'output',
  'terraform',
];

/** Resources first, then data sources, providers, input variables, outputs and settings; by type, then name. */
function compareBlocks(a: BlockDiff, b: BlockDiff): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    a.type.localeCompare(b.type, 'en') ||
    a.address.localeCompare(b.address, 'en', { numeric: true })
  );
}

function sameBody(a: JsonObject, b: JsonObject): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function count(blocks: readonly BlockDiff[]): DiffCounts {
  const counts = { added: 0, changed: 0, removed: 0, renamed: 0 };
  for (const block of blocks) {
    counts[block.change] += 1;
  }
  return counts;
}
