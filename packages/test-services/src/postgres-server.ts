import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresBinDirectories, requireExecutable } from './binaries';
import { LOOPBACK } from './constants';
import { ManagedProcess } from './managed-process';
import { randomPassword } from './random-password';
import { runCommand } from './run-command';
import { chownTree, postgresServiceUser, spawnAs } from './service-user';
import { launchDatabaseServer } from './database-server-handle';
import { createTempDirectory } from './temp-directory';
import { runCertificateAuthority } from './test-ca';
import type { DatabaseServer, StartDatabaseOptions } from './types/services';

const SUPERUSER = 'postgres';
const READY_LINE = /database system is ready to accept connections/;
const PORT_TAKEN = /Address already in use|could not create any TCP\/IP sockets/;

/**
 * Starts a throwaway PostgreSQL cluster on a free loopback port: scram-sha-256 for every
 * login, TLS with a certificate from the per-run test CA, a superuser with a random password.
 *
 * @example
 * const pg = await startPostgres();
 * // connect to pg.host:pg.port as pg.superuser, trusting pg.caPem
 * await pg.stop();
 */
export async function startPostgres(options: StartDatabaseOptions = {}): Promise<DatabaseServer> {
  const tls = options.tls ?? true;
  const binDirectories = postgresBinDirectories();
  const what = 'PostgreSQL server binaries (Debian package `postgresql`)';
  const initdb = requireExecutable('initdb', what, binDirectories);
  const postgresBin = requireExecutable('postgres', what, binDirectories);
  const user = postgresServiceUser();
  const temp = createTempDirectory('postgres');

  try {
    const dataDirectory = join(temp.path, 'data');
    const socketDirectory = join(temp.path, 'socket');
    const tlsDirectory = join(temp.path, 'tls');
    mkdirSync(socketDirectory, { mode: 0o700 });
    mkdirSync(tlsDirectory, { mode: 0o700 });
    const password = randomPassword();
    const passwordFile = join(temp.path, 'pwfile');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    chownTree(temp.path, user);

    await runCommand(
      'postgres',
      initdb,
      [
        '-D',
        dataDirectory,
        '-U',
        SUPERUSER,
        `--pwfile=${passwordFile}`,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      spawnAs(user),
    );
    rmSync(passwordFile);

    // Only loopback TCP and our private socket; every login needs a SCRAM password.
    writeFileSync(
      join(dataDirectory, 'pg_hba.conf'),
      ['local all all scram-sha-256', `host all all ${LOOPBACK}/32 scram-sha-256`, ''].join('\n'),
    );
    let caPem = '';
    const settings: Record<string, string> = {
      listen_addresses: LOOPBACK,
      unix_socket_directories: socketDirectory,
      password_encryption: 'scram-sha-256',
      // Throwaway data: durability only costs time.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_buffers: '32MB',
      max_connections: '200',
    };
    if (tls) {
      const ca = await runCertificateAuthority();
      const { certPath, keyPath } = await ca.issueServerCertificate(tlsDirectory);
      chmodSync(keyPath, 0o600);
      chownTree(tlsDirectory, user);
      caPem = ca.caPem;
      Object.assign(settings, { ssl: 'on', ssl_cert_file: certPath, ssl_key_file: keyPath });
    }
    chownTree(dataDirectory, user);

    const spawnProcess = (port: number): ManagedProcess =>
      new ManagedProcess({
        service: 'postgres',
        command: postgresBin,
        args: [
          '-D',
          dataDirectory,
          '-p',
          String(port),
          ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
        ],
        spawnOptions: spawnAs(user),
        // SIGINT = "fast shutdown": roll back open sessions and exit cleanly.
        stopSignal: 'SIGINT',
      });

    return await launchDatabaseServer({
      engine: 'postgres',
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
