import { InvalidSecretError, LoginFailedError, RotationStateError } from '../errors';
import { canLogIn } from '../database';
import { loginAs } from '../secret';
import { checkUsernames } from '../strategy';
import type { StepAction, StepContext } from '../types/step-context';
import { loadPending } from '../versions';

/**
 * testSecret: logs in with AWSPENDING and runs a read-only query. Changes nothing.
 *
 * Reads AWSPENDING only: it is tested against its own connection facts, which setSecret has
 * already checked against AWSCURRENT (and a version's value cannot change afterwards), so
 * reading AWSCURRENT here would add a call and no safety.
 */
export async function testSecret(ctx: StepContext): Promise<StepAction> {
  const pending = await loadPending(ctx);
  if (pending === undefined) {
    throw new RotationStateError('AWSPENDING holds no value; createSecret has not run for this version.');
  }
  ctx.log.annotate({ engine: pending.engine });
  checkUsernames(pending, 'AWSPENDING');
  if (pending.password === undefined) throw new InvalidSecretError('AWSPENDING', 'password', 'is required');
  const adapter = ctx.adapterFor(pending.engine);
  if (!(await canLogIn(ctx, adapter, loginAs(pending, pending.username, pending.password), 'AWSPENDING'))) {
    throw new LoginFailedError(`AWSPENDING does not log in as ${JSON.stringify(pending.username)}.`);
  }
  return 'tested';
}
