import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMES, parseInferenceTime, parseInferenceTimes } from './durations.js';

describe('inference times', () => {
  it('the default list is 1 s, 1 h, 1 day, 1 month, 1 year and 10 years in seconds (Julian year, month a twelfth of it)', () => {
    expect(parseInferenceTimes(DEFAULT_TIMES)).toEqual([
      { label: '1 s', seconds: 1 },
      { label: '1 h', seconds: 3600 },
      { label: '1 day', seconds: 86400 },
      { label: '1 month', seconds: 2629800 },
      { label: '1 year', seconds: 31557600 },
      { label: '10 years', seconds: 315576000 },
    ]);
  });

  it('takes plain seconds, other units and spellings, and sorts without duplicates', () => {
    expect(parseInferenceTime('20')).toEqual({ label: '20 s', seconds: 20 });
    expect(parseInferenceTime('1e5')).toEqual({ label: '100000 s', seconds: 1e5 });
    expect(parseInferenceTime('2 weeks')).toEqual({ label: '2 weeks', seconds: 14 * 86400 });
    expect(parseInferenceTime('90min')).toEqual({ label: '90 min', seconds: 5400 });
    expect(parseInferenceTime('0')).toEqual({ label: '0 s', seconds: 0 });
    expect(parseInferenceTimes('1d, 1h,3600').map((t) => t.seconds)).toEqual([3600, 86400]);
  });

  it.each(['', 'soon', '1x', '-1s', '1,,2', 'h'])('rejects %j', (text) => {
    expect(() => parseInferenceTimes(text)).toThrow(/not a time|empty entry/);
  });
});
