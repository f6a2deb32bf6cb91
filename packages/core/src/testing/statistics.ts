/** Sample mean and unbiased variance. */
export function meanVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  const mean = s / values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i]! - mean) ** 2;
  return { mean, variance: v / (values.length - 1) };
}

/** Sample mean and unbiased standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const { mean, variance } = meanVariance(values);
  return { mean, std: Math.sqrt(variance) };
}

/** Largest |actual - expected| / max(1, |expected|) (Infinity when the lengths differ). */
export function maxRelativeDeviation(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return worst;
}

/** Sample mean, (population) variance and kurtosis, which is 3 for a normal distribution. */
export function moments(values: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  const mean = s / values.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i]! - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= values.length;
  m4 /= values.length;
  return { mean, variance: m2, kurtosis: m4 / (m2 * m2) };
}
