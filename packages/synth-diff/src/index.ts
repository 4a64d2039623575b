export {
  changedStacks,
  type ChangedStack,
  type ChangedStacks,
  type EnvironmentStacks,
  type StackRole,
} from './changed-stacks';
export { runCli, type CliIo } from './cli';
export { collectBlocks, collectMoves } from './collect-blocks';
export { diffBodies, type BodyDiff } from './diff-attributes';
export { diffPolicy } from './diff-policy';
export { diffStackSets, diffStacks } from './diff-stacks';
export { StackLoadError, SynthDiffUsageError } from './errors';
export { diffJson, jsonLeaves, parseJsonDocument, type JsonChange } from './json-diff';
export { loadStacks } from './load-stacks';
export { parsePolicy, type ParsedPolicy } from './policy-document';
export { looksSecret, mustRedact } from './redact';
export { renderMarkdown, stackSummary, type RenderMarkdownOptions } from './render-markdown';
export { changedSpan, type ChangedSpan } from './text-span';
export type * from './types';
