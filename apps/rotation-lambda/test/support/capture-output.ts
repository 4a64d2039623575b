/**
 * Captures everything written to stdout and stderr (Powertools' logger and metrics write
 * there through their own Console), while still letting tests inspect it line by line.
 */
export class OutputCapture {
  readonly lines: string[] = [];
  private restore: Array<() => void> = [];

  start(): this {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        this.lines.push(...text.split('\n').filter((line) => line !== ''));
        const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
        callback?.();
        return true;
      };
      stream.write = capture as typeof stream.write;
      this.restore.push(() => {
        stream.write = original;
      });
    }
    return this;
  }

  stop(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  /** The JSON lines (log records and EMF documents). */
  records(): Array<Record<string, unknown>> {
    return this.lines.flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  }

  /** Log records (not EMF documents) of the logger. */
  logs(): Array<Record<string, unknown>> {
    return this.records().filter((record) => !('_aws' in record));
  }

  /** EMF metric documents. */
  metrics(): Array<Record<string, unknown>> {
    return this.records().filter((record) => '_aws' in record);
  }
}
