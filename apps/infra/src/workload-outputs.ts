import type { WorkloadRotation } from '@credential-rotation/constructs';
import { TerraformOutput } from 'cdktf';
import type { TerraformStack } from 'cdktf';

/** What database and application teams need after a deploy, for one workload account. */
export function addWorkloadOutputs(stack: TerraformStack, name: string, workload: WorkloadRotation): void {
  if (workload.rotationFunction === undefined || workload.alarms === undefined) return;
  new TerraformOutput(stack, `${name}-rotation-security-group-id`, {
    description: `Allow ingress from this security group on the database ports (${name})`,
    value: workload.rotationFunction.securityGroup.id,
  });
  new TerraformOutput(stack, `${name}-rotation-function-name`, {
    value: workload.rotationFunction.functionName,
  });
  new TerraformOutput(stack, `${name}-alerts-topic-arn`, {
    value: workload.alarms.topic.arn,
  });
}

/** ARNs of a workload account's managed keys, which its guard rules alert on. */
export function managedKeyArns(rotation: WorkloadRotation): string[] {
  return [rotation.secretsKey, rotation.operationsKey].flatMap((key) => (key ? [key.keyArn] : []));
}
