import type { RowDataPacket } from 'mysql2/promise';
import { MARIADB } from './engine-cases';
import { hostilePassword, unique } from './helpers';

describe('MySqlAdapter with MariaDB account and server settings', () => {
  const { adapter, master, options, credentials } = MARIADB;
  const admin = MARIADB.useAdmin();

  it('logs in a REQUIRE SSL account, also as aurora-mysql', async () => {
    const user = unique('tls_');
    const password = hostilePassword();
    await admin().createUser(user, password, ['%'], 'REQUIRE SSL');
    expect(await adapter.verifyLogin(credentials(user, password), options())).toBe(true);
    expect(
      await adapter.verifyLogin({ ...credentials(user, password), engine: 'aurora-mysql' }, options()),
    ).toBe(true);
  });

  it('still quotes correctly when the server runs with NO_BACKSLASH_ESCAPES', async () => {
    const user = `nbe\\'${unique('')}`;
    const next = `back\\slash'quote\\${unique('')}`;
    await admin().createUser(user, 'initial-password');
    const { connection } = admin();
    const [[before]] = await connection.query<RowDataPacket[]>('SELECT @@GLOBAL.sql_mode AS mode');
    await connection.query(`SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')`);
    try {
      const session = await adapter.connect(master(), options());
      await session.setUserPassword(user, next);
      await session.close();
    } finally {
      await connection.query('SET GLOBAL sql_mode = ?', [String(before?.mode ?? '')]);
    }
    expect(await adapter.verifyLogin(credentials(user, next), options())).toBe(true);
  });
});
