import {
  createUserStatement,
  mysqlNativePasswordHash,
  setPasswordStatement,
  usesNativePasswordOnly,
} from '../../src/mysql/password-statements';

const account = { user: "o'b", host: '%' };

describe('mysqlNativePasswordHash', () => {
  it('matches the well-known PASSWORD() values', () => {
    expect(mysqlNativePasswordHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
    expect(mysqlNativePasswordHash('pässwörd')).toMatch(/^\*[0-9A-F]{40}$/);
  });
});

describe('usesNativePasswordOnly', () => {
  it('reads SHOW CREATE USER lines', () => {
    expect(usesNativePasswordOnly("CREATE USER `u`@`%` IDENTIFIED BY PASSWORD '*97EF'")).toBe(true);
    expect(usesNativePasswordOnly('CREATE USER `u`@`%`')).toBe(true);
    expect(usesNativePasswordOnly("CREATE USER `u`@`%` IDENTIFIED VIA ed25519 USING 'RR9O'")).toBe(false);
    expect(
      usesNativePasswordOnly(
        "CREATE USER `u`@`%` IDENTIFIED VIA mysql_native_password USING '*9' OR unix_socket",
      ),
    ).toBe(false);
  });
});

describe('setPasswordStatement', () => {
  const hash = mysqlNativePasswordHash("se'cret");

  it('sends MariaDB native accounts the hash, never the password', () => {
    const other = setPasswordStatement(
      { mariadb: true, nativeOnly: true },
      { self: false, account },
      "se'cret",
    );
    expect(other).toBe(`ALTER USER 'o\\'b'@'%' IDENTIFIED BY PASSWORD '${hash}'`);
    const own = setPasswordStatement({ mariadb: true, nativeOnly: true }, { self: true }, "se'cret");
    expect(own).toBe(`SET PASSWORD = '${hash}'`);
    expect(other + own).not.toContain('se');
  });

  it('keeps the plugin of other MariaDB accounts with SET PASSWORD ... PASSWORD()', () => {
    expect(setPasswordStatement({ mariadb: true, nativeOnly: false }, { self: false, account }, 'x')).toBe(
      "SET PASSWORD FOR 'o\\'b'@'%' = PASSWORD('x')",
    );
    expect(setPasswordStatement({ mariadb: true, nativeOnly: false }, { self: true }, 'x')).toBe(
      "SET PASSWORD = PASSWORD('x')",
    );
  });

  it('uses ALTER USER on MySQL, which redacts passwords in its logs', () => {
    expect(setPasswordStatement({ mariadb: false, nativeOnly: false }, { self: true }, "a'b\\")).toBe(
      "ALTER USER CURRENT_USER() IDENTIFIED BY 'a\\'b\\\\'",
    );
    expect(createUserStatement({ mariadb: false }, account, 'x')).toBe(
      "CREATE USER IF NOT EXISTS 'o\\'b'@'%' IDENTIFIED BY 'x'",
    );
    expect(createUserStatement({ mariadb: true }, account, 'x')).toBe(
      `CREATE USER IF NOT EXISTS 'o\\'b'@'%' IDENTIFIED BY PASSWORD '${mysqlNativePasswordHash('x')}'`,
    );
  });
});
