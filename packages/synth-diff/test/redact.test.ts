import { diffBodies } from '../src/diff-attributes';
import { looksSecret, mustRedact } from '../src/redact';
import { renderMarkdown } from '../src/render-markdown';
import { diffFixture } from './helpers/fixtures';

describe('redaction', () => {
  const markers = ['do-not-print', 'AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE', 'pw-b', 'pw-h'];

  it('never prints password, secret_string, sensitive values or credential-like values in Markdown', () => {
    const markdown = renderMarkdown(diffFixture('secrets'));
    for (const marker of markers) {
      expect(markdown).not.toContain(marker);
    }
    expect(markdown).toContain('| `password` | _(hidden)_ | _(hidden)_ |');
    expect(markdown).toContain('| `secret_string` | _(hidden)_ | _(hidden)_ |');
    // Non-secret neighbours are still shown.
    expect(markdown).toContain('| `instance_class` | `db.t4g.micro` | `db.t4g.small` |');
  });

  it('never puts those values into the JSON report either', () => {
    const json = JSON.stringify(diffFixture('secrets'));
    for (const marker of markers) {
      expect(json).not.toContain(marker);
    }
  });

  it('does not parse a secret-named attribute as a policy even when it holds a Statement key', () => {
    const diff = diffBodies(
      {
        secret_string: JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: 'hunter2' }],
        }),
      },
      {
        secret_string: JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: 'hunter3' }],
        }),
      },
    );
    expect(diff.policies).toEqual([]);
    expect(JSON.stringify(diff)).not.toContain('hunter');
  });

  it('hides secrets in the attribute listing of added and removed blocks too', () => {
    const secretBody = {
      master_password: 'pw-added',
      secret_string: '{"password":"pw-json"}',
      container_definitions: JSON.stringify([{ environment: [{ name: 'DB_PASSWORD', value: 'pw-env' }] }]),
      access: 'AKIAIOSFODNN7EXAMPLE',
      name: 'orders',
    };
    for (const diff of [diffBodies(undefined, secretBody), diffBodies(secretBody, undefined)]) {
      const json = JSON.stringify(diff);
      for (const marker of ['pw-added', 'pw-json', 'pw-env', 'AKIAIOSFODNN7EXAMPLE']) {
        expect(json).not.toContain(marker);
      }
      expect(diff.attributes.find((attribute) => attribute.path === 'name')?.redacted).toBe(false);
    }
    const sensitiveOutput = diffBodies(undefined, { value: 'pw-output', sensitive: true });
    expect(JSON.stringify(sensitiveOutput)).not.toContain('pw-output');
  });

  it('hides a secret-named key inside a JSON document and a credential-shaped value anywhere in it', () => {
    const diff = diffBodies(
      { settings: JSON.stringify({ db: { password: 'pw-old', host: 'a' }, key: 'x' }) },
      { settings: JSON.stringify({ db: { password: 'pw-new', host: 'b' }, key: 'AKIAI44QH8DHBEXAMPLE' }) },
    );
    const json = JSON.stringify(diff);
    for (const marker of ['pw-old', 'pw-new', 'AKIAI44QH8DHBEXAMPLE']) {
      expect(json).not.toContain(marker);
    }
    expect(diff.attributes.find((attribute) => attribute.path === 'settings › db.host')).toMatchObject({
      before: '"a"',
      after: '"b"',
    });
  });

  it('hides the value beside a secret-looking name in name/value lists (ECS environment, tags)', () => {
    const definitions = (value: string, name = 'DB_PASSWORD'): string =>
      JSON.stringify([
        {
          image: 'app:1',
          environment: [
            { name, value },
            { name: 'REGION', value: 'eu-west-1' },
          ],
        },
      ]);
    const changed = diffBodies(
      { container_definitions: definitions('pw-one') },
      { container_definitions: definitions('pw-two') },
    );
    expect(JSON.stringify(changed)).not.toMatch(/pw-one|pw-two/);
    expect(changed.attributes).toEqual([
      {
        path: 'container_definitions › [0].environment[0].value',
        before: '(hidden)',
        after: '(hidden)',
        redacted: true,
      },
    ]);
    const added = diffBodies(
      { container_definitions: JSON.stringify([{ environment: [] }]) },
      { container_definitions: definitions('pw-three') },
    );
    expect(JSON.stringify(added)).not.toContain('pw-three');
    const renamed = diffBodies(
      { container_definitions: definitions('pw-four', 'DB_HOST') },
      { container_definitions: definitions('pw-four', 'DB_PASSWORD') },
    );
    expect(renamed.attributes.map((attribute) => attribute.after)).toEqual(['"DB_PASSWORD"']);
  });

  it('recognizes secret attribute names, sensitive blocks and credential-shaped values', () => {
    expect(mustRedact({}, 'master_password', [])).toBe(true);
    expect(mustRedact({}, 'password_wo', [])).toBe(true);
    expect(mustRedact({ sensitive: true }, 'value', [])).toBe(true);
    expect(mustRedact({}, 'name', ['"orders"'])).toBe(false);
    expect(mustRedact({}, 'kms_key_id', ['"arn:aws:kms:eu-west-1:1:key/abc"'])).toBe(false);
    expect(looksSecret('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(looksSecret('arn:aws:iam::111111111111:role/deploy')).toBe(false);
  });
});
