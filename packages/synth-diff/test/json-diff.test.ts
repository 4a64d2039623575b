import { diffJson, jsonLeaves, jsonPath, parseJsonDocument } from '../src/json-diff';

describe('parseJsonDocument', () => {
  it('parses JSON objects and arrays, and nothing else', () => {
    expect(parseJsonDocument(' {"source":["aws.sts"]} ')).toEqual({ source: ['aws.sts'] });
    expect(parseJsonDocument('[{"name":"app"}]')).toEqual([{ name: 'app' }]);
    expect(parseJsonDocument('"text"')).toBeUndefined();
    expect(parseJsonDocument('42')).toBeUndefined();
    expect(parseJsonDocument('${aws_iam_policy_document.x.json}')).toBeUndefined();
    expect(parseJsonDocument('{not json')).toBeUndefined();
  });
});

describe('diffJson', () => {
  it('reports a change deep in an event pattern at its own path', () => {
    const pattern = {
      source: ['aws.sts'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventName: ['AssumeRole'] },
    };
    const changed = { ...pattern, detail: { eventName: ['AssumeRoleX'] } };
    expect(diffJson(pattern, changed)).toEqual([
      {
        path: 'detail.eventName[0]',
        segments: ['detail', 'eventName', 0],
        before: 'AssumeRole',
        after: 'AssumeRoleX',
      },
    ]);
  });

  it('ignores key order and reports added and removed keys with their values', () => {
    expect(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
    expect(diffJson({ a: 1 }, { b: { c: [80, 443] } })).toEqual([
      { path: 'a', segments: ['a'], before: 1, after: undefined },
      { path: 'b', segments: ['b'], before: undefined, after: { c: [80, 443] } },
    ]);
  });

  it('reports a whole document whose type changed', () => {
    expect(diffJson({ a: 1 }, [1])).toEqual([{ path: '', segments: [], before: { a: 1 }, after: [1] }]);
  });
});

describe('jsonLeaves', () => {
  it('lists every leaf by path, empty containers included', () => {
    expect(jsonLeaves({ portMappings: [{ containerPort: 5432 }], tags: {}, list: [] })).toEqual([
      { path: 'portMappings[0].containerPort', segments: ['portMappings', 0, 'containerPort'], value: 5432 },
      { path: 'tags', segments: ['tags'], value: {} },
      { path: 'list', segments: ['list'], value: [] },
    ]);
  });
});

describe('jsonPath', () => {
  it('quotes keys that are not identifiers', () => {
    expect(jsonPath(['detail-type', 0, 'aws:PrincipalArn', 'a b'])).toBe(
      'detail-type[0].aws:PrincipalArn["a b"]',
    );
  });
});
