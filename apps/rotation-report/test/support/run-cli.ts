import { runCli } from '../../src';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line in-process with dummy base credentials (moto accepts any). */
export async function runReport(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stderrIsTTY: false,
    env,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  return { code, stdout, stderr };
}
