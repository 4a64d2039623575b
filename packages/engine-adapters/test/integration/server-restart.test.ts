import { startMariaDb, startPostgres, type DatabaseServer } from '@credential-rotation/test-services';
import { adapterFor } from '../../src/adapter-for';
import { DatabaseStatementError } from '../../src/errors';
import { superuserCredentials } from './helpers';

jest.setTimeout(120_000);

describe.each([
  ['postgres', startPostgres],
  ['mariadb', startMariaDb],
] as const)('a %s session across a server restart', (engine, start) => {
  let server: DatabaseServer;

  beforeAll(async () => {
    server = await start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('reports the lost connection as a statement error, and a new session works', async () => {
    const adapter = adapterFor(engine);
    const credentials = superuserCredentials(server);
    const session = await adapter.connect(credentials, { ca: server.caPem });
    await session.ping();
    await server.restart();
    const error = await session.ping().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseStatementError);
    expect((error as DatabaseStatementError).reason).toBe('connection-lost');
    await session.close();
    expect(await adapter.verifyLogin(credentials, { ca: server.caPem })).toBe(true);
  });
});
