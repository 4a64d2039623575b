import { randomUUID } from 'node:crypto';
import {
  DescribeSecretCommand,
  RotateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ROTATION_STEPS, SDK_ERRORS, VERSION_STAGES } from '../constants';
import type { RotationStep } from '../constants';
import { RotationError, describeCause } from '../errors';
import type { RotationHandler } from '../rotation-handler';

export interface RotationDriverProps {
  /** A Secrets Manager client for the local endpoint (moto). */
  readonly client: SecretsManagerClient;
  /** The rotation function to invoke for each step. */
  readonly handler: RotationHandler;
  /**
   * Function ARN given to RotateSecret. Moto records the rotation, then fails to find this
   * function; the driver invokes `handler` itself. Never a real function.
   * @default 'arn:aws:lambda:<region>:123456789012:function:credential-rotation-local'
   */
  readonly rotationLambdaArn?: string;
  /**
   * Rotation schedule recorded with the secret (RotateSecret enables rotation).
   * @default 30
   */
  readonly automaticallyAfterDays?: number;
}

export interface RotateOptions {
  /**
   * Version id of the new version.
   * @default - a random UUID
   */
  readonly token?: string;
  /**
   * Extra invocations of a step after it succeeded, as when Lambda retries an invocation
   * that timed out although it finished.
   * @default - each step runs once
   */
  readonly repeat?: Partial<Record<RotationStep, number>>;
  /**
   * Number of simultaneous invocations of a step (duplicate deliveries).
   * @default - 1 for every step
   */
  readonly concurrent?: Partial<Record<RotationStep, number>>;
  /**
   * Stop after this step as if the function or the service crashed: the rotation stays
   * incomplete (AWSPENDING on a version that is not AWSCURRENT).
   * @default - run all four steps
   */
  readonly crashAfter?: RotationStep;
  /**
   * What to do when an earlier rotation is incomplete. `fail` is what RotateSecret answers
   * ("A previous rotation isn't complete"); `reattempt` is what the service then does: it
   * runs the four steps again with the earlier version id.
   * @default 'fail'
   */
  readonly onIncomplete?: 'fail' | 'reattempt';
  /**
   * Leave AWSPENDING on the new version after finishSecret. Secrets Manager removes it;
   * tests use this to show the function does not depend on that.
   * @default false
   */
  readonly skipPendingCleanup?: boolean;
  /**
   * Called before each invocation, e.g. to change the database between steps.
   * @default - nothing
   */
  readonly beforeStep?: (step: RotationStep, token: string) => Promise<void> | void;
}

export interface RotationResult {
  readonly token: string;
  /** False when `crashAfter` stopped the rotation. */
  readonly completed: boolean;
  /** True when an incomplete earlier rotation was reattempted. */
  readonly reattempted: boolean;
  /** Number of handler invocations. */
  readonly invocations: number;
}

/** An earlier rotation is incomplete and `onIncomplete` is `fail` (RotateSecret's answer on AWS). */
export class RotationInProgressError extends RotationError {
  constructor(readonly pendingVersionId: string) {
    super(`A previous rotation isn't complete (AWSPENDING is version ${pendingVersionId}).`);
    this.name = 'RotationInProgressError';
  }
}

/** The driver could not start or finish a rotation; `step` names the failed step. */
export class RotationDriverError extends RotationError {
  constructor(
    readonly step: RotationStep | 'start',
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RotationDriverError';
  }
}

const DEFAULT_ACCOUNT = '123456789012';

/**
 * Drives rotations against a local Secrets Manager (moto) the way the service does on AWS:
 * RotateSecret creates an AWSPENDING version id with no value, then the function is invoked
 * with createSecret, setSecret, testSecret and finishSecret, and finally AWSPENDING is removed.
 * Where moto differs from AWS, the driver follows AWS (see the README, "Where moto differs").
 *
 * @example
 * const driver = new RotationDriver({ client: moto.client(), handler });
 * await driver.rotate(secretArn);
 */
export class RotationDriver {
  /** Serialises starts per secret, as the service does (moto does not). */
  private readonly starting = new Map<string, Promise<unknown>>();

  constructor(private readonly props: RotationDriverProps) {}

  async rotate(secretId: string, options: RotateOptions = {}): Promise<RotationResult> {
    const { token, reattempted } = await this.serialised(secretId, () => this.start(secretId, options));
    const rotationToken = randomUUID();
    let invocations = 0;
    for (const step of ROTATION_STEPS) {
      const times = 1 + (options.repeat?.[step] ?? 0);
      for (let round = 0; round < times; round++) {
        await options.beforeStep?.(step, token);
        const parallel = Math.max(1, options.concurrent?.[step] ?? 1);
        const results = await Promise.allSettled(
          Array.from({ length: parallel }, () =>
            this.props.handler({
              Step: step,
              SecretId: secretId,
              ClientRequestToken: token,
              RotationToken: rotationToken,
            }),
          ),
        );
        invocations += parallel;
        // With duplicate deliveries one success is enough, as with Lambda's at-least-once delivery.
        const failure = results.find(
          (result): result is PromiseRejectedResult => result.status === 'rejected',
        );
        if (results.every((result) => result.status === 'rejected') && failure !== undefined) {
          throw new RotationDriverError(
            step,
            `${step} failed: ${describeCause(failure.reason)}`,
            failure.reason,
          );
        }
      }
      if (options.crashAfter === step) return { token, completed: false, reattempted, invocations };
    }
    if (options.skipPendingCleanup !== true) await this.removePending(secretId, token);
    return { token, completed: true, reattempted, invocations };
  }

  /** Runs RotateSecret's part: checks for an incomplete rotation, creates the empty AWSPENDING version. */
  private async start(
    secretId: string,
    options: RotateOptions,
  ): Promise<{ token: string; reattempted: boolean }> {
    const versions = await this.versions(secretId);
    for (const [versionId, stages] of versions) {
      if (!stages.includes(VERSION_STAGES.pending)) continue;
      if (stages.includes(VERSION_STAGES.current)) {
        // Finished, but AWSPENDING was not removed. AWS treats this as complete; moto would
        // refuse RotateSecret ("still in progress"), so remove it as the service would have.
        await this.removePending(secretId, versionId);
        continue;
      }
      if ((options.onIncomplete ?? 'fail') === 'fail') throw new RotationInProgressError(versionId);
      return { token: versionId, reattempted: true };
    }

    const token = options.token ?? randomUUID();
    const region = await this.props.client.config.region();
    const functionArn =
      this.props.rotationLambdaArn ??
      `arn:aws:lambda:${region}:${DEFAULT_ACCOUNT}:function:credential-rotation-local`;
    try {
      await this.props.client.send(
        new RotateSecretCommand({
          SecretId: secretId,
          ClientRequestToken: token,
          RotationLambdaARN: functionArn,
          RotationRules: { AutomaticallyAfterDays: this.props.automaticallyAfterDays ?? 30 },
          RotateImmediately: true,
        }),
      );
    } catch (error) {
      // Moto records the pending version and the schedule, then cannot find the function.
      const expected = error instanceof Error && error.name === SDK_ERRORS.resourceNotFound;
      if (!expected)
        throw new RotationDriverError('start', `RotateSecret failed: ${describeCause(error)}`, error);
    }
    const stages = (await this.versions(secretId)).get(token);
    if (
      stages === undefined ||
      !stages.includes(VERSION_STAGES.pending) ||
      stages.includes(VERSION_STAGES.current)
    ) {
      throw new RotationDriverError(
        'start',
        'RotateSecret did not leave an AWSPENDING version for the new token; this driver expects the local ' +
          "endpoint to behave like moto 5.2 (see the README, 'Where moto differs').",
      );
    }
    return { token, reattempted: false };
  }

  private async versions(secretId: string): Promise<Map<string, readonly string[]>> {
    const output = await this.props.client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return new Map(Object.entries(output.VersionIdsToStages ?? {}));
  }

  private async removePending(secretId: string, versionId: string): Promise<void> {
    await this.props.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: VERSION_STAGES.pending,
        RemoveFromVersionId: versionId,
      }),
    );
  }

  private async serialised<T>(secretId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.starting.get(secretId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.starting.set(secretId, next);
    try {
      return await next;
    } finally {
      if (this.starting.get(secretId) === next) this.starting.delete(secretId);
    }
  }
}
