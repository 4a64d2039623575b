/** Reading a synth output failed: the folder is missing or a `cdk.tf.json` is not valid JSON. */
export class StackLoadError extends Error {
  public override readonly name = 'StackLoadError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The command line received an option it cannot use. */
export class SynthDiffUsageError extends Error {
  public override readonly name = 'SynthDiffUsageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
