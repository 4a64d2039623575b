/**
 * The report must work for the people the SCPs keep away from secret values, and must never be
 * the tool that leaks one: no value-reading or decrypting operation appears in its source or in
 * the bundle that ships (if the operation is not in the bundle, no code path can call it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const FORBIDDEN = [/GetSecretValue/i, /BatchGetSecretValue/i, /DecryptCommand/, /kms:Decrypt/i];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the report never reads a secret value', () => {
  it.each(sourceFiles(join(root, 'src')).map((file) => [file.slice(root.length + 1), file]))(
    '%s names no value-reading operation',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
    },
  );

  it('refuses to pass without the bundle: the shipped command is searched too', () => {
    const bundle = join(root, 'dist', 'bundle', 'credential-rotation.js');
    expect(existsSync(bundle)).toBe(true);
    const text = readFileSync(bundle, 'utf8');
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
    // The bundle does talk to Secrets Manager, through metadata operations only.
    expect(text).toContain('ListSecrets');
    expect(text).toContain('GetResourcePolicy');
  });
});
