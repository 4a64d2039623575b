/** The rotation function bundle has not been built. */
export class LambdaArtifactMissingError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LambdaArtifactMissingError';
  }
}
