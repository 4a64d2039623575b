/** The environment configs or bootstrap settings cannot produce a valid set of workspaces. */
export class BootstrapConfigError extends Error {
  public override readonly name = 'BootstrapConfigError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
