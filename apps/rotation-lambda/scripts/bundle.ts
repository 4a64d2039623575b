/**
 * The esbuild + zip step, shared by `npm run build`, the benchmark and the bundle tests.
 * Type checking is tsc's job; esbuild only strips types.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

export const PACKAGE_ROOT = resolve(__dirname, '..');

/** Local-time date: fflate writes DOS times from local getters, so this yields the same bytes in every time zone. */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes (Unix "made by"). */
const FILE_ATTRIBUTES = 0o100644 << 16;

export interface BundleResult {
  /** `<outDir>/bundle/index.js` */
  readonly bundleFile: string;
  /** `<outDir>/rotation-lambda.zip` */
  readonly zipFile: string;
  readonly bundleBytes: number;
  readonly zipBytes: number;
  readonly sha256: string;
}

/**
 * Bundles `src/handler.ts` to one minified CommonJS file (handler `index.handler`, Node.js 22,
 * AWS SDK v3 bundled from its ESM build so it tree-shakes, `pg-native` left out) and zips it
 * deterministically: fixed mtime and attributes, one entry.
 */
export async function buildBundle(outDir: string = join(PACKAGE_ROOT, 'dist')): Promise<BundleResult> {
  const bundleFile = join(outDir, 'bundle', 'index.js');
  const zipFile = join(outDir, 'rotation-lambda.zip');
  const result = await build({
    entryPoints: [join(PACKAGE_ROOT, 'src', 'handler.ts')],
    outfile: bundleFile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    // pg's optional native binding: never installed, never bundled.
    external: ['pg-native'],
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const native = Object.keys(result.metafile.inputs).filter((input) => input.endsWith('.node'));
  if (native.length > 0) throw new Error(`The bundle must not contain native modules: ${native.join(', ')}`);

  const code = readFileSync(bundleFile);
  const zip = zipSync({
    'index.js': [code, { level: 9, mtime: FIXED_MTIME, os: 3, attrs: FILE_ATTRIBUTES }],
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(zipFile, zip);
  return {
    bundleFile,
    zipFile,
    bundleBytes: code.length,
    zipBytes: zip.length,
    sha256: createHash('sha256').update(zip).digest('hex'),
  };
}
