/** A progress line for long runs. */
export interface Progress {
  /** One more unit of `total` done. */
  tick(label: string): void;
  /** Clears the line. */
  done(): void;
}

export interface ProgressTarget {
  readonly write: (text: string) => void;
  /** True when the target is a terminal; a bar in a log file or a pipe is noise. */
  readonly isTTY: boolean;
}

const WIDTH = 24;

/**
 * A one-line bar on a terminal (stderr, so stdout stays the report); silent when the target is
 * not a terminal or `CI` is set, which is where logs are read later rather than watched.
 */
export function createProgress(total: number, target: ProgressTarget, env: NodeJS.ProcessEnv): Progress {
  const quiet = !target.isTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false');
  if (quiet || total === 0) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  return {
    tick(label) {
      count = Math.min(total, count + 1);
      const filled = Math.round((count / total) * WIDTH);
      target.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} ${label}`
          .padEnd(80)
          .slice(0, 100),
      );
    },
    done() {
      target.write(`\r${' '.repeat(100)}\r`);
    },
  };
}
