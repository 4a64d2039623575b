import { diffPolicy } from '../src/diff-policy';
import { parsePolicy } from '../src/policy-document';

const policy = (statements: unknown[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('parsePolicy', () => {
  it('normalizes singletons to sorted lists so equivalent documents compare equal', () => {
    const a = parsePolicy(
      policy([{ Effect: 'Allow', Action: 'b:Y', Resource: ['r2', 'r1'], Principal: { AWS: 'arn:1' } }]),
    );
    const b = parsePolicy(
      policy([{ Principal: { AWS: ['arn:1'] }, Resource: ['r1', 'r2'], Action: ['b:Y'], Effect: 'Allow' }]),
    );
    expect(a).toEqual(b);
    expect(a?.statements[0]?.Resource).toEqual(['r1', 'r2']);
  });

  it('accepts a single statement object', () => {
    expect(
      parsePolicy('{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}')?.statements,
    ).toHaveLength(1);
  });

  it('returns undefined for Terraform references, plain JSON and broken JSON', () => {
    expect(parsePolicy('${aws_iam_policy_document.x.json}')).toBeUndefined();
    expect(parsePolicy('{"username":"app"}')).toBeUndefined();
    expect(parsePolicy('{"Statement":')).toBeUndefined();
  });
});

describe('diffPolicy', () => {
  it('pairs statements by Sid and reports only the changed ones', () => {
    const before = parsePolicy(
      policy([
        { Sid: 'A', Effect: 'Allow', Action: 'x:One', Resource: '*' },
        { Sid: 'B', Effect: 'Deny', Action: 'x:Two', Resource: '*' },
      ]),
    );
    const after = parsePolicy(
      policy([
        { Sid: 'B', Effect: 'Allow', Action: 'x:Two', Resource: '*' },
        { Sid: 'A', Effect: 'Allow', Action: 'x:One', Resource: '*' },
      ]),
    );
    const change = diffPolicy('policy', before, after);
    expect(change.statements.map((statement) => [statement.change, statement.sid])).toEqual([
      ['changed', 'B'],
    ]);
    expect(change.statements[0]?.before?.Effect).toBe('Deny');
    expect(change.statements[0]?.after?.Effect).toBe('Allow');
  });

  it('lists every statement as added when the policy is new', () => {
    const after = parsePolicy(
      policy([
        { Effect: 'Allow', Action: 'x:One', Resource: '*' },
        { Sid: 'S', Effect: 'Deny', Action: 'x:Two', Resource: '*' },
      ]),
    );
    expect(diffPolicy('content', undefined, after).statements.map((statement) => statement.change)).toEqual([
      'added',
      'added',
    ]);
  });

  it('reports a Version change', () => {
    const before = parsePolicy('{"Version":"2008-10-17","Statement":[]}');
    const after = parsePolicy('{"Version":"2012-10-17","Statement":[]}');
    expect(diffPolicy('policy', before, after).version).toEqual({
      before: '2008-10-17',
      after: '2012-10-17',
    });
  });
});

describe('policy variables', () => {
  it('shows Terraform-escaped IAM policy variables as IAM reads them', () => {
    const parsed = parsePolicy(
      policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/$${aws:username}/*' }]),
    );
    expect(parsed?.statements[0]?.Resource).toEqual(['arn:aws:s3:::b/${aws:username}/*']);
  });
});
