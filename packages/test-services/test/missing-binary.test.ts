import { requireExecutable } from '../src/binaries';
import { MissingBinaryError } from '../src/errors';
import { startMoto } from '../src/moto-server';

describe('missing service binaries', () => {
  it('throws MissingBinaryError naming the binary and the install script', () => {
    let caught: unknown;
    try {
      requireExecutable('definitely-not-installed-xyz', 'The xyz server', ['/nonexistent']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingBinaryError);
    expect((caught as Error).name).toBe('MissingBinaryError');
    expect((caught as Error).message).toMatch(/The xyz server \(`definitely-not-installed-xyz`\) not found/);
    expect((caught as Error).message).toContain('.ci/install-test-deps');
  });

  it('refuses to start moto when moto_server is not on PATH, instead of skipping', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startMoto()).rejects.toThrow(/moto_server.*install-test-deps/s);
    } finally {
      process.env.PATH = path;
    }
  });
});
