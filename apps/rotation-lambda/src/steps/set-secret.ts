import type { EngineAdapter } from '@credential-rotation/engine-adapters';
import { InvalidSecretError, LoginFailedError, RotationStateError } from '../errors';
import { loginAs } from '../secret';
import type { DatabaseSecret } from '../secret';
import { baseUsername, checkPendingMatchesCurrent, checkUsernameLength, isCloneName } from '../strategy';
import { canLogIn, inSession, tryLogIn } from '../database';
import type { StepAction, StepContext } from '../types/step-context';
import { loadCurrent, loadMaster, loadPending, loadPrevious } from '../versions';

/**
 * setSecret: makes the database accept the AWSPENDING password.
 *
 * 1. AWSPENDING already logs in (a retried invocation): nothing to do.
 * 2. Single user: log in as the user with AWSCURRENT, then AWSPREVIOUS (the database may
 *    still be on it after a drifted secret), and change the user's own password; when
 *    neither logs in, set it as the master user (`masterarn`): the first-password bootstrap.
 * 3. Alternating users: log in as the master user and set the other user's password,
 *    creating `<user>_clone` with the base user's privileges when needed.
 */
export async function setSecret(ctx: StepContext): Promise<StepAction> {
  const current = await loadCurrent(ctx);
  const pending = await loadPending(ctx);
  if (pending === undefined) {
    throw new RotationStateError('AWSPENDING holds no value; createSecret has not run for this version.');
  }
  checkPendingMatchesCurrent(current, pending);
  const adapter = ctx.adapterFor(pending.engine);
  checkUsernameLength(adapter, pending.username, 'AWSPENDING');
  const pendingPassword = pending.password;
  if (pendingPassword === undefined) throw new InvalidSecretError('AWSPENDING', 'password', 'is required');
  const pendingLogin = loginAs(current, pending.username, pendingPassword);
  const alternating = current.rotationStrategy === 'alternating-users';

  if (await canLogIn(ctx, adapter, pendingLogin, 'AWSPENDING')) {
    // A clone created by an interrupted earlier attempt may lack privileges: repeat that part.
    if (!alternating || !isCloneName(pending.username)) return 'already-set';
    ctx.log.info('AWSPENDING logs in; re-applying the clone privileges');
  }
  if (alternating) return setAsMaster(ctx, adapter, current, pending.username, pendingPassword);

  const fallbacks: Array<[string, DatabaseSecret | undefined]> = [
    ['AWSCURRENT', current],
    ['AWSPREVIOUS', await loadPrevious(ctx)],
  ];
  for (const [label, secret] of fallbacks) {
    if (secret?.password === undefined || secret.username !== pending.username) continue;
    const session = await tryLogIn(ctx, adapter, loginAs(current, secret.username, secret.password), label);
    if (session === undefined) {
      ctx.log.info(`${label} does not log in; trying the next credentials`);
      continue;
    }
    await inSession(
      session,
      `Changing the password of user ${JSON.stringify(pending.username)} as itself`,
      () => session.setOwnPassword(pendingPassword),
    );
    return `set-by-${label === 'AWSCURRENT' ? 'current' : 'previous'}`;
  }
  // A concurrent duplicate invocation may have changed the password meanwhile.
  if (await canLogIn(ctx, adapter, pendingLogin, 'AWSPENDING')) return 'already-set';
  if (current.masterarn !== undefined) {
    ctx.log.info('neither AWSCURRENT nor AWSPREVIOUS logs in; setting the password as the master user');
    return setAsMaster(ctx, adapter, current, pending.username, pendingPassword);
  }
  throw new LoginFailedError(
    `Neither AWSPENDING, AWSCURRENT nor AWSPREVIOUS logs in as ${JSON.stringify(pending.username)}, ` +
      'and the secret has no masterarn to set the password with.',
  );
}

async function setAsMaster(
  ctx: StepContext,
  adapter: EngineAdapter,
  current: DatabaseSecret,
  username: string,
  password: string,
): Promise<StepAction> {
  const masterArn = current.masterarn;
  if (masterArn === undefined) throw new InvalidSecretError('AWSCURRENT', 'masterarn', 'is required');
  const master = await loadMaster(ctx, masterArn);
  // The master logs in where the rotated user does: RDS-managed master secrets hold no host.
  const session = await tryLogIn(
    ctx,
    adapter,
    loginAs(current, master.username, master.password),
    'the master secret',
  );
  if (session === undefined) throw new LoginFailedError('The master secret (masterarn) does not log in.');
  if (current.rotationStrategy === 'alternating-users' && isCloneName(username)) {
    const base = baseUsername(username);
    await inSession(
      session,
      `Creating or updating ${JSON.stringify(username)} as a clone of ${JSON.stringify(base)}`,
      () => session.ensureCloneUser(base, username, password),
    );
    return 'clone-set-by-master';
  }
  await inSession(
    session,
    `Setting the password of user ${JSON.stringify(username)} as the master user`,
    () => session.setUserPassword(username, password),
  );
  return 'set-by-master';
}
