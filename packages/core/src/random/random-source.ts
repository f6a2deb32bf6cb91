/** A seedable source of random numbers. Same seed, same numbers. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fill with uniforms in [0, 1). */
  fillUniform(out: Float32Array | Float64Array): void;
  /** Fill with `mean + std * N(0, 1)`. */
  fillNormal(out: Float32Array | Float64Array, mean?: number, std?: number): void;
  /** A 32-bit unsigned integer. */
  nextUint32(): number;
  /** Re-seed in place. */
  seed(seed: number): void;
  /** An independent generator whose stream is determined by this one's state (advances this one). */
  spawn(): RandomSource;
  /** Serialisable state; `setState(getState())` makes the generator repeat the same numbers. */
  getState(): number[];
  setState(state: readonly number[]): void;
}
