import { AuthenticationFailedError } from '@credential-rotation/engine-adapters';
import type {
  DatabaseCredentials,
  DatabaseSession,
  EngineAdapter,
} from '@credential-rotation/engine-adapters';
import { DatabaseOperationError } from './errors';
import type { StepContext } from './types/step-context';

/**
 * True when `credentials` log in, false on an authentication failure. Anything else
 * (unreachable host, TLS failure, timeout) rejects: trying other passwords would not help.
 */
export async function canLogIn(
  ctx: StepContext,
  adapter: EngineAdapter,
  credentials: DatabaseCredentials,
  who: string,
): Promise<boolean> {
  try {
    return await adapter.verifyLogin(credentials, ctx.connectOptions);
  } catch (error) {
    throw new DatabaseOperationError(`Logging in with ${who}`, error);
  }
}

/** Opens a session, or undefined on an authentication failure (other failures reject). */
export async function tryLogIn(
  ctx: StepContext,
  adapter: EngineAdapter,
  credentials: DatabaseCredentials,
  who: string,
): Promise<DatabaseSession | undefined> {
  try {
    return await adapter.connect(credentials, ctx.connectOptions);
  } catch (error) {
    if (error instanceof AuthenticationFailedError) return undefined;
    throw new DatabaseOperationError(`Logging in with ${who}`, error);
  }
}

/** Runs `work` and always closes the session; wraps failures with what was being done. */
export async function inSession(
  session: DatabaseSession,
  operation: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new DatabaseOperationError(operation, error);
  } finally {
    await session.close().catch(() => undefined);
  }
}
