import { InvalidEventError, parseRotationEvent } from '../../src';

const valid = {
  Step: 'createSecret',
  SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf',
  ClientRequestToken: '0b6c6fd2-8e3f-4a5e-9a53-2f4f1c2a9d10',
};

describe('parseRotationEvent', () => {
  it('accepts a rotation event with and without RotationToken', () => {
    expect(parseRotationEvent(valid)).toEqual(valid);
    expect(parseRotationEvent({ ...valid, RotationToken: 'rt' }).RotationToken).toBe('rt');
  });

  it.each([
    [
      'Step',
      { ...valid, Step: 'dropDatabase' },
      /Step must be one of createSecret, setSecret, testSecret, finishSecret/,
    ],
    ['SecretId', { ...valid, SecretId: undefined }, /SecretId is required/],
    [
      'ClientRequestToken',
      { ...valid, ClientRequestToken: 'short' },
      /ClientRequestToken must be a version id/,
    ],
    ['RotationToken', { ...valid, RotationToken: 7 }, /RotationToken must be a non-empty string/],
  ])('throws naming %s', (_field, event, message) => {
    expect(() => parseRotationEvent(event)).toThrow(InvalidEventError);
    expect(() => parseRotationEvent(event)).toThrow(message);
  });

  it('throws for a non-object event', () => {
    expect(() => parseRotationEvent('createSecret')).toThrow(/\(event\) must be an object/);
  });

  it('never echoes the offending value', () => {
    const hostile = 'hunter2 secret value';
    for (const event of [
      { ...valid, SecretId: hostile },
      { ...valid, ClientRequestToken: hostile },
      { ...valid, Step: hostile },
    ]) {
      expect(() => parseRotationEvent(event)).toThrow(InvalidEventError);
      try {
        parseRotationEvent(event);
      } catch (error) {
        expect(String(error)).not.toContain('hunter2');
      }
    }
  });
});
