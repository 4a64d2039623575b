import { renderMarkdown } from '../src/render-markdown';
import { changedResourceReport, diffFixture } from './helpers/fixtures';

describe('renderMarkdown', () => {
  it('summarizes every stack, with "no changes" for an unchanged one', () => {
    const markdown = renderMarkdown(diffFixture('example'));
    expect(markdown).toContain('## Synth diff');
    expect(markdown).toContain('| `dev` | 1 added, 2 changed, 1 removed, 1 renamed |');
    expect(markdown).toContain('| `staging` | no changes |');
    expect(markdown).toContain('| `prod` | 1 changed |');
    expect(markdown).toContain('### Stack `staging`: no changes');
  });

  it('prints a changed SCP statement with its added action and allow-listed principal', () => {
    const markdown = renderMarkdown(diffFixture('policy-change'));
    const scp = section(markdown, '#### changed `aws_organizations_policy.secrets_scp`');
    expect(scp).toContain('(provider `aws.management`)');
    expect(scp).toContain('**Policy `content`**: statements 1 changed');
    expect(scp).toContain('- **changed** statement `DenySecretValueOutsideAllowList`');
    expect(scp).toContain('  - Effect: `Deny` (unchanged)');
    expect(scp).toContain('  - Action: added `secretsmanager:BatchGetSecretValue`');
    expect(scp).toContain(
      '  - Condition: added `ArnNotLike aws:PrincipalArn: arn:aws:iam::*:role/break-glass/reader-*`',
    );
    // The untouched statement is not repeated.
    expect(scp).not.toContain('ProtectAllowListedRolePaths');
  });

  it('prints trust, inline and resource policy statements with Principal, Resource and Condition', () => {
    const markdown = renderMarkdown(diffFixture('policy-change'));
    const trust = section(markdown, '#### changed `aws_iam_role.break_glass_reader`');
    expect(trust).toContain('| `max_session_duration` | `3600` | `7200` |');
    expect(trust).toContain('**Policy `assume_role_policy`**');
    expect(trust).toContain('added `Null sts:SourceIdentity: false`, `StringLike aws:RequestTag/reason: ?*`');

    const inline = section(markdown, '#### changed `aws_iam_role_policy.reader_read`');
    expect(inline).toContain('**Policy `policy`**: statements 1 changed, 1 removed');
    expect(inline).toContain(
      '  - Resource: added `arn:aws:secretsmanager:eu-west-1:111111111111:secret:dev/orders/*`; removed `arn:aws:secretsmanager:eu-west-1:111111111111:secret:dev/*`',
    );
    expect(inline).toMatch(
      /- \*\*removed\*\* statement \(no Sid, Allow\)\n {2}- Effect: `Allow`\n {2}- Action: `kms:Decrypt`/,
    );

    const resourcePolicy = section(markdown, '#### changed `aws_secretsmanager_secret_policy.orders`');
    expect(resourcePolicy).toContain('- **added** statement `AllowRotationFunction`');
    expect(resourcePolicy).toContain('  - Principal: `Service: lambda.amazonaws.com`');
  });

  it('shows a rename as one line and warns when no moved block keeps the object', () => {
    const markdown = renderMarkdown(diffFixture('rename'));
    expect(markdown).toContain(
      '| renamed | `aws_secretsmanager_secret.orders_app` → `aws_secretsmanager_secret.orders_application` | `aws.workload` |',
    );
    expect(markdown).toContain(
      'Without a `moved` block Terraform destroys the old object and creates a new one.',
    );
    expect(section(markdown, '#### renamed `aws_secretsmanager_secret.billing`')).toContain(
      'a `moved` block keeps the existing object.',
    );
    expect(markdown).not.toMatch(/\| (added|removed) \|/);
  });

  it('says "no changes" for an unchanged stack and lists nothing else', () => {
    const markdown = renderMarkdown(diffFixture('unchanged'));
    expect(markdown).toContain('### Stack `staging`: no changes');
    expect(markdown).not.toContain('| Change |');
  });

  it('lists added and removed resources and stacks', () => {
    const markdown = renderMarkdown(diffFixture('added-removed'));
    expect(markdown).toContain('| added | `aws_cloudwatch_metric_alarm.rotation_failed` | `aws.workload` |');
    expect(markdown).toContain('| removed | `aws_sns_topic.rotation_alerts` | `aws.workload` |');
    expect(markdown).toContain('| `qa` | stack added (4 added) |');
    expect(markdown).toContain('| `legacy` | stack removed (4 removed) |');
    expect(markdown).toContain('**The whole stack is gone from the head commit.**');
    // A new stack's policies are shown statement by statement too.
    expect(section(markdown, '#### added `aws_iam_role.rotation`')).toContain(
      '  - Principal: `Service: lambda.amazonaws.com`',
    );
  });

  it('cuts long values and long documents', () => {
    const report = diffFixture('example');
    const short = renderMarkdown(report, { maxLength: 600 });
    expect(short.length).toBeLessThanOrEqual(600);
    expect(short).toContain('Output cut to fit a comment');
    expect(renderMarkdown(report, { title: '' })).not.toMatch(/^## /m);
  });

  it('shows the changed part of a long value with context, even at its very end, and escapes pipes', () => {
    const long = `${'x'.repeat(300)}-old-end`;
    const markdown = renderMarkdown(
      changedResourceReport([
        {
          path: 'description',
          before: JSON.stringify(long),
          after: JSON.stringify(`${'x'.repeat(300)}-new|end`),
          redacted: false,
        },
      ]),
    );
    // The cut is before the change, never after it: a prefix of the value would hide it.
    expect(markdown).toContain(`| \`…${'x'.repeat(39)}-old-end\` | \`…${'x'.repeat(39)}-new\\|end\` |`);
    expect(markdown).not.toContain('x'.repeat(40));
  });

  it('prints a short value whole', () => {
    const markdown = renderMarkdown(
      changedResourceReport([{ path: 'name', before: '"a"', after: '"a|b"', redacted: false }]),
    );
    expect(markdown).toContain('| `name` | `a` | `a\\|b` |');
  });
});

/** The text of one `####` section. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n#', start + heading.length);
  return markdown.slice(start, end === -1 ? undefined : end);
}
