import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LambdaArtifactMissingError } from './errors';

/** How Lambda runs the bundle apps/rotation-lambda builds (esbuild, one CommonJS file, Node.js 22). */
export const ROTATION_LAMBDA_ENTRY = { handler: 'index.handler', runtime: 'nodejs22.x' } as const;

/** Where apps/rotation-lambda's `build` writes the bundle. */
export const LAMBDA_ZIP_RELATIVE_PATH = join('dist', 'rotation-lambda.zip');

/**
 * Absolute path of the rotation function zip, or a clear error when it has not been built.
 *
 * @example const zip = resolveLambdaZip(); // .../apps/rotation-lambda/dist/rotation-lambda.zip
 */
export function resolveLambdaZip(resolve: (id: string) => string = require.resolve): string {
  let packageDir: string;
  try {
    packageDir = dirname(resolve('@credential-rotation/rotation-lambda/package.json'));
  } catch (cause) {
    throw new LambdaArtifactMissingError(
      'package @credential-rotation/rotation-lambda is not installed: run npm ci',
      {
        cause,
      },
    );
  }
  const zip = join(packageDir, LAMBDA_ZIP_RELATIVE_PATH);
  if (!existsSync(zip)) {
    throw new LambdaArtifactMissingError(
      `rotation function bundle ${zip} is missing: run npm run build (or npm run build -w @credential-rotation/rotation-lambda) first`,
    );
  }
  return zip;
}
