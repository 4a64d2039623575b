import { GrantRewriteError } from '../../src/errors';
import { accountLiteral, accountRenderings, rewriteGrant } from '../../src/mysql/grant-rewriter';

const source = { user: 'app', host: '%' };
const clone = { user: 'app_clone', host: '%' };

describe('rewriteGrant', () => {
  it('moves a database grant to the clone, keeping escaped wildcards byte for byte', () => {
    expect(rewriteGrant('GRANT SELECT, INSERT ON `app\\_db`.* TO `app`@`%`', source, clone)).toBe(
      "GRANT SELECT, INSERT ON `app\\_db`.* TO 'app_clone'@'%'",
    );
    expect(rewriteGrant('GRANT ALL PRIVILEGES ON `tenant%`.* TO `app`@`%`', source, clone)).toBe(
      "GRANT ALL PRIVILEGES ON `tenant%`.* TO 'app_clone'@'%'",
    );
  });

  it('keeps WITH GRANT OPTION and resource limits', () => {
    expect(
      rewriteGrant(
        'GRANT SELECT ON `db`.`t` TO `app`@`%` WITH GRANT OPTION MAX_USER_CONNECTIONS 5',
        source,
        clone,
      ),
    ).toBe("GRANT SELECT ON `db`.`t` TO 'app_clone'@'%' WITH GRANT OPTION MAX_USER_CONNECTIONS 5");
  });

  it("drops MariaDB's password clauses so the source's hash is never copied", () => {
    expect(
      rewriteGrant(
        "GRANT USAGE ON *.* TO `app`@`%` IDENTIFIED BY PASSWORD '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29' REQUIRE SSL",
        source,
        clone,
      ),
    ).toBe("GRANT USAGE ON *.* TO 'app_clone'@'%' REQUIRE SSL");
    expect(
      rewriteGrant(
        "GRANT USAGE ON *.* TO `app`@`%` IDENTIFIED VIA mysql_native_password USING '*94BD' OR unix_socket WITH GRANT OPTION",
        source,
        clone,
      ),
    ).toBe("GRANT USAGE ON *.* TO 'app_clone'@'%' WITH GRANT OPTION");
  });

  it('rewrites role grants, default roles and partial revokes', () => {
    expect(rewriteGrant('GRANT `reporting` TO `app`@`%` WITH ADMIN OPTION', source, clone)).toBe(
      "GRANT `reporting` TO 'app_clone'@'%' WITH ADMIN OPTION",
    );
    expect(rewriteGrant('SET DEFAULT ROLE `reporting` FOR `app`@`%`', source, clone)).toBe(
      "SET DEFAULT ROLE `reporting` FOR 'app_clone'@'%'",
    );
    expect(rewriteGrant('REVOKE INSERT ON `mysql`.* FROM `app`@`%`', source, clone)).toBe(
      "REVOKE INSERT ON `mysql`.* FROM 'app_clone'@'%'",
    );
  });

  it('finds the grantee after an object name that looks like one', () => {
    const line = 'GRANT SELECT ON `x TO ``app``@``%```.* TO `app`@`%`';
    expect(rewriteGrant(line, source, clone)).toBe(
      "GRANT SELECT ON `x TO ``app``@``%```.* TO 'app_clone'@'%'",
    );
  });

  it('handles hostile user names in backtick and single-quote renderings', () => {
    const hostile = { user: "o'b`r\\ie n;%_", host: '10.0.%' };
    const target = { user: "o'b`r\\ie n;%_c", host: '10.0.%' };
    const [backtick, doubled, backslashed] = accountRenderings(hostile);
    expect(backtick).toBe("`o'b``r\\ie n;%_`@`10.0.%`");
    expect(doubled).toBe("'o''b`r\\ie n;%_'@'10.0.%'");
    expect(backslashed).toBe("'o\\'b`r\\\\ie n;%_'@'10.0.%'");
    for (const rendering of [backtick, doubled, backslashed]) {
      expect(rewriteGrant(`GRANT SELECT ON \`d\`.* TO ${rendering}`, hostile, target)).toBe(
        `GRANT SELECT ON \`d\`.* TO ${accountLiteral(target)}`,
      );
    }
    expect(accountLiteral(target)).toBe("'o\\'b`r\\\\ie n;%_c'@'10.0.%'");
  });

  it('throws GrantRewriteError without echoing the line when the account is not in it', () => {
    const line = "GRANT USAGE ON *.* TO `other`@`%` IDENTIFIED BY PASSWORD '*SECRETHASH'";
    let caught: unknown;
    try {
      rewriteGrant(line, source, clone);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GrantRewriteError);
    expect((caught as Error).message).not.toContain('SECRETHASH');
    expect((caught as Error).message).toContain('"app"@"%"');
  });
});
