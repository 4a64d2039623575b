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
