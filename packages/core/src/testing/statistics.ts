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

/** Sample mean and (population) variance, skewness and kurtosis: 0 and 3 for a normal distribution. */
export function moments(values: ArrayLike<number>): { mean: number; variance: number; skewness: number; kurtosis: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}
