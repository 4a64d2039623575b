import { LazyAdapter } from '../src/lazy-adapter';
import type { DatabaseCredentials, DatabaseSession, EngineAdapter } from '../src/types/adapter';

const credentials: DatabaseCredentials = {
  engine: 'postgres',
  host: 'db.example.internal',
  port: 5432,
  username: 'app',
  password: 'unused-password',
};

function fakeAdapter(): EngineAdapter {
  const session = {} as DatabaseSession;
  return {
    family: 'postgres',
    maxUsernameLength: 63,
    quoteIdentifier: jest.fn((identifier: string) => `<${identifier}>`),
    connect: jest.fn(async () => session),
    verifyLogin: jest.fn(async () => true),
  };
}

describe('LazyAdapter', () => {
  it('answers family and maxUsernameLength without loading the adapter', () => {
    const load = jest.fn(fakeAdapter);
    const postgres = new LazyAdapter('postgres', load);
    const mysql = new LazyAdapter('mysql', load);
    expect([postgres.family, postgres.maxUsernameLength]).toEqual(['postgres', 63]);
    expect([mysql.family, mysql.maxUsernameLength]).toEqual(['mysql', 32]);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the adapter once, on the first call that needs it, and delegates every call', async () => {
    const real = fakeAdapter();
    const load = jest.fn(() => real);
    const adapter = new LazyAdapter('postgres', load);

    expect(adapter.quoteIdentifier('app')).toBe('<app>');
    expect(load).toHaveBeenCalledTimes(1);
    await adapter.connect(credentials, { connectTimeoutMs: 100 });
    expect(await adapter.verifyLogin(credentials)).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    expect(real.connect).toHaveBeenCalledWith(credentials, { connectTimeoutMs: 100 });
    expect(real.verifyLogin).toHaveBeenCalledWith(credentials, undefined);
  });

  it('rejects connect when loading fails, and loads again on the next call', async () => {
    const load = jest
      .fn<EngineAdapter, []>()
      .mockImplementationOnce(() => {
        throw new Error('Cannot find module pg');
      })
      .mockImplementation(fakeAdapter);
    const adapter = new LazyAdapter('postgres', load);

    const first = adapter.connect(credentials);
    await expect(first).rejects.toThrow('Cannot find module pg');
    expect(await adapter.verifyLogin(credentials)).toBe(true);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
