import { spawn, type SpawnOptions } from 'node:child_process';
import { trackChild } from './cleanup-registry';
import { TIMEOUTS_MS } from './constants';
import { ServiceStartError } from './errors';

/** Runs a short command to completion; rejects with its output when it fails or overruns. */
export function runCommand(
  service: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
  timeoutMs: number = TIMEOUTS_MS.initialize,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new ServiceStartError(service, `could not run ${command}`, '', { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new ServiceStartError(
            service,
            `${command} failed (code ${code}, signal ${signal})`,
            output.split('\n').slice(-40).join('\n'),
          ),
        );
    });
  });
}
