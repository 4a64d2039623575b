import { scramSha256Verifier } from '../../src/postgres/scram-verifier';
import { POSTGRES } from './engine-cases';
import { hostilePassword, unique } from './helpers';

describe('PostgresAdapter sends SCRAM verifiers to a real PostgreSQL', () => {
  const { adapter, master, options, credentials } = POSTGRES;
  const admin = POSTGRES.useAdmin();

  it('sends a verifier the server accepts, identical to what it derives itself, also for SASLprep-changed passwords', async () => {
    const username = unique('scram_');
    // No characters outside Unicode 3.2 here (e.g. emoji): for those PostgreSQL skips
    // SASLprep while node-postgres still normalizes (see README, "Non-ASCII passwords").
    const password = `ﬁ\u00A0soft\u00ADhyphen p'a"s\\s;--$$ %_\` ünï 用户 ${unique('')}`;
    const { client } = admin();
    await client.query(`CREATE ROLE ${admin().id(username)} LOGIN`);
    // Let the server hash the plain password, then compute ours with the server's salt.
    await client.query("SET password_encryption = 'scram-sha-256'");
    await client.query(`ALTER ROLE ${admin().id(username)} PASSWORD ${client.escapeLiteral(password)}`);
    const { rows } = await client.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [username]);
    const serverVerifier = String(rows[0].rolpassword);
    const salt = Buffer.from(serverVerifier.split('$')[1]?.split(':')[1] ?? '', 'base64');
    expect(await scramSha256Verifier(password, { salt })).toBe(serverVerifier);
    expect(await adapter.verifyLogin(credentials(username, password), options())).toBe(true);
  });

  it('never sends the plain password to the server (the statement text holds only the verifier)', async () => {
    const username = unique('nolog_');
    const password = hostilePassword();
    await admin().createUser(username, hostilePassword());
    const session = await adapter.connect(master(), options());
    await session.setUserPassword(username, password);
    // pg_stat_activity.query holds the last statement each session sent: what a log would show.
    const { rows } = await admin().client.query(
      "SELECT query FROM pg_stat_activity WHERE application_name = 'credential-rotation' AND query ILIKE 'ALTER ROLE%'",
    );
    await session.close();
    const statements = rows.map((row) => String(row.query));
    expect(statements.some((sql) => sql.includes('SCRAM-SHA-256$4096:'))).toBe(true);
    expect(statements.join('\n')).not.toContain(password);
  });
});
