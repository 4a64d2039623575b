import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The parts of a workflow the rules read. */
export interface Workflow {
  readonly on?: unknown;
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

export interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly outputs?: Record<string, string>;
  readonly strategy?: {
    readonly matrix?: unknown;
    readonly 'max-parallel'?: number;
    readonly 'fail-fast'?: boolean;
  };
  readonly concurrency?: unknown;
  readonly with?: Record<string, unknown>;
  readonly environment?: unknown;
  readonly env?: Record<string, unknown>;
  readonly secrets?: unknown;
  readonly uses?: string;
  readonly steps?: Step[];
}

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, unknown>;
  readonly with?: Record<string, unknown>;
}

/** Steps that may call Terraform Cloud with the token: HashiCorp's pinned TFC actions. */
const TFC_ACTION = /^hashicorp\/tfc-workflows-github\/actions\/[\w-]+@/;

/** Whether the token exists, which steps may ask without holding it. */
const PRESENCE_CHECK = /secrets\.TF_API_TOKEN\s*!=\s*''/g;

/**
 * A `run:` script that executes repository code: a script file by path, an interpreter or package
 * runner (which loads code from the checkout), or `source`.
 */
const RUNS_REPOSITORY_CODE =
  /(^|[\s;&|(])(bash|sh|zsh|node|npm|npx|tsx|python3?|pip|make|source|\.)\s+(?!-c\b)\S|(^|[\s;&|(])\.{0,2}\/[\w.-]+\/|\.github\/|\.ci\//m;

/** Reads every workflow file of a folder, by file name. */
export function readWorkflows(dir: string): Map<string, Workflow> {
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
      .sort()
      .map((name) => [name, parse(readFileSync(join(dir, name), 'utf8')) as Workflow]),
  );
}

/** Whether a value (a step, an env block) reads the token itself, a presence check aside. */
export function readsToken(value: unknown): boolean {
  return (JSON.stringify(value ?? null) ?? '').replace(PRESENCE_CHECK, '').includes('secrets.TF_API_TOKEN');
}

/**
 * Where the Terraform Cloud token may leak, one finding per place: workflow- or job-level env,
 * `secrets: inherit` or any secret passed to a reusable workflow, a step that holds it but is not a
 * Terraform Cloud action or a self-contained `run:` script, a step that holds it and runs repository
 * code, a step that passes it as an input (Docker actions get inputs as arguments), and a job that
 * holds it without being bound to an environment.
 */
export function tokenFindings(file: string, workflow: Workflow): string[] {
  const findings: string[] = [];
  if (readsToken(workflow.env)) {
    findings.push(`${file}: workflow-level env holds the token`);
  }
  for (const [id, job] of Object.entries(workflow.jobs)) {
    const where = `${file}#${id}`;
    if (job.secrets !== undefined) {
      findings.push(`${where}: passes secrets to a reusable workflow (${JSON.stringify(job.secrets)})`);
    }
    if (readsToken(job.env)) {
      findings.push(`${where}: job-level env holds the token`);
    }
    const holders = (job.steps ?? []).filter(readsToken);
    if (holders.length > 0 && typeof job.environment !== 'string') {
      findings.push(`${where}: holds the token without an environment`);
    }
    for (const step of holders) {
      const name = `${where} step ${step.id ?? step.name ?? step.uses ?? '?'}`;
      if (step.uses !== undefined && !TFC_ACTION.test(step.uses)) {
        findings.push(`${name}: ${step.uses} is not a Terraform Cloud action`);
      }
      if (step.run !== undefined && RUNS_REPOSITORY_CODE.test(step.run)) {
        findings.push(`${name}: runs repository code`);
      }
      if (readsToken(step.with)) {
        // A Docker action gets its inputs as arguments: the token would be on a command line.
        findings.push(`${name}: passes the token as an input, not in the step env`);
      }
    }
  }
  return findings;
}

/** `workflow#job step` for every step that holds the token. */
export function tokenHolders(file: string, workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? [])
      .filter(readsToken)
      .map(
        (step) => `${file}#${id} ${step.id ?? step.name ?? step.uses ?? '?'} -> ${String(job.environment)}`,
      ),
  );
}
