import { statementKey, type ParsedPolicy } from './policy-document';
import type { NormalizedStatement, PolicyChange, StatementChange } from './types';

/**
 * Compares two policy documents statement by statement. Statements are paired by `Sid`; statements
 * without one are paired by identical content, then by identical Effect and actions (a changed
 * resource or condition); whatever is left is added or removed.
 *
 * @param path attribute holding the policy, for the report
 * @param before policy on the base side (undefined when the attribute is new)
 * @param after policy on the head side (undefined when the attribute was removed)
 */
export function diffPolicy(
  path: string,
  before: ParsedPolicy | undefined,
  after: ParsedPolicy | undefined,
): PolicyChange {
  const oldStatements = [...(before?.statements ?? [])];
  const newStatements = [...(after?.statements ?? [])];
  const changes: StatementChange[] = [];

  // 1. Pair by Sid.
  for (const next of [...newStatements]) {
    if (next.Sid === undefined) {
      continue;
    }
    const previous = oldStatements.find((candidate) => candidate.Sid === next.Sid);
    if (previous !== undefined) {
      take(oldStatements, previous);
      take(newStatements, next);
      if (statementKey(previous) !== statementKey(next)) {
        changes.push({ change: 'changed', sid: next.Sid, before: previous, after: next });
      }
    }
  }
  // 2. Identical content (unchanged statements that merely moved within the list).
  for (const next of [...newStatements]) {
    const previous = oldStatements.find((candidate) => statementKey(candidate) === statementKey(next));
    if (previous !== undefined) {
      take(oldStatements, previous);
      take(newStatements, next);
    }
  }
  // 3. Same Effect and actions, no Sid on either side: the same statement with other resources or conditions.
  for (const next of [...newStatements]) {
    const previous = oldStatements.find(
      (candidate) =>
        candidate.Sid === undefined && next.Sid === undefined && shapeKey(candidate) === shapeKey(next),
    );
    if (previous !== undefined) {
      take(oldStatements, previous);
      take(newStatements, next);
      changes.push({ change: 'changed', sid: undefined, before: previous, after: next });
    }
  }
  for (const previous of oldStatements) {
    changes.push({ change: 'removed', sid: previous.Sid, before: previous, after: undefined });
  }
  for (const next of newStatements) {
    changes.push({ change: 'added', sid: next.Sid, before: undefined, after: next });
  }

  const version =
    before !== undefined && after !== undefined && before.version !== after.version
      ? { before: before.version, after: after.version }
      : undefined;
  return { path, statements: changes, version };
}

function shapeKey(statement: NormalizedStatement): string {
  return JSON.stringify([statement.Effect, statement.Action ?? null, statement.NotAction ?? null]);
}

function take(list: NormalizedStatement[], item: NormalizedStatement): void {
  list.splice(list.indexOf(item), 1);
}
