// Worker thread of a parallel synth (synthesize.ts): synthesizes the stacks it is given and posts
// back their manifest entries, or the error that stopped it (name and message: config errors are
// reported as one line by main.ts; the stack is kept for bugs).
import { parentPort, workerData } from 'node:worker_threads';
import type { Environment } from '@credential-rotation/environment-config';
import type { StackSelection, SynthesizeStacksOptions } from './synthesize-stacks';
import { synthesizeStacks } from './synthesize-stacks';
import { disableTokenStackTraces } from './token-stack-traces';

export interface SynthWorkerInput {
  readonly environment: Environment;
  readonly selection: StackSelection;
  readonly options: SynthesizeStacksOptions;
}

export type SynthWorkerOutput =
  | { readonly ok: true; readonly entries: ReturnType<typeof synthesizeStacks> }
  | { readonly ok: false; readonly name: string; readonly message: string; readonly stack?: string };

const input = workerData as SynthWorkerInput;
let output: SynthWorkerOutput;
try {
  disableTokenStackTraces();
  output = { ok: true, entries: synthesizeStacks(input.environment, input.selection, input.options) };
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  output = {
    ok: false,
    name: e.name,
    message: e.message,
    ...(e.stack !== undefined ? { stack: e.stack } : {}),
  };
}
parentPort?.postMessage(output);
