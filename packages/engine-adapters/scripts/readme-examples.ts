// The README's snippets, kept here so that `npm run typecheck` proves they compile.
import { adapterFor, alternateUsername, assertUsableUsername, isConcurrentUpdateError } from '../src';
import type { DatabaseCredentials } from '../src';

export async function checkLogin(secret: DatabaseCredentials): Promise<boolean> {
  const adapter = adapterFor(secret.engine);
  return adapter.verifyLogin(secret);
}

export async function singleUser(current: DatabaseCredentials, pending: DatabaseCredentials): Promise<void> {
  const session = await adapterFor(current.engine).connect(current);
  try {
    await session.setOwnPassword(pending.password);
  } finally {
    await session.close();
  }
}

export async function alternatingUsers(
  master: DatabaseCredentials,
  current: DatabaseCredentials,
  pending: DatabaseCredentials,
): Promise<void> {
  const adapter = adapterFor(master.engine);
  assertUsableUsername(master.engine, current.username, { field: 'username', withCloneSuffix: true });
  const session = await adapter.connect(master);
  try {
    await session.ensureCloneUser(current.username, alternateUsername(current.username), pending.password);
  } finally {
    await session.close();
  }
}

export async function concurrentChange(
  current: DatabaseCredentials,
  pending: DatabaseCredentials,
): Promise<void> {
  const adapter = adapterFor(current.engine);
  const session = await adapter.connect(current);
  try {
    await session.setOwnPassword(pending.password);
  } catch (error) {
    if (!isConcurrentUpdateError(error) || !(await adapter.verifyLogin(pending))) throw error;
  } finally {
    await session.close();
  }
}
