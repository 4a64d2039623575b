#!/usr/bin/env node
import { runCli } from './cli';
import { EXIT_CODES } from './constants';

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
// A bug keeps its stack, and exits 2 ("could not complete"): 1 would read as "findings" to a pipeline.
runCli(process.argv.slice(2), { ...io, stderrIsTTY: process.stderr.isTTY === true, env: process.env }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = EXIT_CODES.incomplete;
  },
);
