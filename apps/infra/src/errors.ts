/** The rotation function bundle has not been built. */
export class LambdaArtifactMissingError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LambdaArtifactMissingError';
  }
}

/** A layout move cannot be planned as imports and forgets only (a missing state, an unimportable type). */
export class LayoutMoveError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LayoutMoveError';
  }
}
