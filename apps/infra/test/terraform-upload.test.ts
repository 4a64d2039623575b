/**
 * What Terraform uploads to Terraform Cloud for `cdktf deploy <env>`: the repository root (the
 * workspace's working directory is cdktf.out/stacks/<env>), filtered by the root .terraformignore.
 * Packed with go-slug, the library Terraform itself uses (tools/upload-slug), so the ignore rules
 * are evaluated exactly as an upload would evaluate them. Needs Go on the PATH.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const TOOL_DIR = resolve(__dirname, '..', 'tools', 'upload-slug');

let work: string;
let tool: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'upload-'));
  tool = join(work, 'upload-slug');
  execFileSync('go', ['build', '-o', tool, '.'], { cwd: TOOL_DIR, stdio: 'pipe' });
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A repository checkout after `npm ci && npm run synth` and a local dev deploy. */
function checkout(files: readonly string[]): string {
  const root = join(work, 'repo');
  rmSync(root, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'x');
  }
  copyFileSync(join(REPO_ROOT, '.terraformignore'), join(root, '.terraformignore'));
  return root;
}

function uploaded(root: string): string[] {
  const lines = execFileSync(tool, [root], { encoding: 'utf8' }).trim().split('\n');
  return lines.filter((line) => !line.startsWith('size ')).sort();
}

describe('.terraformignore', () => {
  it('uploads the synthesized stacks and nothing else of the repository', () => {
    const stackFiles = [
      'cdktf.out/stacks/prod/cdk.tf.json',
      'cdktf.out/stacks/prod/assets/rotation-lambda/4FC2/rotation-lambda.zip',
      'cdktf.out/stacks/staging/cdk.tf.json',
    ];
    const root = checkout([
      ...stackFiles,
      'cdktf.out/manifest.json',
      'cdktf.out/stacks/dev/terraform.dev.tfstate',
      'cdktf.out/stacks/dev/terraform.dev.tfstate.backup',
      'cdktf.out/stacks/dev/.terraform/providers/registry/aws/terraform-provider-aws',
      'cdktf.out/stacks/prod/prod.tfplan',
      'node_modules/pg/lib/index.js',
      'apps/infra/src/main.ts',
      'apps/tfc-bootstrap/cdktf.out/stacks/tfc-bootstrap/cdk.tf.json',
      'apps/rotation-lambda/dist/rotation-lambda.zip',
      'environments/prod/config.ts',
      '.env',
      'README.md',
      'package.json',
    ]);
    expect(uploaded(root)).toEqual([...stackFiles].sort());
  });
});
