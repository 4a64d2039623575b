import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Children and temp dirs to remove if this process exits without calling stop():
 * a crashed jest run must not leave servers holding ports.
 */
const children = new Set<ChildProcess>();
const directories = new Set<string>();
let installed = false;

function cleanupNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  for (const directory of directories) {
    // A server killed a moment ago can still create a file while rm walks its data dir
    // (ENOTEMPTY): retry briefly, and never let one directory stop the others' cleanup.
    try {
      rmSync(directory, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch {
      // best effort: the process is exiting
    }
  }
  directories.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupNow();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  installed = false;
  // Alone, we re-raise so the default action (exit) happens; otherwise the other handlers
  // (jest's, for example) already got this signal and decide.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.off('exit', cleanupNow);
  process.on('exit', cleanupNow);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

export function trackChild(child: ChildProcess): void {
  install();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function trackDirectory(directory: string): void {
  install();
  directories.add(directory);
}

export function untrackDirectory(directory: string): void {
  directories.delete(directory);
}

/** The temp dirs this process would remove on exit now (for the exit-cleanup test's fixture). */
export function trackedDirectories(): readonly string[] {
  return [...directories];
}
