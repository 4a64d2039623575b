/** The synthesized stack file is not there: synth has not run (or ran elsewhere). */
export class StackNotSynthesizedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackNotSynthesizedError';
  }
}

/** A `${...}` reference in cdk.tf.json that the resolver does not know how to turn into a value. */
export class UnresolvedReferenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnresolvedReferenceError';
  }
}

/** A policy in the stack could not be read or evaluated. */
export class PolicyEvaluationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyEvaluationError';
  }
}
