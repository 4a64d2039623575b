/** Thrown when a service binary the harness needs is not installed. */
export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
  constructor(
    /** What is missing, e.g. `PostgreSQL server binaries (initdb, postgres)`. */
    readonly missing: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${missing} not found. Install the test services with \`bash .ci/install-test-deps\` (needs root or sudo), then run the tests again.`,
      options,
    );
  }
}

/** Thrown when a service does not start, become ready or stop within its time bound. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
  constructor(
    /** Which service, e.g. `postgres`. */
    readonly service: string,
    message: string,
    /** The last lines the service printed (the harness's own test passwords never reach them). */
    readonly logTail: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}${logTail ? `\n--- last output ---\n${logTail}` : ''}`, options);
  }
}
