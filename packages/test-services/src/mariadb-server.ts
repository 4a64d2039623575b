import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { findExecutable, requireExecutable } from './binaries';
import { LOOPBACK } from './constants';
import { MissingBinaryError } from './errors';
import { ManagedProcess } from './managed-process';
import { randomPassword } from './random-password';
import { runCommand } from './run-command';
import { isRoot } from './service-user';
import { launchDatabaseServer } from './database-server-handle';
import { createTempDirectory } from './temp-directory';
import { runCertificateAuthority } from './test-ca';
import type { DatabaseServer, StartDatabaseOptions } from './types/services';

/** The RDS default master user name. */
const SUPERUSER = 'admin';
const READY_LINE = /ready for connections/;
const PORT_TAKEN = /Bind on TCP\/IP port|Address already in use|another server running on port/;
const SBIN = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/** Server options that must be identical at install time and at every start. */
function storageOptions(): string[] {
  return [
    '--innodb-buffer-pool-size=32M',
    '--innodb-log-file-size=16M',
    '--innodb-flush-log-at-trx-commit=2',
    '--innodb-doublewrite=0',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
  ];
}

/**
 * Starts a throwaway MariaDB server on a free loopback port: an `admin'@'%` account with every
 * privilege and a random password, TLS with a certificate from the per-run test CA, its own
 * socket and data directory. Runs as root (`--user=root`) or as the current user.
 *
 * @example
 * const db = await startMariaDb();
 * // connect to db.host:db.port as db.superuser, trusting db.caPem
 * await db.stop();
 */
export async function startMariaDb(options: StartDatabaseOptions = {}): Promise<DatabaseServer> {
  const tls = options.tls ?? true;
  const mariadbd = requireExecutable(
    'mariadbd',
    'The MariaDB server (Debian package `mariadb-server`)',
    SBIN,
  );
  const installDb = findExecutable('mariadb-install-db', SBIN) ?? findExecutable('mysql_install_db', SBIN);
  if (installDb === undefined) {
    throw new MissingBinaryError('mariadb-install-db (Debian package `mariadb-server`)');
  }
  const runAs = isRoot() ? ['--user=root'] : [`--user=${userInfo().username}`];
  const temp = createTempDirectory('mariadb');

  try {
    const dataDirectory = join(temp.path, 'data');
    const socketPath = join(temp.path, 'mariadbd.sock');
    const tlsDirectory = join(temp.path, 'tls');
    mkdirSync(tlsDirectory, { mode: 0o700 });
    const password = randomPassword();
    const bootstrapSql = join(temp.path, 'bootstrap.sql');
    // The password is base64url: no quoting issue. Anonymous accounts are removed so that
    // the tests' host matching is what they expect.
    writeFileSync(
      bootstrapSql,
      [
        // Bootstrap runs with grant tables off; FLUSH PRIVILEGES loads them so CREATE USER works.
        'FLUSH PRIVILEGES;',
        "DELETE FROM mysql.global_priv WHERE User = '';",
        'FLUSH PRIVILEGES;',
        `CREATE USER '${SUPERUSER}'@'%' IDENTIFIED BY '${password}';`,
        `GRANT ALL PRIVILEGES ON *.* TO '${SUPERUSER}'@'%' WITH GRANT OPTION;`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    await runCommand('mariadb', installDb, [
      '--no-defaults',
      `--datadir=${dataDirectory}`,
      ...runAs,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      '--skip-name-resolve',
      `--extra-file=${bootstrapSql}`,
      // Its own temp dir, as the server gets below: with the shared /tmp, concurrent installs
      // (parallel test packages) failed on each other's internal temporary tables.
      `--tmpdir=${temp.path}`,
      ...storageOptions(),
    ]);
    writeFileSync(bootstrapSql, '');

    let caPem = '';
    const tlsOptions: string[] = [];
    if (tls) {
      const ca = await runCertificateAuthority();
      const { certPath, keyPath } = await ca.issueServerCertificate(tlsDirectory);
      caPem = ca.caPem;
      tlsOptions.push(
        `--ssl-ca=${join(tlsDirectory, 'ca.pem')}`,
        `--ssl-cert=${certPath}`,
        `--ssl-key=${keyPath}`,
      );
      writeFileSync(join(tlsDirectory, 'ca.pem'), caPem);
    }

    const spawnProcess = (port: number): ManagedProcess =>
      new ManagedProcess({
        service: 'mariadb',
        command: mariadbd,
        args: [
          '--no-defaults',
          `--datadir=${dataDirectory}`,
          ...runAs,
          `--port=${port}`,
          `--bind-address=${LOOPBACK}`,
          `--socket=${socketPath}`,
          `--pid-file=${join(temp.path, 'mariadbd.pid')}`,
          `--tmpdir=${temp.path}`,
          '--skip-name-resolve',
          '--max-connections=200',
          ...storageOptions(),
          ...tlsOptions,
        ],
        stopSignal: 'SIGTERM',
      });

    return await launchDatabaseServer({
      engine: 'mariadb',
      host: LOOPBACK,
      superuser: { username: SUPERUSER, password },
      caPem,
      spawn: spawnProcess,
      readyLine: READY_LINE,
      portTaken: PORT_TAKEN,
      removeTemp: () => temp.remove(),
    });
  } catch (error) {
    temp.remove();
    throw error;
  }
}
