/**
 * cdktf records a complete stack trace (with no depth limit) for every token it creates: each
 * attribute reference, each nested block's output object, each Lazy value. It reads them only to
 * decorate an error about a token that cannot be resolved. In a large organization that recording
 * is a quarter of the synth time (a CPU profile of 100 workload stacks: 2.4 of 9.2 s), so the app
 * turns it off.
 *
 * The token classes look the function up on its module's exports at every call (`(0,
 * stack_trace_1.captureStackTrace)()`), so replacing the export is enough. Set
 * CREDENTIAL_ROTATION_TOKEN_STACK_TRACES=1 to keep them while debugging a resolution error.
 * cdktf is pinned to an exact version; a test fails if this module stops having the effect.
 */
export const TOKEN_STACK_TRACES_VARIABLE = 'CREDENTIAL_ROTATION_TOKEN_STACK_TRACES';

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/** Stops cdktf recording stack traces for tokens, unless the variable asks to keep them. Returns whether it did. */
export function disableTokenStackTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[TOKEN_STACK_TRACES_VARIABLE] === '1') return false;
  // A private module of cdktf: required by path because cdktf exports no switch for this.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;
  stackTrace.captureStackTrace = () => [];
  return true;
}
