import { Lazy } from 'cdktf';
import { disableTokenStackTraces, TOKEN_STACK_TRACES_VARIABLE } from '../src/token-stack-traces';

// Its own file: the switch is process-wide, and any synth in the same file would turn it off first.
describe('disableTokenStackTraces', () => {
  const creationStack = () =>
    (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;

  it('keeps cdktf recording where each token was created when asked to', () => {
    expect(disableTokenStackTraces({ [TOKEN_STACK_TRACES_VARIABLE]: '1' })).toBe(false);
    expect(creationStack().length).toBeGreaterThan(0);
  });

  it('stops cdktf recording where each token was created (a quarter of a large synth)', () => {
    expect(disableTokenStackTraces({})).toBe(true);
    expect(creationStack()).toEqual([]);
  });
});
