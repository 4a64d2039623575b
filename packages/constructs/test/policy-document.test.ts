import {
  PolicyDocumentError,
  allow,
  allowedActions,
  condition,
  conditions,
  deny,
  minify,
  policyDocument,
} from '../src';

describe('policy documents', () => {
  it('writes Sid first, then Effect, like IAM examples', () => {
    expect(Object.keys(allow({ Sid: 'A', Action: 's3:GetObject', Resource: '*' }))).toEqual([
      'Sid',
      'Effect',
      'Action',
      'Resource',
    ]);
    expect(deny({ Action: 'x:Y', Resource: '*' })).toEqual({ Effect: 'Deny', Action: 'x:Y', Resource: '*' });
  });

  it('leaves out false and undefined statements', () => {
    const tracing = false;
    const document = policyDocument(
      allow({ Action: 'a:B', Resource: '*' }),
      tracing && allow({ Action: 'c:D' }),
    );
    expect(document.Statement).toHaveLength(1);
  });

  it('throws on a repeated statement id', () => {
    expect(() => policyDocument(allow({ Sid: 'Same' }), deny({ Sid: 'Same' }))).toThrow(PolicyDocumentError);
  });

  it('minifies without whitespace and writes one-element lists as scalars', () => {
    const document = policyDocument(
      allow({
        Sid: 'Read',
        Principal: { AWS: ['arn:aws:iam::111111111111:root'] },
        Action: ['secretsmanager:GetSecretValue'],
        Resource: ['*'],
        Condition: condition('StringEquals', 'aws:PrincipalTag/team', ['orders']),
      }),
    );
    expect(minify(document)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},' +
        '"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":["orders"]}}}]}',
    );
  });

  it('merges condition blocks by operator', () => {
    expect(
      conditions(
        condition('StringEquals', 'kms:ViaService', 'secretsmanager.eu-west-1.amazonaws.com'),
        condition('StringEquals', 'kms:CallerAccount', '111111111111'),
        condition('ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111111111111:role/x/*']),
      ),
    ).toEqual({
      StringEquals: {
        'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
      ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/x/*'] },
    });
  });

  it('throws when a condition key is set twice', () => {
    expect(() =>
      conditions(
        condition('StringEquals', 'aws:SourceAccount', '1'),
        condition('StringEquals', 'aws:SourceAccount', '2'),
      ),
    ).toThrow('condition StringEquals aws:SourceAccount is set twice');
  });

  it('lists the allowed actions, sorted and unique', () => {
    const document = policyDocument(
      allow({ Action: ['b:Two', 'a:One'], Resource: '*' }),
      allow({ Action: 'a:One', Resource: '*' }),
      deny({ Action: 'c:Three', Resource: '*' }),
    );
    expect(allowedActions(document)).toEqual(['a:One', 'b:Two']);
  });
});
