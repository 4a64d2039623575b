import { ServiceStartError } from './errors';
import type { ManagedProcess } from './managed-process';
import { startOnFreePort } from './start-on-free-port';
import type { DatabaseServer, DatabaseServerInfo } from './types/services';

export interface LaunchDatabaseServerOptions {
  readonly engine: DatabaseServerInfo['engine'];
  readonly host: string;
  readonly superuser: DatabaseServerInfo['superuser'];
  readonly caPem: string;
  /** Starts the server process on a port, with the same data directory every time. */
  readonly spawn: (port: number) => ManagedProcess;
  /** The log line that says the server accepts connections. */
  readonly readyLine: RegExp;
  /** Log output that means the port was taken. */
  readonly portTaken: RegExp;
  /** Removes the server's temporary directory. */
  readonly removeTemp: () => void;
}

/**
 * Starts a prepared database server on a free port and returns its handle: `restart()` keeps the
 * data directory and port, `stop()` also removes the temporary directory and is safe to call twice.
 */
export async function launchDatabaseServer(options: LaunchDatabaseServerOptions): Promise<DatabaseServer> {
  const waitReady = (server: ManagedProcess): Promise<void> => server.waitForLine(options.readyLine);
  const { port, server } = await startOnFreePort({
    spawn: options.spawn,
    waitReady,
    portTaken: options.portTaken,
  });
  let current = server;
  let stopped = false;
  return {
    engine: options.engine,
    host: options.host,
    port,
    superuser: options.superuser,
    caPem: options.caPem,
    async restart() {
      if (stopped) throw new ServiceStartError(options.engine, 'restart() after stop()', '');
      await current.stop();
      current = options.spawn(port);
      await waitReady(current);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await current.stop();
      options.removeTemp();
    },
  };
}
