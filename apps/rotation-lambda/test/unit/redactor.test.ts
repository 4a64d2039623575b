import { REDACTED, Redactor } from '../../src';

describe('Redactor', () => {
  it('scrubs every registered value, JSON-escaped forms and DSN credentials', () => {
    const redactor = new Redactor();
    redactor.add('pa"ss');
    redactor.add('{"password":"pa\\"ss"}');
    redactor.add('');
    expect(redactor.scrub('got pa"ss and pa\\"ss')).toBe(`got ${REDACTED} and ${REDACTED}`);
    expect(redactor.scrub('postgres://app:whatever@db:5432/x')).toBe(`postgres://${REDACTED}@db:5432/x`);
    expect(redactor.scrub('nothing here')).toBe('nothing here');
  });
});
