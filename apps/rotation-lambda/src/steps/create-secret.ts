import { RotationStateError } from '../errors';
import { generatePassword } from '../password';
import { nextSecretString } from '../secret';
import { checkUsernames, nextUsername } from '../strategy';
import type { StepAction, StepContext } from '../types/step-context';
import { loadCurrent, loadPending } from '../versions';

/**
 * createSecret: stores the next credentials as the AWSPENDING value of the rotation's
 * version. Idempotent: an existing value is kept, and when a concurrent invocation stores
 * its value first, that one wins.
 *
 * Secrets Manager calls (after the handler's DescribeSecret): GetSecretValue(AWSCURRENT),
 * GetSecretValue(AWSPENDING), PutSecretValue. The AWSPENDING read before the write is not
 * redundant: PutSecretValue on AWS refuses to change a version, but moto (and any store
 * that does not follow AWS there) would overwrite a password setSecret already set.
 */
export async function createSecret(ctx: StepContext): Promise<StepAction> {
  const current = await loadCurrent(ctx);
  checkUsernames(current, 'AWSCURRENT');
  if ((await loadPending(ctx)) !== undefined) {
    ctx.log.info('AWSPENDING already holds a value; keeping it');
    return 'kept-existing';
  }
  const username = nextUsername(current);
  const password = generatePassword({
    length: ctx.config.passwordLength,
    excludeCharacters: ctx.config.excludeCharacters,
  });
  ctx.redactor.add(password);
  const secretString = nextSecretString(current, username, password);
  ctx.redactor.add(secretString);

  if ((await ctx.store.putPending(ctx.event.ClientRequestToken, secretString)) === 'created')
    return 'created';
  // A concurrent invocation stored its own value first; that value is the one to use.
  if ((await loadPending(ctx)) === undefined) {
    throw new RotationStateError(
      'PutSecretValue(AWSPENDING) reported an existing version, but it holds no value.',
    );
  }
  ctx.log.info('a concurrent invocation stored AWSPENDING first; keeping its value');
  return 'kept-concurrent';
}
