import { EnvironmentConfigError, parseEnvironment, validateEnvironments } from '../src';
import { mutable, validConfig } from './fixtures';

/** The problems reported for one environment named prod. */
function problemsOf(config: unknown): readonly string[] {
  const result = validateEnvironments([{ name: 'prod', config }]);
  return result.ok ? [] : result.problems;
}

describe('validateEnvironments', () => {
  it('accepts a valid config and fills in every default', () => {
    const { config } = parseEnvironment('prod', validConfig());
    expect(config.rotation.rotateImmediately).toBe(true);
    expect(config.rotationFunction).toEqual({
      timeoutSeconds: 60,
      connectTimeoutMs: 5000,
      reservedConcurrency: 5,
      memorySizeMb: 256,
      logRetentionDays: 365,
      tracing: false,
    });
    expect(config.passwordPolicy.length).toBe(32);
    expect(config.replicaRegions).toEqual([]);
    const workload = config.accounts.workloads[0]!;
    expect(workload.vpc?.secretsManagerEndpoint).toEqual({ mode: 'create' });
    expect(workload.databases[0]!.port).toBe(5432);
    expect(workload.databases[0]!.users[0]!.breakGlassReadable).toBe(true);
  });

  it('defaults the port by engine family', () => {
    const config = mutable();
    config.accounts.workloads[0].databases[0].engine = 'aurora-mysql';
    expect(parseEnvironment('prod', config).config.accounts.workloads[0]!.databases[0]!.port).toBe(3306);
  });

  it('refuses a malformed account id with the path and the value', () => {
    const config = mutable();
    config.accounts.workloads[1].accountId = '12345';
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[1].accountId: must be a 12-digit AWS account id (got "12345")',
    ]);
  });

  it('refuses a malformed OU id', () => {
    const config = mutable();
    config.organization.targetOuIds = ['r-a1b2'];
    expect(problemsOf(config)).toEqual([
      'prod: organization.targetOuIds[0]: must be an organizational unit id like ou-ab12-cd34ef56 (got "r-a1b2")',
    ]);
  });

  it('refuses a malformed ARN', () => {
    const config = mutable();
    config.accounts.security.deployRoleArn = 'arn:aws:iam::222222222222:user/deploy';
    config.breakGlass.iamUserArns = ['alice'];
    expect(problemsOf(config)).toEqual([
      'prod: accounts.security.deployRoleArn: must be an IAM role ARN like arn:aws:iam::111111111111:role/path/name (got "arn:aws:iam::222222222222:user/deploy")',
      'prod: breakGlass.iamUserArns[0]: must be an IAM user ARN like arn:aws:iam::111111111111:user/name (got "alice")',
    ]);
  });

  it('refuses duplicate secret names in an account', () => {
    const config = mutable();
    const db = config.accounts.workloads[0].databases[0];
    db.users.push({ ...db.users[0], strategy: 'alternating-users' });
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].users[1].username: duplicate secret name rds/orders/orders_app in account 333333333333 (first at accounts.workloads[0].databases[0].users[0].username) (got "orders_app")',
    ]);
  });

  it('refuses a database with no VPC to reach it', () => {
    const config = mutable();
    delete config.accounts.workloads[0].vpc;
    delete config.accounts.workloads[0].databases[0].securityGroupId;
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].vpc: is required: the rotation function needs private subnets in the VPC of the databases to reach them',
      'prod: accounts.workloads[0].databases[0]: needs securityGroupId or cidrBlocks: the rotation function may only open connections to its database',
    ]);
  });

  it('refuses an invalid schedule', () => {
    const config = mutable();
    config.rotation.schedule = 'rate(1 hour)';
    expect(problemsOf(config)).toEqual([
      'prod: rotation.schedule: must not rotate more often than every 4 hours (rate(4 hours) or longer) (got "rate(1 hour)")',
    ]);
  });

  it('refuses a window duration that is not whole hours', () => {
    const config = mutable();
    config.rotation.windowDuration = '90m';
    expect(problemsOf(config)).toEqual([
      'prod: rotation.windowDuration: must be a window of whole hours from 1h to 24h, like 3h (got "90m")',
    ]);
  });

  it('refuses a window that does not fit the schedule', () => {
    const config = mutable();
    config.rotation = { schedule: 'rate(6 hours)', windowDuration: '8h' };
    expect(problemsOf(config)).toEqual([
      'prod: rotation.windowDuration: must be at most 6h: the window may not run into the next one (schedule every 6 hours) (got "8h")',
    ]);
  });

  it('refuses an unknown engine', () => {
    const config = mutable();
    config.accounts.workloads[0].databases[0].engine = 'oracle';
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].engine: must be one of postgres, aurora-postgresql, mysql, aurora-mysql, mariadb (got "oracle")',
    ]);
  });

  it('refuses a deploy role from another account', () => {
    const config = mutable();
    config.accounts.workloads[0].deployRoleArn = 'arn:aws:iam::999999999999:role/deploy';
    expect(problemsOf(config)).toEqual([
      "prod: accounts.workloads[0].deployRoleArn: must be a role in account 333333333333 (this account's accountId), not 999999999999",
    ]);
  });

  it('refuses a workload in the management account and a repeated account', () => {
    const config = mutable();
    config.accounts.workloads[1].accountId = '333333333333';
    config.accounts.workloads[1].deployRoleArn = 'arn:aws:iam::333333333333:role/deploy';
    config.accounts.workloads[0].accountId = '111111111111';
    config.accounts.workloads[0].deployRoleArn = 'arn:aws:iam::111111111111:role/deploy';
    config.accounts.workloads[0].databases = [];
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].accountId: must not be the management account: SCPs do not apply to it, so its secrets would be unprotected (got "111111111111")',
    ]);
    config.accounts.workloads[0].accountId = '333333333333';
    config.accounts.workloads[0].deployRoleArn = 'arn:aws:iam::333333333333:role/deploy';
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[1].accountId: duplicates accounts.workloads[0].accountId: list each account once (got "333333333333")',
    ]);
  });

  it('refuses a master secret outside the workload account or region', () => {
    const config = mutable();
    config.accounts.workloads[0].databases[0].masterSecretArn =
      'arn:aws:secretsmanager:us-east-1:333333333333:secret:rds!db-1-AbCdEf';
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].masterSecretArn: must be a secret in account 333333333333 and region eu-west-1: RDS keeps the master secret beside the database',
    ]);
  });

  it('says why the master secret is required', () => {
    const config = mutable();
    delete config.accounts.workloads[0].databases[0].masterSecretArn;
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].masterSecretArn: is required: the first rotation sets the password through the master user secret',
    ]);
  });

  it('refuses a username too long for its clone login', () => {
    const config = mutable();
    const db = config.accounts.workloads[0].databases[0];
    db.engine = 'mysql';
    db.users[0].strategy = 'alternating-users';
    db.users[0].username = 'u'.repeat(30);
    expect(problemsOf(config)).toEqual([
      `prod: accounts.workloads[0].databases[0].users[0].username: must be at most 26 characters for mysql (the clone login adds "_clone") (got "${'u'.repeat(30)}")`,
    ]);
  });

  it.each([
    ['postgres', 63],
    ['aurora-postgresql', 63],
    ['mysql', 32],
    ['aurora-mysql', 32],
    ['mariadb', 80],
  ] as const)('applies the username limit of %s (%i), the clone login included', (engine, limit) => {
    const config = mutable();
    const db = config.accounts.workloads[0].databases[0];
    db.engine = engine;
    db.users[0].strategy = 'single-user';
    db.users[0].username = 'u'.repeat(limit);
    expect(problemsOf(config)).toEqual([]);
    db.users[0].username = 'u'.repeat(limit + 1);
    expect(problemsOf(config)).toEqual([
      expect.stringContaining(
        `prod: accounts.workloads[0].databases[0].users[0].username: must be at most ${limit} characters for ${engine} (got "uuu`,
      ),
    ]);
    db.users[0].strategy = 'alternating-users';
    db.users[0].username = 'u'.repeat(limit - 6);
    expect(problemsOf(config)).toEqual([]);
    db.users[0].username = 'u'.repeat(limit - 5);
    expect(problemsOf(config)).toEqual([
      expect.stringContaining(
        `prod: accounts.workloads[0].databases[0].users[0].username: must be at most ${limit - 6} characters for ${engine} (the clone login adds "_clone") (got "uuu`,
      ),
    ]);
  });

  it('refuses a user that clashes with an alternating clone login', () => {
    const config = mutable();
    const db = config.accounts.workloads[0].databases[0];
    db.users[0].strategy = 'alternating-users';
    db.users.push({ ...db.users[0], username: 'orders_app_clone', strategy: 'single-user' });
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].users[0].username: clashes with user orders_app_clone: alternating-users rotation creates that login itself (got "orders_app")',
    ]);
  });

  it('refuses a function timeout too short for its connect timeout', () => {
    const config = mutable();
    config.rotationFunction = { timeoutSeconds: 20, connectTimeoutMs: 5000 };
    expect(problemsOf(config)).toEqual([
      'prod: rotationFunction.timeoutSeconds: must be at least 35: a rotation step may try 5 logins of up to connectTimeoutMs (5000 ms) each (got 20)',
    ]);
  });

  it('refuses a break-glass section that lets nobody in', () => {
    const config = mutable();
    config.breakGlass = {};
    expect(problemsOf(config)).toEqual([
      'prod: breakGlass: must list iamUserArns or identityCenterRoleArnPatterns: someone must be able to break glass',
    ]);
  });

  it('refuses a replica in the primary region', () => {
    const config = mutable();
    config.replicaRegions = ['eu-west-1'];
    expect(problemsOf(config)).toEqual([
      'prod: replicaRegions[0]: must differ from region: a secret cannot replicate to its own region (got "eu-west-1")',
    ]);
  });

  it('reports the governance rules with the other cross-field rules', () => {
    const config = mutable();
    config.breakGlass.iamUserArns = ['arn:aws:iam::444444444444:user/mallory'];
    const problems = problemsOf(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^prod: breakGlass\.iamUserArns\[0\]: /);
  });

  it('names unknown fields and missing ones', () => {
    const config = mutable();
    config.rotation.scheduel = 'rate(1 day)';
    delete config.alerts;
    expect(problemsOf(config)).toEqual([
      'prod: rotation.scheduel: is not a known field (see docs/infra/config-reference.md)',
      'prod: alerts: is required',
    ]);
  });

  it('reports wrong types without echoing objects', () => {
    const config = mutable();
    config.accounts.workloads[0].databases[0].port = '5432';
    expect(problemsOf(config)).toEqual([
      'prod: accounts.workloads[0].databases[0].port: must be a number (got string)',
    ]);
  });

  it('collects the problems of every environment', () => {
    const bad = mutable();
    bad.region = 'Europe';
    const result = validateEnvironments([
      { name: 'dev', config: validConfig() },
      { name: 'prod', config: bad },
      { name: 'Bad_Name', config: validConfig() },
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        'prod: region: must be an AWS region like eu-west-1 (got "Europe")',
        'Bad_Name: environment folder name must be a lower-case name of 1-16 letters, digits or dashes starting with a letter',
      ],
    });
  });
});

describe('databases[].ingressFromRotation', () => {
  it('is off by default and needs the database security group to add a rule to', () => {
    const { config } = parseEnvironment('prod', validConfig());
    expect(config.accounts.workloads[0]!.databases[0]!.ingressFromRotation).toBe(false);
    const withCidr = mutable();
    const database = withCidr.accounts.workloads[0].databases[0];
    delete database.securityGroupId;
    database.cidrBlocks = ['10.0.8.0/24'];
    database.ingressFromRotation = true;
    expect(problemsOf(withCidr)).toEqual([
      'prod: accounts.workloads[0].databases[0].ingressFromRotation: needs securityGroupId: the ingress rule is added to the database security group',
    ]);
  });
});

describe('terraformCloud.awsCredentials', () => {
  it('defaults to per-account dynamic credentials and accepts an entry role', () => {
    const config = mutable();
    config.terraformCloud = { organization: 'example-corp' };
    expect(parseEnvironment('prod', config).config.terraformCloud?.awsCredentials).toEqual({
      mode: 'per-account',
    });
    config.terraformCloud.awsCredentials = {
      mode: 'entry-role',
      roleArn: 'arn:aws:iam::444444444444:role/tfc/entry',
    };
    expect(parseEnvironment('prod', config).config.terraformCloud?.awsCredentials).toEqual({
      mode: 'entry-role',
      roleArn: 'arn:aws:iam::444444444444:role/tfc/entry',
    });
  });

  it('names the field of an entry role that is not a role ARN', () => {
    const config = mutable();
    config.terraformCloud = {
      organization: 'example-corp',
      awsCredentials: { mode: 'entry-role', roleArn: 'x' },
    };
    expect(problemsOf(config)).toEqual([
      expect.stringMatching(/^prod: terraformCloud\.awsCredentials\.roleArn: must be /),
    ]);
  });
});

describe('parseEnvironment', () => {
  it('throws EnvironmentConfigError carrying one line per problem', () => {
    const config = mutable();
    config.region = 'nowhere';
    config.alerts.emailAddresses = ['not-an-email'];
    let error: unknown;
    try {
      parseEnvironment('staging', config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvironmentConfigError);
    expect((error as EnvironmentConfigError).name).toBe('EnvironmentConfigError');
    expect((error as EnvironmentConfigError).problems).toEqual([
      'staging: region: must be an AWS region like eu-west-1 (got "nowhere")',
      'staging: alerts.emailAddresses[0]: must be an email address like team@example.com (got "not-an-email")',
    ]);
  });
});
