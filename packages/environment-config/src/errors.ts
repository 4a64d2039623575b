/** Thrown when one or more environment configs are invalid; `problems` holds one line each. */
export class EnvironmentConfigError extends Error {
  public readonly problems: readonly string[];

  public constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(`invalid environment config:\n${problems.join('\n')}`, options);
    this.name = 'EnvironmentConfigError';
    this.problems = problems;
  }
}

/** Thrown when a name built by the naming helpers would break an AWS naming rule. */
export class ResourceNameError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResourceNameError';
  }
}
