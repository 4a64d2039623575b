import { isConcurrentUpdateError } from '@credential-rotation/engine-adapters';
import type {
  DatabaseCredentials,
  DatabaseSession,
  EngineAdapter,
} from '@credential-rotation/engine-adapters';
import { DatabaseOperationError, InvalidSecretError, LoginFailedError, RotationStateError } from '../errors';
import { loginAs } from '../secret';
import type { DatabaseSecret } from '../secret';
import { baseUsername, checkPendingMatchesCurrent, checkUsernames, isCloneName } from '../strategy';
import { canLogIn, inSession, tryLogIn } from '../database';
import type { StepAction, StepContext } from '../types/step-context';
import { loadCurrent, loadMaster, loadOrphanedPending, loadPending, loadPrevious } from '../versions';

/**
 * setSecret: makes the database accept the AWSPENDING password.
 *
 * Single user, cheapest first (a warm rotation reads AWSCURRENT and AWSPENDING and logs in once):
 * 1. log in with AWSCURRENT and change the user's own password;
 * 2. else AWSPENDING already logs in (a retried or concurrent duplicate invocation): done;
 * 3. else AWSPREVIOUS (the database may still be on it after a drifted secret), then
 *    AWSPENDING once more (a duplicate invocation may have just changed it from AWSPREVIOUS);
 * 4. else, without `masterarn`, the newest unlabelled version this function wrote (AWSPENDING
 *    removed by hand after an earlier setSecret had changed the password);
 * 5. else set it as the master user (`masterarn`): the first-password bootstrap;
 * 6. else refuse, saying how to recover.
 *
 * Alternating users: log in as the master user and set the other user's password, creating
 * `<user>_clone` with the base user's privileges when needed.
 *
 * A password change that fails because a concurrent session changed the same row (PostgreSQL
 * "tuple concurrently updated", a deadlock, a lock wait timeout) is a concurrent duplicate
 * invocation of this step: it succeeds when AWSPENDING then logs in.
 */
export async function setSecret(ctx: StepContext): Promise<StepAction> {
  const current = await loadCurrent(ctx);
  checkUsernames(current, 'AWSCURRENT');
  const pending = await loadPending(ctx);
  if (pending === undefined) {
    throw new RotationStateError('AWSPENDING holds no value; createSecret has not run for this version.');
  }
  checkPendingMatchesCurrent(current, pending);
  const adapter = ctx.adapterFor(pending.engine);
  const pendingPassword = pending.password;
  if (pendingPassword === undefined) throw new InvalidSecretError('AWSPENDING', 'password', 'is required');
  const pendingLogin = loginAs(current, pending.username, pendingPassword);
  const change: PasswordChange = { ctx, adapter, pendingLogin };

  if (current.rotationStrategy === 'alternating-users') {
    if (await canLogIn(ctx, adapter, pendingLogin, 'AWSPENDING')) {
      // A clone created by an interrupted earlier attempt may lack privileges: repeat that part.
      if (!isCloneName(pending.username)) return 'already-set';
      ctx.log.info('AWSPENDING logs in; re-applying the clone privileges');
    }
    return setAsMaster(change, current, pending.username, pendingPassword);
  }

  const setOwn = async (
    label: string,
    secret: DatabaseSecret | undefined,
  ): Promise<StepAction | undefined> => {
    if (secret?.password === undefined || secret.username !== pending.username) return undefined;
    const session = await tryLogIn(ctx, adapter, loginAs(current, secret.username, secret.password), label);
    if (session === undefined) {
      ctx.log.info(`${label} does not log in; trying the next credentials`);
      return undefined;
    }
    const outcome = await changePassword(
      change,
      session,
      `Changing the password of user ${JSON.stringify(pending.username)} as itself`,
      () => session.setOwnPassword(pendingPassword),
    );
    return outcome === 'changed' ? `set-by-${label === 'AWSCURRENT' ? 'current' : 'previous'}` : outcome;
  };

  const byCurrent = await setOwn('AWSCURRENT', current);
  if (byCurrent !== undefined) return byCurrent;
  // AWSCURRENT no longer logs in: most often because an earlier attempt already set AWSPENDING.
  if (await canLogIn(ctx, adapter, pendingLogin, 'AWSPENDING')) return 'already-set';
  const previous = await loadPrevious(ctx);
  const byPrevious = await setOwn('AWSPREVIOUS', previous);
  if (byPrevious !== undefined) return byPrevious;
  // A duplicate invocation may have changed the password from AWSPREVIOUS meanwhile.
  if (previous !== undefined && (await canLogIn(ctx, adapter, pendingLogin, 'AWSPENDING')))
    return 'already-set';

  if (current.masterarn !== undefined) {
    ctx.log.info('neither AWSCURRENT nor AWSPREVIOUS logs in; setting the password as the master user');
    return setAsMaster(change, current, pending.username, pendingPassword);
  }
  const orphan = await loadOrphanedPending(ctx, current);
  if (orphan !== undefined) {
    const label = `version ${orphan.versionId} (no label)`;
    ctx.log.info(`trying ${label}: the newest pending value of an earlier rotation`);
    const byOrphan = await setOwn(label, orphan.secret);
    if (byOrphan !== undefined) return byOrphan.startsWith('set-by-') ? 'set-by-orphaned-pending' : byOrphan;
  }
  throw new LoginFailedError(
    `Neither AWSCURRENT, AWSPENDING nor AWSPREVIOUS logs in as ${JSON.stringify(pending.username)}` +
      (orphan === undefined
        ? ', no unlabelled version written by this function was found'
        : `, nor does version ${orphan.versionId} (no label)`) +
      ', and the secret has no masterarn to set the password with. If AWSPENDING was removed by hand after ' +
      'setSecret had changed the password, the database holds the password of that now unlabelled version: ' +
      'find it (list-secret-version-ids --include-deprecated), move AWSCURRENT to it ' +
      '(update-secret-version-stage --version-stage AWSCURRENT --move-to-version-id <that id> ' +
      '--remove-from-version-id <the AWSCURRENT id>) and retry the rotation; otherwise reset the password ' +
      'as the master user and store it as AWSCURRENT. See the rotation runbook.',
  );
}

interface PasswordChange {
  readonly ctx: StepContext;
  readonly adapter: EngineAdapter;
  /** AWSPENDING's login, checked when a change loses a race with a duplicate invocation. */
  readonly pendingLogin: DatabaseCredentials;
}

/**
 * Runs a password change in `session` (closed afterwards). When it fails because a concurrent
 * session changed or locked the same row, a duplicate invocation of this step is the likely
 * other party: `already-set-concurrently` when AWSPENDING now logs in, else the error.
 */
async function changePassword(
  change: PasswordChange,
  session: DatabaseSession,
  operation: string,
  work: () => Promise<void>,
): Promise<'changed' | 'already-set-concurrently'> {
  try {
    await inSession(session, operation, work);
    return 'changed';
  } catch (error) {
    if (!(error instanceof DatabaseOperationError) || !isConcurrentUpdateError(error.cause)) throw error;
    change.ctx.log.info('the password change collided with a concurrent one; checking AWSPENDING', {
      reason: error.message,
    });
    if (await canLogIn(change.ctx, change.adapter, change.pendingLogin, 'AWSPENDING')) {
      return 'already-set-concurrently';
    }
    throw error;
  }
}

async function setAsMaster(
  change: PasswordChange,
  current: DatabaseSecret,
  username: string,
  password: string,
): Promise<StepAction> {
  const { ctx, adapter } = change;
  const masterArn = current.masterarn;
  if (masterArn === undefined) throw new InvalidSecretError('AWSCURRENT', 'masterarn', 'is required');
  const master = await loadMaster(ctx, masterArn);
  // The master logs in where the rotated user does: RDS-managed master secrets hold no host.
  const masterLogin = loginAs(current, master.username, master.password);
  const openMaster = async (): Promise<DatabaseSession> => {
    const session = await tryLogIn(ctx, adapter, masterLogin, 'the master secret');
    if (session === undefined) throw new LoginFailedError('The master secret (masterarn) does not log in.');
    return session;
  };
  if (current.rotationStrategy === 'alternating-users' && isCloneName(username)) {
    const base = baseUsername(username);
    const operation = `Creating or updating ${JSON.stringify(username)} as a clone of ${JSON.stringify(base)}`;
    const ensureClone = async (): Promise<void> => {
      const session = await openMaster();
      await inSession(session, operation, () => session.ensureCloneUser(base, username, password));
    };
    try {
      await ensureClone();
    } catch (error) {
      // A concurrent duplicate may still be copying grants: the clone work is idempotent, so
      // run it once more rather than report success for a clone that may lack privileges.
      if (!(error instanceof DatabaseOperationError) || !isConcurrentUpdateError(error.cause)) throw error;
      ctx.log.info('the clone update collided with a concurrent one; running it once more');
      await ensureClone();
    }
    return 'clone-set-by-master';
  }
  const session = await openMaster();
  const outcome = await changePassword(
    change,
    session,
    `Setting the password of user ${JSON.stringify(username)} as the master user`,
    () => session.setUserPassword(username, password),
  );
  return outcome === 'changed' ? 'set-by-master' : outcome;
}
