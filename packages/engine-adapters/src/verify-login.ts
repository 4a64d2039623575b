import { AuthenticationFailedError } from './errors';
import type { ConnectOptions, DatabaseCredentials, DatabaseSession, EngineAdapter } from './types/adapter';

/** Logs in, pings, closes: true on success, false on an authentication failure, throws otherwise. */
export async function verifyLoginWith(
  adapter: EngineAdapter,
  credentials: DatabaseCredentials,
  options?: ConnectOptions,
): Promise<boolean> {
  let session: DatabaseSession;
  try {
    session = await adapter.connect(credentials, options);
  } catch (error) {
    if (error instanceof AuthenticationFailedError) return false;
    throw error;
  }
  try {
    await session.ping();
    return true;
  } finally {
    await session.close();
  }
}
