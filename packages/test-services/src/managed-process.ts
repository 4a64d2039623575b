import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { trackChild } from './cleanup-registry';
import { TIMEOUTS_MS } from './constants';
import { ServiceStartError } from './errors';

const TAIL_LINES = 40;

export interface ManagedProcessProps {
  /** Service name used in errors. */
  readonly service: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly spawnOptions?: SpawnOptions;
  /** Signal that asks the service for a clean, fast shutdown. @default 'SIGTERM' */
  readonly stopSignal?: NodeJS.Signals;
}

/** One long-running child: keeps the tail of its output, waits for readiness, stops with a bound. */
export class ManagedProcess {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly exited: Promise<void>;
  private readonly listeners = new Set<(line: string) => void>();

  constructor(private readonly props: ManagedProcessProps) {
    this.child = spawn(props.command, [...props.args], {
      ...props.spawnOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(this.child);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.once('error', (error) => this.record(`spawn error: ${error.message}`));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach((line) => this.record(line));
      });
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get output(): string {
    return this.tail.join('\n');
  }

  /** Resolves when a line matches; rejects when the process exits first or the bound passes. */
  waitForLine(pattern: RegExp, timeoutMs: number = TIMEOUTS_MS.ready): Promise<void> {
    if (this.tail.some((line) => pattern.test(line))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const listener = (line: string): void => {
        if (pattern.test(line)) finish();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
        finish(
          new ServiceStartError(
            this.props.service,
            `exited before it was ready (code ${code}, signal ${signal})`,
            this.output,
          ),
        );
      const timer = setTimeout(
        () =>
          finish(new ServiceStartError(this.props.service, `not ready within ${timeoutMs} ms`, this.output)),
        timeoutMs,
      );
      this.listeners.add(listener);
      this.child.once('exit', onExit);
      if (!this.running) onExit(this.child.exitCode, this.child.signalCode);
    });
  }

  /** Asks for a clean shutdown, then SIGKILL after the bound. */
  async stop(timeoutMs: number = TIMEOUTS_MS.stop): Promise<void> {
    if (!this.running) return;
    this.child.kill(this.props.stopSignal ?? 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    const killed = await Promise.race([this.exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (killed && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private record(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    this.listeners.forEach((listener) => listener(line));
  }
}
