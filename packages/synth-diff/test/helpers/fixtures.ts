import { join } from 'node:path';
import { diffStackSets } from '../../src/diff-stacks';
import { loadStacks } from '../../src/load-stacks';
import type { AttributeChange, DiffReport, StackDiff } from '../../src/types';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Base and head synth output folders of one fixture case. */
export function fixture(name: string): { base: string; head: string } {
  return { base: join(FIXTURES, name, 'base'), head: join(FIXTURES, name, 'head') };
}

/** Loads and compares one fixture case. */
export function diffFixture(name: string): DiffReport {
  const { base, head } = fixture(name);
  return diffStackSets(loadStacks(base, '--base'), loadStacks(head, '--head'));
}

/** The one stack of a report with that name; fails the test when it is missing. */
export function stackOf(report: DiffReport, name: string): StackDiff {
  const stack = report.stacks.find((candidate) => candidate.stack === name);
  if (stack === undefined) {
    throw new Error(`stack ${name} missing from report: ${report.stacks.map((s) => s.stack).join(', ')}`);
  }
  return stack;
}

/** A report of one changed resource (an SSM parameter in stack dev) with these attribute changes. */
export function changedResourceReport(attributes: readonly AttributeChange[]): DiffReport {
  return {
    stacks: [
      {
        stack: 'dev',
        status: 'changed',
        counts: { added: 0, changed: 1, removed: 0, renamed: 0 },
        blocks: [
          {
            change: 'changed',
            kind: 'resource',
            address: 'aws_ssm_parameter.p',
            previousAddress: undefined,
            moved: false,
            type: 'aws_ssm_parameter',
            provider: 'aws',
            attributes: [...attributes],
            policies: [],
          },
        ],
      },
    ],
  };
}
