import { Testing } from 'cdktf';
import {
  BREAK_GLASS_READER_ROLE_NAME,
  breakGlassAlertBusArn,
  breakGlassCentralReference,
  EnvironmentGovernance,
  OrganizationGovernance,
  WorkloadGovernance,
} from '../../src/governance';
import { ENVIRONMENT, governanceConfig, stackWithProviders } from './fixtures';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

describe('OrganizationGovernance and WorkloadGovernance (the stack-per-account split)', () => {
  const config = governanceConfig();

  it('names the central role and the alert bus from the config exactly as the constructs create them', () => {
    const { stack, providers } = stackWithProviders(config);
    const whole = new EnvironmentGovernance(stack, 'governance', {
      environment: ENVIRONMENT,
      config,
      providers,
    });
    const reference = breakGlassCentralReference(ENVIRONMENT, config, BREAK_GLASS_READER_ROLE_NAME);
    expect(reference.roleArn).toBe(whole.central.roleArn);
    expect(reference.readerRoleName).toBe(whole.central.readerRoleName);
    expect(breakGlassAlertBusArn(ENVIRONMENT, config)).toBe(whole.alerts.eventBusArn);
  });

  it('together create what EnvironmentGovernance creates, at the same addresses', () => {
    const single = stackWithProviders(config);
    new EnvironmentGovernance(single.stack, 'governance', {
      environment: ENVIRONMENT,
      config,
      providers: single.providers,
    });
    const whole = (JSON.parse(Testing.synth(single.stack)) as { resource: Resources }).resource;

    const split = stackWithProviders(config);
    new OrganizationGovernance(split.stack, 'governance', {
      environment: ENVIRONMENT,
      config,
      management: split.providers.management,
      security: split.providers.security,
    });
    const parts = (JSON.parse(Testing.synth(split.stack)) as { resource: Resources }).resource;
    for (const workload of config.accounts.workloads) {
      const { stack, providers } = stackWithProviders(config);
      new WorkloadGovernance(stack, 'governance', {
        environment: ENVIRONMENT,
        config,
        workload,
        provider: providers.workloads[workload.name]!,
        central: breakGlassCentralReference(ENVIRONMENT, config, BREAK_GLASS_READER_ROLE_NAME),
        alertBusArn: breakGlassAlertBusArn(ENVIRONMENT, config),
      });
      const json = JSON.parse(Testing.synth(stack)) as { resource: Resources; data?: unknown };
      // No Terraform reference to the organization-level resources: nothing to read from another stack.
      expect(JSON.stringify(json)).not.toMatch(/BreakGlassCentral|BreakGlassAlerts_/);
      for (const [type, byName] of Object.entries(json.resource)) Object.assign((parts[type] ??= {}), byName);
    }
    const addresses = (resources: Resources) =>
      Object.entries(resources)
        .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
        .sort();
    expect(addresses(parts)).toEqual(addresses(whole));
  });
});
