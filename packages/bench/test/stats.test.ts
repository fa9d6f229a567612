import { describe, expect, it } from 'vitest';
import { summarize } from '../src/stats.js';

describe('summarize', () => {
  it('takes the middle value of an odd number of rounds', () => {
    expect(summarize([5, 1, 9, 3, 7])).toEqual({ median: 5, min: 1, max: 9 });
  });

  it('averages the two middle values of an even number of rounds', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('refuses an empty list instead of reporting NaN', () => {
    expect(() => summarize([])).toThrow(/at least one value/);
  });
});
