import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import mysql from 'mysql2/promise';
import pg from 'pg';

type Run = (sql: string) => Promise<void>;
interface Quote {
  identifier(value: string): string;
  literal(value: string): string;
}

/** Runs statements as the server's superuser; identifiers and literals quoted by the driver. */
async function asSuperuser(
  server: DatabaseServerInfo,
  work: (run: Run, quote: Quote) => Promise<void>,
): Promise<void> {
  const ssl = { ca: server.caPem, rejectUnauthorized: true };
  if (server.engine === 'postgres') {
    const client = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.superuser.username,
      password: server.superuser.password,
      database: 'postgres',
      ssl,
    });
    await client.connect();
    try {
      await work(async (sql) => void (await client.query(sql)), {
        identifier: (value) => client.escapeIdentifier(value),
        literal: (value) => client.escapeLiteral(value),
      });
    } finally {
      await client.end();
    }
    return;
  }
  const connection = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.superuser.username,
    password: server.superuser.password,
    ssl,
  });
  try {
    await work(async (sql) => void (await connection.query(sql)), {
      identifier: (value) => connection.escapeId(value),
      literal: (value) => connection.escape(value),
    });
  } finally {
    await connection.end();
  }
}

/** Creates a login user with no privileges beyond connecting. */
export async function createLoginUser(
  server: DatabaseServerInfo,
  username: string,
  password: string,
): Promise<void> {
  await asSuperuser(server, async (run, quote) => {
    if (server.engine === 'postgres') {
      await run(`CREATE ROLE ${quote.identifier(username)} LOGIN PASSWORD ${quote.literal(password)}`);
    } else {
      await run(`CREATE USER ${quote.literal(username)}@'%' IDENTIFIED BY ${quote.literal(password)}`);
    }
  });
}

/** Changes a user's password as the superuser (what setSecret does). */
export async function setUserPassword(
  server: DatabaseServerInfo,
  username: string,
  password: string,
): Promise<void> {
  await asSuperuser(server, async (run, quote) => {
    if (server.engine === 'postgres') {
      await run(`ALTER ROLE ${quote.identifier(username)} PASSWORD ${quote.literal(password)}`);
    } else {
      await run(`ALTER USER ${quote.literal(username)}@'%' IDENTIFIED BY ${quote.literal(password)}`);
    }
  });
}

/** Drops users if they exist; never fails (cleanup). */
export async function dropUsers(server: DatabaseServerInfo, usernames: readonly string[]): Promise<void> {
  await asSuperuser(server, async (run, quote) => {
    for (const username of usernames) {
      if (server.engine === 'postgres') {
        await run(`DROP ROLE IF EXISTS ${quote.identifier(username)}`);
      } else {
        await run(`DROP USER IF EXISTS ${quote.literal(username)}@'%'`);
      }
    }
  }).catch(() => undefined);
}
