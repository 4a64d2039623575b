/**
 * `npm run build`, second half: dist/bundle/credential-rotation.js, the whole command in one
 * file (AWS SDK v3 tree-shaken). It is what the "never reads a value" test searches: if no
 * value-reading operation is in the bundle, no code path can call one.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(__dirname, '..');

build({
  entryPoints: [join(root, 'src', 'bin.ts')],
  outfile: join(root, 'dist', 'bundle', 'credential-rotation.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  treeShaking: true,
  // The SDK's ES modules: its CommonJS build is one file per client and cannot be tree-shaken.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  metafile: true,
  // Environment configs are found at run time next to the workspace, as the infra app finds them.
  external: ['@credential-rotation/environments'],
  logLevel: 'warning',
})
  .then((result) => {
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    console.log(`rotation-report: bundle ${(bytes / 1024).toFixed(0)} KiB`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
