import { findFreePort } from './free-port';
import type { ManagedProcess } from './managed-process';

/** How many free ports to try: another process can take a port between our probe and the bind. */
const PORT_ATTEMPTS = 3;

export interface StartOnFreePortOptions {
  /** Starts the server on the given port (not yet ready). */
  readonly spawn: (port: number) => ManagedProcess;
  /** Resolves once the server answers; rejects when it failed to start. */
  readonly waitReady: (server: ManagedProcess, port: number) => Promise<void>;
  /** Output that means the port was taken, so another port is worth a try. */
  readonly portTaken: RegExp;
}

/**
 * Starts a server on a free loopback port, trying another port when the first was taken
 * in the meantime; any other start failure is thrown at once.
 */
export async function startOnFreePort(
  options: StartOnFreePortOptions,
): Promise<{ readonly port: number; readonly server: ManagedProcess }> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const server = options.spawn(port);
    try {
      await options.waitReady(server, port);
      return { port, server };
    } catch (error) {
      await server.stop();
      if (attempt >= PORT_ATTEMPTS || !options.portTaken.test(server.output)) throw error;
    }
  }
}
