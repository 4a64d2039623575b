import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaArtifactMissingError } from '../src/errors';
import { resolveLambdaZip } from '../src/lambda-artifact';

describe('resolveLambdaZip', () => {
  it('throws LambdaArtifactMissingError naming the build command when the zip is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-'));
    try {
      const resolve = () => join(dir, 'package.json');
      expect(() => resolveLambdaZip(resolve)).toThrow(LambdaArtifactMissingError);
      expect(() => resolveLambdaZip(resolve)).toThrow(/rotation-lambda\.zip is missing: run npm run build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws when the package itself cannot be resolved', () => {
    const resolve = () => {
      throw new Error('Cannot find module');
    };
    expect(() => resolveLambdaZip(resolve)).toThrow(
      'package @credential-rotation/rotation-lambda is not installed',
    );
  });

  it('returns the zip under the package dist folder when it exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-'));
    try {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'rotation-lambda.zip'), 'zip');
      expect(resolveLambdaZip(() => join(dir, 'package.json'))).toBe(
        join(dir, 'dist', 'rotation-lambda.zip'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
