import { RotationStateError } from '../errors';
import { currentVersionId } from '../rotation-state';
import type { StepAction, StepContext } from '../types/step-context';
import { loadPending } from '../versions';

/**
 * finishSecret: moves AWSCURRENT to the rotation's version (Secrets Manager then moves
 * AWSPREVIOUS to the old one). Does not rely on AWSPENDING being removed afterwards.
 */
export async function finishSecret(ctx: StepContext): Promise<StepAction> {
  const token = ctx.event.ClientRequestToken;
  const from = currentVersionId(ctx.metadata);
  // The pre-step check already returns for a token that is AWSCURRENT; this guards a race.
  if (from === token) return 'already-current';
  // Never promote a version that holds no value or no valid secret.
  const pending = await loadPending(ctx);
  if (pending === undefined) {
    throw new RotationStateError('AWSPENDING holds no value; refusing to make it AWSCURRENT.');
  }
  ctx.log.annotate({ engine: pending.engine });
  try {
    await ctx.store.moveCurrent(token, from);
  } catch (error) {
    // A concurrent duplicate invocation may have moved the label first: check before failing.
    if (currentVersionId(await ctx.store.describe()) === token) return 'already-current';
    throw error;
  }
  return 'moved-current';
}
