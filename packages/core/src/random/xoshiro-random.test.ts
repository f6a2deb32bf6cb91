import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { moments } from '../testing/statistics.js';
import { XoshiroRandom } from './xoshiro-random.js';

/** Moment tests: N samples, every check within K standard errors. */
const N = 100_000;
const K = 5;

function draw(n: number, next: () => number): number[] {
  return Array.from({ length: n }, next);
}

/** An independent xoshiro128** in BigInt arithmetic, to check the 32-bit JS tricks. */
function referenceXoshiro128ss(state: [number, number, number, number]): () => number {
  const M = 0xffffffffn;
  let [s0, s1, s2, s3] = state.map((v) => BigInt(v)) as [bigint, bigint, bigint, bigint];
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  return () => {
    const result = (rotl((s1 * 5n) & M, 7n) * 9n) & M;
    const t = (s1 << 9n) & M;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
    return Number(result);
  };
}

describe('XoshiroRandom: the generator', () => {
  it('matches xoshiro128** from the state [1, 2, 3, 4] (hand-computed first outputs)', () => {
    const rng = new XoshiroRandom();
    rng.setState([1, 2, 3, 4, 0, 0]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('matches an independent BigInt xoshiro128** for 10k outputs from several states', () => {
    for (const seed of [0, 1, 42, 2 ** 31, 123456789]) {
      const rng = new XoshiroRandom(seed);
      const [a, b, c, d] = rng.getState() as [number, number, number, number];
      const ref = referenceXoshiro128ss([a, b, c, d]);
      for (let i = 0; i < 10_000; i++) {
        const got = rng.nextUint32();
        const want = ref();
        if (got !== want) expect({ seed, i, got }).toEqual({ seed, i, got: want });
      }
    }
  });

  it('nextUint32() gives unsigned 32-bit integers', () => {
    const rng = new XoshiroRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const v = rng.nextUint32();
      expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
    }
  });
});

describe('XoshiroRandom: seeding', () => {
  it('same seed, same stream (uniform, normal, nextUint32)', () => {
    for (const seed of [0, 1, 2024, -5, 2 ** 40 + 3, 0.5]) {
      const a = new XoshiroRandom(seed);
      const b = new XoshiroRandom(seed);
      expect(draw(100, () => a.uniform())).toEqual(draw(100, () => b.uniform()));
      expect(draw(101, () => a.normal())).toEqual(draw(101, () => b.normal()));
      expect(draw(100, () => a.nextUint32())).toEqual(draw(100, () => b.nextUint32()));
    }
  });

  it('different seeds give different streams', () => {
    const seeds = [...Array.from({ length: 1000 }, (_, i) => i), -1, -2, 2 ** 32, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER];
    const firsts = new Set(seeds.map((s) => new XoshiroRandom(s).getState().slice(0, 4).join(',')));
    expect(firsts.size).toBe(seeds.length);
    const a = new XoshiroRandom(1);
    const b = new XoshiroRandom(2);
    const xs = draw(1000, () => a.uniform());
    const ys = draw(1000, () => b.uniform());
    expect(xs.filter((x, i) => x === ys[i]).length).toBe(0);
  });

  it('the default seed is 0', () => {
    expect(new XoshiroRandom().getState()).toEqual(new XoshiroRandom(0).getState());
  });

  it('seed() restarts the stream and drops a cached normal', () => {
    const rng = new XoshiroRandom(3);
    rng.normal(); // leaves a cached second normal
    expect(rng.getState()[4]).toBe(1);
    rng.seed(9);
    const fresh = new XoshiroRandom(9);
    expect(rng.getState()).toEqual(fresh.getState());
    expect(draw(11, () => rng.normal())).toEqual(draw(11, () => fresh.normal()));
  });

  it.each([NaN, Infinity, -Infinity])('seed %s is a ConfigError (constructor and seed())', (seed) => {
    expect(() => new XoshiroRandom(seed)).toThrow(ConfigError);
    const rng = new XoshiroRandom(1);
    const before = rng.getState();
    let err: unknown;
    try {
      rng.seed(seed);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('seed');
    expect((err as Error).message).toContain(String(seed));
    expect(rng.getState()).toEqual(before);
  });
});

describe('XoshiroRandom: state', () => {
  it('getState() is 4 uint32 words, the spare flag and the spare', () => {
    const rng = new XoshiroRandom(11);
    const s = rng.getState();
    expect(s).toHaveLength(6);
    for (const w of s.slice(0, 4)) expect(Number.isInteger(w) && w >= 0 && w <= 0xffffffff).toBe(true);
    expect(s.slice(4)).toEqual([0, 0]);
    const first = rng.normal();
    const [, , , , has, spare] = rng.getState();
    expect(has).toBe(1);
    expect(Number.isFinite(spare)).toBe(true);
    expect(spare).not.toBe(first);
  });

  it('setState(getState()) repeats exactly, including a cached normal', () => {
    const rng = new XoshiroRandom(5);
    draw(3, () => rng.normal()); // odd count: one normal cached
    const state = rng.getState();
    expect(state[4]).toBe(1);
    const spare = state[5];
    const mixed = () => [rng.normal(), rng.uniform(), rng.normal(), rng.nextUint32(), ...draw(7, () => rng.normal())];
    const first = mixed();
    expect(first[0]).toBe(spare);
    rng.setState(state);
    expect(mixed()).toEqual(first);
    const other = new XoshiroRandom(999);
    other.setState(state);
    rng.setState(state);
    expect(draw(50, () => other.normal())).toEqual(draw(50, () => rng.normal()));
  });

  it('getState() returns a copy', () => {
    const rng = new XoshiroRandom(5);
    const state = rng.getState();
    state[0] = 0;
    state[4] = 1;
    expect(rng.getState()).not.toEqual(state);
  });

  it('a state without a cached normal repeats too', () => {
    const rng = new XoshiroRandom(6);
    draw(2, () => rng.normal());
    const state = rng.getState();
    expect(state[4]).toBe(0);
    const first = draw(9, () => rng.normal());
    rng.setState(state);
    expect(draw(9, () => rng.normal())).toEqual(first);
  });

  it.each([
    { name: 'too short', state: [1, 2, 3, 4, 0] },
    { name: 'too long', state: [1, 2, 3, 4, 0, 0, 0] },
    { name: 'empty', state: [] },
    { name: 'NaN word', state: [NaN, 2, 3, 4, 0, 0] },
    { name: 'infinite spare', state: [1, 2, 3, 4, 1, Infinity] },
    { name: 'all-zero words', state: [0, 0, 0, 0, 0, 0] },
    { name: 'words that wrap to zero', state: [2 ** 32, 0, 0, 0, 0, 0] },
  ])('setState($name) is a ConfigError and leaves the generator as it was', ({ state }) => {
    const rng = new XoshiroRandom(8);
    rng.normal();
    const before = rng.getState();
    let err: unknown;
    try {
      rng.setState(state);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('rng_state');
    expect(rng.getState()).toEqual(before);
    const twin = new XoshiroRandom();
    twin.setState(before);
    expect(draw(5, () => rng.normal())).toEqual(draw(5, () => twin.normal()));
  });
});

describe('XoshiroRandom: spawn', () => {
  it('is deterministic and advances the parent', () => {
    const a = new XoshiroRandom(21);
    const b = new XoshiroRandom(21);
    const untouched = new XoshiroRandom(21);
    const ca = a.spawn();
    const cb = b.spawn();
    expect(draw(20, () => ca.uniform())).toEqual(draw(20, () => cb.uniform()));
    expect(a.getState()).toEqual(b.getState());
    expect(a.getState()).not.toEqual(untouched.getState());
  });

  it('the child stream is independent of the parent’s', () => {
    const parent = new XoshiroRandom(22);
    const child = parent.spawn();
    const before = parent.getState();
    const xs = draw(N, () => child.uniform());
    expect(parent.getState()).toEqual(before); // drawing from the child leaves the parent alone
    const ys = draw(N, () => parent.uniform());
    expect(xs.slice(0, 100)).not.toEqual(ys.slice(0, 100));
    // Correlation of independent uniforms: 0 with standard error 1/sqrt(N).
    const mx = xs.reduce((s, v) => s + v, 0) / N;
    const my = ys.reduce((s, v) => s + v, 0) / N;
    let cov = 0;
    for (let i = 0; i < N; i++) cov += (xs[i]! - mx) * (ys[i]! - my);
    const corr = cov / N / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(K / Math.sqrt(N));
  });

  it('siblings differ, and a child does not start with a cached normal', () => {
    const parent = new XoshiroRandom(23);
    const c1 = parent.spawn();
    const c2 = parent.spawn();
    expect(c1.getState()).not.toEqual(c2.getState());
    expect(c1.getState()[4]).toBe(0);
    parent.normal();
    expect(parent.spawn().getState()[4]).toBe(0);
  });
});

describe('XoshiroRandom: distributions', () => {
  it('uniform() is in [0, 1), with mean 1/2 and variance 1/12', () => {
    const rng = new XoshiroRandom(31);
    const xs = draw(N, () => rng.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = moments(xs);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(K * Math.sqrt(1 / 12 / N));
    // Var of the sample variance of U(0,1): (mu4 - sigma^4) / N = (1/80 - 1/144) / N.
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(K * Math.sqrt((1 / 80 - 1 / 144) / N));
    // Every tenth of [0, 1) gets its share: binomial standard error.
    const bins = new Array(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]++;
    for (const c of bins) expect(Math.abs(c - N / 10)).toBeLessThan(K * Math.sqrt(N * 0.1 * 0.9));
  });

  it('uniform() stays below 1 even for the largest 32-bit outputs', () => {
    class MaxOutputs extends XoshiroRandom {
      override nextUint32(): number {
        return 0xffffffff;
      }
    }
    const u = new MaxOutputs().uniform();
    expect(u).toBeLessThan(1);
    expect(u).toBe(1 - 2 ** -53);
  });

  it('uniform() uses 53 bits (not just 32)', () => {
    const rng = new XoshiroRandom(32);
    const fine = draw(1000, () => rng.uniform()).filter((x) => !Number.isInteger(x * 2 ** 32));
    expect(fine.length).toBeGreaterThan(990);
  });

  it('normal() has mean 0, variance 1, skewness 0 and kurtosis 3', () => {
    const rng = new XoshiroRandom(33);
    const m = moments(draw(N, () => rng.normal()));
    expect(Math.abs(m.mean)).toBeLessThan(K * Math.sqrt(1 / N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(K * Math.sqrt(2 / N));
    expect(Math.abs(m.skewness)).toBeLessThan(K * Math.sqrt(6 / N));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(K * Math.sqrt(24 / N));
  });

  it('normal() tail probabilities match N(0, 1)', () => {
    const rng = new XoshiroRandom(34);
    const xs = draw(N, () => rng.normal());
    // P(|Z| > 1) = 0.3173, P(|Z| > 2) = 0.0455, P(|Z| > 3) = 0.0027.
    for (const [z, p] of [
      [1, 0.31731],
      [2, 0.0455],
      [3, 0.0027],
    ] as const) {
      const count = xs.filter((x) => Math.abs(x) > z).length;
      expect(Math.abs(count - N * p)).toBeLessThan(K * Math.sqrt(N * p * (1 - p)));
    }
  });

  it('consecutive normals (the Box-Muller pair) are uncorrelated', () => {
    const rng = new XoshiroRandom(35);
    const xs = draw(2 * N, () => rng.normal());
    let s = 0;
    for (let i = 0; i < N; i++) s += xs[2 * i]! * xs[2 * i + 1]!;
    expect(Math.abs(s / N)).toBeLessThan(K / Math.sqrt(N));
  });

  it('fillUniform() equals successive uniform() calls', () => {
    const a = new XoshiroRandom(36);
    const b = new XoshiroRandom(36);
    const out = new Float64Array(257);
    a.fillUniform(out);
    expect(Array.from(out)).toEqual(draw(257, () => b.uniform()));
    const out32 = new Float32Array(64);
    a.fillUniform(out32);
    expect(Array.from(out32)).toEqual(draw(64, () => Math.fround(b.uniform())));
    for (const v of out32) expect(v).toBeLessThanOrEqual(1);
  });

  it('fillNormal() defaults to N(0, 1) and equals successive normal() calls', () => {
    const a = new XoshiroRandom(37);
    const b = new XoshiroRandom(37);
    const out = new Float64Array(101);
    a.fillNormal(out);
    expect(Array.from(out)).toEqual(draw(101, () => b.normal()));
  });

  it('fillNormal(out, mean, std) is mean + std * normal()', () => {
    const a = new XoshiroRandom(38);
    const b = new XoshiroRandom(38);
    const out = new Float64Array(33);
    a.fillNormal(out, -2, 0.5);
    expect(Array.from(out)).toEqual(draw(33, () => -2 + 0.5 * b.normal()));
    const out32 = new Float32Array(33);
    a.fillNormal(out32, 1, 3);
    expect(Array.from(out32)).toEqual(draw(33, () => Math.fround(1 + 3 * b.normal())));
  });

  it('fillNormal(out, 3, 2) has mean 3 and std 2', () => {
    const rng = new XoshiroRandom(39);
    const out = new Float64Array(N);
    rng.fillNormal(out, 3, 2);
    const m = moments(out);
    expect(Math.abs(m.mean - 3)).toBeLessThan((K * 2) / Math.sqrt(N));
    expect(Math.abs(m.variance - 4)).toBeLessThan(K * 4 * Math.sqrt(2 / N));
  });

  it('fillNormal with std 0 gives the mean exactly', () => {
    const out = new Float64Array(10);
    new XoshiroRandom(40).fillNormal(out, 0.25, 0);
    expect(Array.from(out)).toEqual(new Array(10).fill(0.25));
  });

  it('timing: 1M normals (printed, not asserted)', () => {
    const rng = new XoshiroRandom(41);
    const out = new Float32Array(1_000_000);
    rng.fillNormal(out); // warm-up
    const t0 = performance.now();
    rng.fillNormal(out);
    const ms = performance.now() - t0;
    console.log(`XoshiroRandom: 1M normals (fillNormal into a Float32Array) took ${ms.toFixed(1)} ms`);
    expect(out.length).toBe(1_000_000);
  });
});
