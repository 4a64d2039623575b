import { InvalidSecretError, LoginFailedError, RotationStateError } from '../errors';
import { canLogIn } from '../database';
import { loginAs } from '../secret';
import { checkPendingMatchesCurrent } from '../strategy';
import type { StepAction, StepContext } from '../types/step-context';
import { loadCurrent, loadPending } from '../versions';

/** testSecret: logs in with AWSPENDING and runs a read-only query. Changes nothing. */
export async function testSecret(ctx: StepContext): Promise<StepAction> {
  const current = await loadCurrent(ctx);
  const pending = await loadPending(ctx);
  if (pending === undefined) {
    throw new RotationStateError('AWSPENDING holds no value; createSecret has not run for this version.');
  }
  checkPendingMatchesCurrent(current, pending);
  if (pending.password === undefined) throw new InvalidSecretError('AWSPENDING', 'password', 'is required');
  const adapter = ctx.adapterFor(pending.engine);
  if (!(await canLogIn(ctx, adapter, loginAs(current, pending.username, pending.password), 'AWSPENDING'))) {
    throw new LoginFailedError(`AWSPENDING does not log in as ${JSON.stringify(pending.username)}.`);
  }
  return 'tested';
}
