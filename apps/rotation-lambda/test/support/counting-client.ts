import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { RotationHandler } from '../../src';

/** One Secrets Manager call the handler made, with the step that made it. */
export interface RecordedCall {
  readonly step: string;
  /** The command name without `Command`, e.g. `GetSecretValue`. */
  readonly operation: string;
  /** The VersionStage of a GetSecretValue, when given. */
  readonly stage?: string;
}

/** Where to kill an invocation: before call `at` reaches the service, or after it took effect. */
export interface CallFault {
  readonly at: number;
  readonly when: 'before' | 'after';
}

/**
 * A counting wrapper around a Secrets Manager client (a Proxy over `send`, so it works over a
 * real client and over aws-sdk-client-mock alike). Records every call per step, and can kill
 * an invocation at a call boundary: from the fault on, every call of that invocation fails,
 * as if the process had died there.
 */
export class CountingClient {
  readonly calls: RecordedCall[] = [];
  readonly client: SecretsManagerClient;
  fault: CallFault | undefined;
  private step = 'none';
  private dead = false;

  constructor(target: SecretsManagerClient) {
    const send = async (command: { input?: Record<string, unknown> }): Promise<unknown> => {
      if (this.dead) throw new Error('invocation killed');
      const index = this.calls.length;
      const operation = command.constructor.name.replace(/Command$/, '');
      const stage = operation === 'GetSecretValue' ? command.input?.VersionStage : undefined;
      this.calls.push({ step: this.step, operation, ...(typeof stage === 'string' ? { stage } : {}) });
      if (this.fault?.at === index && this.fault.when === 'before') {
        this.dead = true;
        throw new Error('invocation killed before the call');
      }
      const killedAfter = this.fault?.at === index && this.fault.when === 'after';
      let output: unknown;
      try {
        output = await target.send(command as never);
      } catch (error) {
        // A call that failed (e.g. ResourceNotFound) can be killed after it too: its answer is lost.
        if (!killedAfter) throw error;
      }
      if (killedAfter) {
        this.dead = true;
        throw new Error('invocation killed after the call took effect');
      }
      return output;
    };
    this.client = new Proxy(target, {
      get: (object, property, receiver) =>
        property === 'send' ? send : (Reflect.get(object, property, receiver) as unknown),
    });
  }

  /** Wraps a handler so each call is attributed to the step being invoked. */
  wrap(handler: RotationHandler): RotationHandler {
    return async (event, context) => {
      this.step = String((event as { Step?: unknown }).Step);
      this.dead = false;
      return handler(event, context);
    };
  }

  /** Operations per step, in call order. */
  byStep(): Record<string, string[]> {
    const steps: Record<string, string[]> = {};
    for (const call of this.calls) {
      (steps[call.step] ??= []).push(
        call.stage === undefined ? call.operation : `${call.operation}(${call.stage})`,
      );
    }
    return steps;
  }

  reset(): void {
    this.calls.length = 0;
    this.fault = undefined;
  }
}
