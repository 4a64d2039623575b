/** What a reviewer sees for changes made to the real synthesized prod stack. */
import { diffStacks } from '../src/diff-stacks';
import { renderMarkdown } from '../src/render-markdown';
import type { JsonObject } from '../src/types';
import { realStacks } from './helpers/real-stacks';

const PROD = realStacks().get('prod') as JsonObject;

function resources(document: JsonObject, type: string): Record<string, JsonObject> {
  return ((document.resource as JsonObject)[type] ?? {}) as Record<string, JsonObject>;
}

describe('synth-diff on the real prod stack', () => {
  it('shows AssumeRole -> AssumeRoleX in the break-glass alert rule event pattern', () => {
    const head = structuredClone(PROD);
    const [name, rule] = Object.entries(resources(head, 'aws_cloudwatch_event_rule')).find(([, body]) =>
      String(body.event_pattern).includes('"AssumeRole"'),
    ) ?? ['', {}];
    rule.event_pattern = String(rule.event_pattern).replace('"AssumeRole"', '"AssumeRoleX"');

    const markdown = renderMarkdown({
      stacks: [diffStacks('prod', { name: 'prod', document: PROD }, { name: 'prod', document: head })],
    });
    expect(markdown).toContain('### Stack `prod`: 1 changed');
    expect(markdown).toContain(`#### changed \`aws_cloudwatch_event_rule.${name}\``);
    expect(markdown).toContain('| `event_pattern › detail.eventName[0]` | `AssumeRole` | `AssumeRoleX` |');
  });

  it('lists the ports, protocol and security groups of an added security group rule', () => {
    const base = structuredClone(PROD);
    const rules = resources(base, 'aws_vpc_security_group_ingress_rule');
    const [name, rule] = Object.entries(rules)[0] ?? ['', {}];
    Reflect.deleteProperty(rules, name);

    const markdown = renderMarkdown({
      stacks: [diffStacks('prod', { name: 'prod', document: base }, { name: 'prod', document: PROD })],
    });
    expect(markdown).toContain(`#### added \`aws_vpc_security_group_ingress_rule.${name}\``);
    expect(markdown).toContain(`| \`from_port\` | \`${String(rule.from_port)}\` |`);
    expect(markdown).toContain(`| \`ip_protocol\` | \`${String(rule.ip_protocol)}\` |`);
    expect(markdown).toContain(
      `| \`referenced_security_group_id\` | \`${String(rule.referenced_security_group_id)}\` |`,
    );
  });

  it('lists the statements of a removed policy and the schedule of a removed rotation', () => {
    const head = structuredClone(PROD);
    const rotations = resources(head, 'aws_secretsmanager_secret_rotation');
    const [rotationName] = Object.keys(rotations);
    Reflect.deleteProperty(rotations, rotationName ?? '');
    const policies = resources(head, 'aws_secretsmanager_secret_policy');
    const [policyName] = Object.keys(policies);
    Reflect.deleteProperty(policies, policyName ?? '');

    const markdown = renderMarkdown({
      stacks: [diffStacks('prod', { name: 'prod', document: PROD }, { name: 'prod', document: head })],
    });
    expect(markdown).toContain(`#### removed \`aws_secretsmanager_secret_rotation.${rotationName}\``);
    expect(markdown).toMatch(/\| `rotation_rules\.schedule_expression` \| `[^`]+` \|/);
    expect(markdown).toContain(`#### removed \`aws_secretsmanager_secret_policy.${policyName}\``);
    expect(markdown).toMatch(
      /- \*\*removed\*\* statement `\w+`\n {2}- Effect: `Deny`\n {2}- Principal: `\*`/,
    );
  });
});
