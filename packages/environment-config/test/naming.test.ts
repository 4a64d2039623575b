import {
  ResourceNameError,
  breakGlassRoleArn,
  dynamicCredentialsTag,
  workloadProviderAlias,
  partitionOf,
  planRoleArn,
  resourceName,
  secretName,
  workloadRoleArn,
} from '../src';

describe('resourceName', () => {
  it('prefixes the environment', () => {
    expect(resourceName('prod', 'secrets-rotation', 'payments')).toBe('prod-secrets-rotation-payments');
  });

  it('throws on characters AWS names reject', () => {
    expect(() => resourceName('prod', 'Payments')).toThrow(ResourceNameError);
    expect(() => resourceName('prod', 'a_b')).toThrow('must be lower-case letters, digits and dashes');
  });

  it('throws when the name passes 64 characters', () => {
    expect(() => resourceName('prod', 'x'.repeat(60))).toThrow('longer than 64 characters');
  });
});

describe('secret and role names', () => {
  it('names a secret <env>/rds/<db>/<user>', () => {
    expect(secretName('staging', 'orders', 'orders_app')).toBe('staging/rds/orders/orders_app');
  });

  it('builds workload role ARNs under /workload/', () => {
    expect(workloadRoleArn('aws', '333333333333', 'orders-api')).toBe(
      'arn:aws:iam::333333333333:role/workload/orders-api',
    );
  });

  it('builds break-glass role ARNs under /breakglass/', () => {
    expect(breakGlassRoleArn('aws', '333333333333', 'BreakGlassSecretReader')).toBe(
      'arn:aws:iam::333333333333:role/breakglass/BreakGlassSecretReader',
    );
  });

  it('derives the partition from the region', () => {
    expect(partitionOf('eu-west-1')).toBe('aws');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
  });
});

describe('dynamicCredentialsTag', () => {
  it('keeps letters, digits and underscores of a provider alias and turns the rest into _', () => {
    expect(dynamicCredentialsTag(workloadProviderAlias('payments-eu'))).toBe('workload_payments_eu');
    expect(dynamicCredentialsTag('management')).toBe('management');
  });
});

describe('planRoleArn', () => {
  it('puts the plan role beside the deploy role, under /tfc-plan/ with the -plan suffix, account wildcards included', () => {
    expect(planRoleArn('arn:aws:iam::111111111111:role/deploy/credential-rotation-deploy')).toBe(
      'arn:aws:iam::111111111111:role/tfc-plan/credential-rotation-deploy-plan',
    );
    expect(planRoleArn('arn:aws:iam::*:role/deploy/credential-rotation-deploy')).toBe(
      'arn:aws:iam::*:role/tfc-plan/credential-rotation-deploy-plan',
    );
    expect(planRoleArn('arn:aws-us-gov:iam::222222222222:role/terraform')).toBe(
      'arn:aws-us-gov:iam::222222222222:role/tfc-plan/terraform-plan',
    );
  });

  it('refuses what is not a role ARN, a path wildcard, and a plan role name longer than 64 characters', () => {
    expect(() => planRoleArn('arn:aws:iam::111111111111:user/deploy')).toThrow(ResourceNameError);
    expect(() => planRoleArn('arn:aws:iam::*:role/deploy/*')).toThrow(ResourceNameError);
    expect(() => planRoleArn(`arn:aws:iam::111111111111:role/${'d'.repeat(60)}`)).toThrow(
      /longer than 64 characters; shorten the deploy role name to at most 59/,
    );
  });
});
