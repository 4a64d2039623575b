import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createTestCertificateAuthority, findFreePort } from '@credential-rotation/test-services';
import type { Connection } from 'mysql2/promise';
import type { Client } from 'pg';
import { adapterFor } from '../../src/adapter-for';
import type { DatabaseCredentials, DatabaseSession } from '../../src/types/adapter';
import {
  credentialsFor,
  mariadbSuperuser,
  postgresSuperuser,
  services,
  startSilentServer,
  superuserCredentials,
  unique,
} from './helpers';

jest.setTimeout(120_000);

/** Every way an error could reach a log line. */
function renderings(value: unknown): string[] {
  const out: string[] = [];
  let current: unknown = value;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    out.push(
      String(current),
      inspect(current, { depth: 20, showHidden: true }),
      JSON.stringify(current) ?? '',
    );
    if (current instanceof Error) out.push(current.message, current.stack ?? '');
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}

describe.each(['postgres', 'mariadb'] as const)('no password in any %s error', (engine) => {
  const server = () => services()[engine];
  const adapter = () => adapterFor(engine);
  const master = () => superuserCredentials(server());
  const options = () => ({ ca: server().caPem });
  const secrets: string[] = [];
  const captured: unknown[] = [];

  /** A password that is easy to find in any text, and hostile to quoting. */
  function secret(): string {
    const value = `LEAK${randomBytes(8).toString('hex')}'"\\;$$%_`;
    secrets.push(value, value.slice(0, 20));
    return value;
  }

  async function capture(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      captured.push(error);
      return;
    }
    throw new Error('expected this scenario to fail');
  }

  async function withSession<T>(
    credentials: DatabaseCredentials,
    run: (session: DatabaseSession) => Promise<T>,
  ) {
    const session = await adapter().connect(credentials, options());
    try {
      return await run(session);
    } finally {
      await session.close();
    }
  }

  afterAll(() => {
    expect(captured.length).toBeGreaterThanOrEqual(12);
    const text = captured.flatMap(renderings).join('\n');
    for (const value of secrets) expect(text).not.toContain(value);
    expect(text).not.toMatch(/LEAK[0-9a-f]{16}/);
  });

  it('hides the password when authentication fails', async () => {
    await capture(() => adapter().connect({ ...master(), password: secret() }, options()));
    await capture(() =>
      adapter().connect({ ...master(), username: unique('nobody_'), password: secret() }, options()),
    );
  });

  it('hides the password when TLS verification fails', async () => {
    const other = await createTestCertificateAuthority('wrong CA');
    await capture(() => adapter().connect({ ...master(), password: secret() }, { ca: other.caPem }));
    await capture(() => adapter().verifyLogin({ ...master(), password: secret() }));
  });

  it('hides the password when the host is unreachable or silent', async () => {
    const port = await findFreePort();
    await capture(() => adapter().connect({ ...master(), port, password: secret() }, options()));
    const silent = await startSilentServer();
    try {
      await capture(() =>
        adapter().connect({ ...master(), port: silent.port, password: secret() }, { connectTimeoutMs: 300 }),
      );
    } finally {
      await silent.close();
    }
  });

  it('hides the password when input is rejected before connecting', async () => {
    await capture(() => adapter().connect({ ...master(), username: 'u'.repeat(70), password: secret() }));
    await capture(() => adapter().connect({ ...master(), port: 70_000, password: secret() }));
    await capture(() => adapter().connect({ ...master(), password: `${secret()}\0` }));
  });

  it('hides new passwords when statements fail', async () => {
    await withSession(master(), async (session) => {
      await capture(() => session.setUserPassword(unique('ghost_'), secret()));
      const ghost = unique('ghost_');
      await capture(() => session.ensureCloneUser(ghost, `${ghost}_clone`, secret()));
      await capture(() => session.ensureCloneUser('a', 'b'.repeat(70), secret()));
      expect(inspect(session, { showHidden: true, depth: 10 })).not.toContain(server().superuser.password);
    });
  });

  it('hides the password when an unprivileged user tries to change another user', async () => {
    const user = unique('weak_');
    const password = secret();
    let admin: Client | Connection | undefined;
    if (engine === 'postgres') {
      const client = await postgresSuperuser(server());
      admin = client;
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(user)} LOGIN PASSWORD ${client.escapeLiteral(password)}`,
      );
    } else {
      const connection = await mariadbSuperuser(server());
      admin = connection;
      await connection.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    }
    await admin.end();
    await withSession(credentialsFor(server(), user, password), async (session) => {
      await capture(() => session.setUserPassword(server().superuser.username, secret()));
      await capture(() => session.ensureCloneUser(user, `${user}_clone`, secret()));
    });
  });

  it('uses a detector that would notice a leak: raw driver errors do carry the password', async () => {
    const marker = `LEAK${randomBytes(8).toString('hex')}`;
    let raw: unknown;
    if (engine === 'postgres') {
      const client = await postgresSuperuser(server());
      raw = await client.query(`ALTER ROLE nobody PASSWORD '${marker}`).catch((error: unknown) => error);
      await client.end();
    } else {
      const connection = await mariadbSuperuser(server());
      raw = await connection
        .query(`ALTER USER 'nobody-${marker}'@'%' IDENTIFIED BY '${marker}'`)
        .catch((error: unknown) => error);
      await connection.end();
    }
    expect(raw).toBeInstanceOf(Error);
    expect(renderings(raw).join('\n')).toContain(marker);
  });
});
