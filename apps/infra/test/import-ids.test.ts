import { IMPORTABLE_TYPES, importId } from '../src/import-ids';
import { shippedEnvironments, synthStack } from './helpers';

describe('importId', () => {
  it('imports most types by the id the state records', () => {
    expect(importId('aws_iam_role', { id: 'prod-rotation-payments' })).toBe('prod-rotation-payments');
    expect(importId('aws_iam_role_policy', { id: 'role:policy' })).toBe('role:policy');
  });

  it('builds an event target ID from bus, rule and target id, leaving out the default bus', () => {
    expect(
      importId('aws_cloudwatch_event_target', { rule: 'r', target_id: 't', event_bus_name: 'default' }),
    ).toBe('r/t');
    expect(
      importId('aws_cloudwatch_event_target', { rule: 'r', target_id: 't', event_bus_name: 'alerts' }),
    ).toBe('alerts/r/t');
  });

  it('builds a Lambda permission ID from function and statement id', () => {
    expect(importId('aws_lambda_permission', { id: 's', function_name: 'f', statement_id: 's' })).toBe('f/s');
    expect(
      importId('aws_lambda_permission', { function_name: 'f', statement_id: 's', qualifier: 'live' }),
    ).toBe('f:live/s');
  });

  it('suffixes @region for a resource the config puts outside its provider region', () => {
    expect(importId('aws_cloudwatch_event_rule', { id: 'prod-guard-roles' }, 'us-east-1')).toBe(
      'prod-guard-roles@us-east-1',
    );
  });

  it('refuses a type it has no rule for, and an attribute the state lacks', () => {
    expect(() => importId('aws_s3_bucket', { id: 'b' })).toThrow(/aws_s3_bucket has no import ID rule/);
    expect(() => importId('aws_lambda_permission', { function_name: 'f' })).toThrow(/no statement_id/);
  });

  it('has a rule for every resource type the shipped environments synthesize', () => {
    const types = new Set(shippedEnvironments().flatMap((e) => Object.keys(synthStack(e).parsed.resource)));
    expect([...types].filter((type) => !IMPORTABLE_TYPES.includes(type))).toEqual([]);
  });
});
