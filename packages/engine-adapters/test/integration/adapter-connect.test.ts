import { createTestCertificateAuthority, findFreePort } from '@credential-rotation/test-services';
import {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  HostUnreachableError,
  TlsVerificationError,
  UnsupportedUsernameError,
} from '../../src/errors';
import { maxUsernameLength } from '../../src/validation';
import { ENGINE_CASES } from './engine-cases';
import { startSilentServer, superuserCredentials, settled, unique } from './helpers';

describe.each(ENGINE_CASES)('$adapterName connecting to a real $serverName', (engine) => {
  const { adapter, master, options } = engine;

  it('logs in over TLS verified against the given CA, under every engine name of the family', async () => {
    const session = await adapter.connect(master(), options());
    await session.ping();
    await session.close();
    expect(await adapter.verifyLogin(master(), options())).toBe(true);
    for (const alias of engine.aliases) {
      expect(await adapter.verifyLogin({ ...master(), engine: alias }, options())).toBe(true);
    }
  });

  it('refuses a server whose certificate the default RDS CA bundle does not sign', async () => {
    const error = await adapter.connect(master()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect(error).toMatchObject({ name: 'TlsVerificationError', reason: 'tls-verification' });
  });

  it('refuses a server signed by a different CA, without falling back to plaintext', async () => {
    const other = await createTestCertificateAuthority('untrusted CA');
    await expect(adapter.connect(master(), { ca: other.caPem })).rejects.toMatchObject({
      name: 'TlsVerificationError',
      reason: 'tls-verification',
    });
    await expect(adapter.verifyLogin(master(), { ca: other.caPem })).rejects.toThrow(TlsVerificationError);
  });

  it('throws AuthenticationFailedError for a wrong password, and verifyLogin returns false', async () => {
    const wrong = { ...master(), password: 'definitely-wrong' };
    await expect(adapter.connect(wrong, options())).rejects.toThrow(AuthenticationFailedError);
    expect(await adapter.verifyLogin(wrong, options())).toBe(false);
    expect(await adapter.verifyLogin({ ...wrong, username: unique('nobody_') }, options())).toBe(false);
  });

  it('names an unreachable port within the connect timeout; verifyLogin throws rather than returning false', async () => {
    const port = await findFreePort();
    const result = await settled(adapter.connect({ ...master(), port }, { connectTimeoutMs: 2_000 }));
    expect(result.error).toBeInstanceOf(HostUnreachableError);
    expect((result.error as Error).message).toMatch(/127\.0\.0\.1:\d+ .*host unreachable/);
    await expect(adapter.verifyLogin({ ...master(), port })).rejects.toThrow(HostUnreachableError);
  });

  it('gives up on a server that accepts TCP but never answers, within the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      const result = await settled(
        adapter.connect({ ...master(), port: silent.port }, { connectTimeoutMs: 500 }),
      );
      expect(result.error).toBeInstanceOf(ConnectionTimeoutError);
      expect((result.error as Error).message).toMatch(/timed out/);
    } finally {
      await silent.close();
    }
  });

  const limit = maxUsernameLength(engine.engine);
  it(`refuses a user name over the engine's limit (${limit}) before connecting`, async () => {
    const port = await findFreePort(); // nothing listens: a connection attempt would say "unreachable"
    const username = 'u'.repeat(limit + 1);
    await expect(adapter.connect({ ...master(), port, username })).rejects.toThrow(UnsupportedUsernameError);
  });

  it('refuses plaintext from a server without TLS unless ssl is false, then connects in plaintext', async () => {
    const plain = await engine.start({ tls: false });
    try {
      const credentials = superuserCredentials(plain);
      await expect(adapter.connect(credentials)).rejects.toMatchObject({
        name: 'TlsVerificationError',
        reason: 'tls-unavailable',
      });
      expect(await adapter.verifyLogin({ ...credentials, ssl: false })).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});
