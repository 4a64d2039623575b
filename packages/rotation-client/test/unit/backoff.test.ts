import { fullJitterDelay, RetryBudget } from '../../src/backoff';
import { manualClock } from '../helpers/fake-secrets';

describe('fullJitterDelay', () => {
  const props = { baseMs: 50, capMs: 5000 };

  it('doubles the ceiling per retry', () => {
    const almostOne = () => 0.999999;
    expect(fullJitterDelay(0, props, almostOne)).toBe(49);
    expect(fullJitterDelay(1, props, almostOne)).toBe(99);
    expect(fullJitterDelay(4, props, almostOne)).toBe(799);
  });

  it('never exceeds the cap, however many retries', () => {
    expect(fullJitterDelay(30, props, () => 0.999999)).toBe(4999);
    expect(fullJitterDelay(1000, props, () => 0.999999)).toBe(4999);
  });

  it('spreads delays over the whole range (full jitter)', () => {
    expect(fullJitterDelay(10, props, () => 0)).toBe(0);
    expect(fullJitterDelay(10, props, () => 0.5)).toBe(2500);
    const samples = Array.from({ length: 2000 }, () => fullJitterDelay(3, props));
    expect(Math.min(...samples)).toBeLessThan(40);
    expect(Math.max(...samples)).toBeGreaterThan(360);
    expect(Math.max(...samples)).toBeLessThan(400);
  });
});

describe('RetryBudget', () => {
  it('clamps a delay to the time left and reports exhaustion', () => {
    const clock = manualClock();
    const budget = new RetryBudget(1000, clock.now);

    expect(budget.delayFor(300)).toBe(300);
    clock.advance(900);
    expect(budget.delayFor(300)).toBe(100);
    expect(budget.elapsedMs()).toBe(900);
    clock.advance(100);
    expect(budget.delayFor(0)).toBeUndefined();
    expect(budget.remainingMs()).toBe(0);
  });

  it('is spent from the start when the budget is zero', () => {
    expect(new RetryBudget(0).delayFor(10)).toBeUndefined();
  });
});
