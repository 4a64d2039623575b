/** The command line received an option it cannot use; the message names the option and the fix. */
export class ReportUsageError extends Error {
  public override readonly name = 'ReportUsageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The environment's config could not be found or is invalid. */
export class EnvironmentLoadError extends Error {
  public override readonly name = 'EnvironmentLoadError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * An AWS call failed. Only the error's name and HTTP status are kept: an SDK error message can
 * echo request fields, and the report prints this text.
 */
export class AwsAccessError extends Error {
  public override readonly name = 'AwsAccessError';

  constructor(
    readonly operation: string,
    readonly errorName: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation} failed: ${errorName}`, options);
  }
}

/** A short, value-free description of an SDK error: its name (AccessDenied, ThrottlingException...). */
export function describeAwsError(error: unknown): string {
  if (error instanceof AwsAccessError) return error.message;
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // Network errors are plain `Error`s: their code (ECONNREFUSED, ENOTFOUND) is the useful part.
    const code = (error as { code?: unknown }).code;
    const name = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `${error.name} ${code}` : error.name;
    return status === undefined ? name : `${name} (HTTP ${status})`;
  }
  return 'unknown error';
}

/** True for the errors that mean "this principal may not do that here". */
export function isAccessDenied(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error instanceof AwsAccessError ? error.errorName : error.name;
  return (
    /AccessDenied|UnauthorizedOperation|NotAuthorized|InvalidClientTokenId|ExpiredToken/i.test(name) ||
    isAccessDenied(error.cause)
  );
}
