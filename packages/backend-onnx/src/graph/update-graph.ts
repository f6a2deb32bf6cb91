import { GraphBuilder } from './graph-builder.js';

/**
 * How an update graph gets each device's movement over the batch:
 * - `trains`: stochastic pulse trains (signed 0/1 bit lines per slot) -> coincidence counts by GEMM;
 * - `counts`: up and down pulse counts computed on the host (deterministic pulse types);
 * - `exact`: `W + A^T X` with `A = -lr d` (no device, no bounds);
 * - `exact-bounded`: the exact update with the device bounds after every sample.
 */
export type UpdateGraphKind = 'trains' | 'counts' | 'exact' | 'exact-bounded';

export interface UpdateGraphSpec {
  readonly kind: UpdateGraphKind;
  readonly rows: number;
  readonly cols: number;
  /** Cycle-to-cycle step noise (dw_min_std) of a constant-step device; 0 for none. */
  readonly stepNoise: number;
}

export const UPDATE_IO = {
  weights: 'w',
  /** Signed d bit lines, slots x rows: sign(d_i) (times the sign of lr) where line i fires. */
  dLines: 'd_lines',
  /** Signed x bit lines, slots x cols. */
  xLines: 'x_lines',
  upCounts: 'n_up',
  downCounts: 'n_down',
  upSteps: 'dwmin_up',
  downSteps: 'dwmin_down',
  maxBound: 'max_bound',
  minBound: 'min_bound',
  /** Standard normals, one per device (step noise of the summed pulses), from two uniform inputs. */
  noise: 'noise',
  /** `fl32(-lr d)`, batch x rows. */
  a: 'a',
  /** x, batch x cols. */
  x: 'x',
  updated: 'w_new',
  /** Per device: whether its path may touch a bound (so it must be replayed sample by sample). */
  risky: 'risky',
} as const;

/**
 * Margin of the bound test in standard deviations of the summed step noise: a device is replayed
 * sample by sample when `w + up movement + margin` can pass a bound (and it moves both ways).
 */
export const RISK_MARGIN_SIGMAS = 6;

export function updateGraphKey(spec: UpdateGraphSpec): string {
  return `update:${JSON.stringify(spec)}`;
}

/**
 * The update of one batch as an ONNX graph. For the bounded kinds it returns the weights after
 * the whole batch applied at once and clipped once, `clip(W + up - down (+ noise))`, plus the
 * devices for which that can differ from clipping after every sample: those that move both up
 * and down and whose reach (`W + up`, `W - down`, with a noise margin) passes a bound. The host
 * replays those sample by sample. A device that moves one way only ends the same whether it is
 * clipped after every pulse or once.
 */
export function buildUpdateGraph(spec: UpdateGraphSpec): Uint8Array {
  const g = new GraphBuilder(`update-${spec.kind}`);
  const { rows, cols } = spec;
  const dims = [rows, cols];
  const w = g.input(UPDATE_IO.weights, dims);
  if (spec.kind === 'exact' || spec.kind === 'exact-bounded') {
    const a = g.input(UPDATE_IO.a, ['batch', rows]);
    const x = g.input(UPDATE_IO.x, ['batch', cols]);
    if (spec.kind === 'exact') {
      g.output(UPDATE_IO.updated, g.op('Gemm', [a, x, w], { transA: 1 }), dims);
      return g.build();
    }
    const total = g.op('Gemm', [a, x], { transA: 1 });
    const relu = (v: string) => g.op('Relu', [v]);
    const negRelu = (v: string) => g.op('Relu', [g.op('Neg', [v])]);
    const upReach = g.op('Add', [g.op('Gemm', [relu(a), relu(x)], { transA: 1 }), g.op('Gemm', [negRelu(a), negRelu(x)], { transA: 1 })]);
    const downReach = g.op('Sub', [upReach, total]);
    applyMovement(g, spec, w, total, upReach, downReach, null);
    return g.build();
  }
  let upCounts: string;
  let downCounts: string;
  if (spec.kind === 'trains') {
    const d = g.input(UPDATE_IO.dLines, ['slots', rows]);
    const x = g.input(UPDATE_IO.xLines, ['slots', cols]);
    // Halves of all coincidences and of their signed sum: down = (all + signed) / 2, up = (all - signed) / 2.
    const half = { transA: 1, alpha: { float: 0.5 } };
    const all = g.op('Gemm', [g.op('Abs', [d]), g.op('Abs', [x])], half);
    const signed = g.op('Gemm', [d, x], half);
    downCounts = g.op('Add', [all, signed]);
    upCounts = g.op('Sub', [all, signed]);
  } else {
    upCounts = g.input(UPDATE_IO.upCounts, dims);
    downCounts = g.input(UPDATE_IO.downCounts, dims);
  }
  const upSteps = g.input(UPDATE_IO.upSteps, dims);
  const downSteps = g.input(UPDATE_IO.downSteps, dims);
  const upReach = g.op('Mul', [upSteps, upCounts]);
  const downReach = g.op('Mul', [downSteps, downCounts]);
  const mean = g.op('Sub', [upReach, downReach]);
  // n pulses of step s (1 + sigma xi) sum to s (n + sigma sqrt(n) xi): variance sigma^2 s^2 n = sigma^2 s reach.
  const variance = spec.stepNoise > 0 ? g.op('Add', [g.op('Mul', [upSteps, upReach]), g.op('Mul', [downSteps, downReach])]) : null;
  applyMovement(g, spec, w, mean, upReach, downReach, variance);
  return g.build();
}

function applyMovement(g: GraphBuilder, spec: UpdateGraphSpec, w: string, mean: string, upReach: string, downReach: string, variance: string | null): void {
  const dims = [spec.rows, spec.cols];
  const maxBound = g.input(UPDATE_IO.maxBound, dims);
  const minBound = g.input(UPDATE_IO.minBound, dims);
  let moved = g.op('Add', [w, mean]);
  let hi = g.op('Add', [w, upReach]);
  let lo = g.op('Sub', [w, downReach]);
  if (variance) {
    const std = g.op('Mul', [g.op('Sqrt', [variance]), g.scalar(spec.stepNoise)]);
    moved = g.op('Add', [moved, g.op('Mul', [std, g.input(UPDATE_IO.noise, dims)])]);
    // The whole noise std bounds the std of the up (or down) steps alone.
    const margin = g.op('Mul', [std, g.scalar(RISK_MARGIN_SIGMAS)]);
    hi = g.op('Add', [hi, margin]);
    lo = g.op('Sub', [lo, margin]);
  }
  const clipped = g.op('Max', [g.op('Min', [moved, maxBound]), minBound]);
  g.output(UPDATE_IO.updated, clipped, dims);
  const bothWays = g.op('Greater', [g.op('Min', [upReach, downReach]), g.scalar(0)]);
  const reachesBound = g.op('Or', [g.op('Greater', [hi, maxBound]), g.op('Less', [lo, minBound])]);
  g.output(UPDATE_IO.risky, g.op('And', [bothWays, reachesBound]), dims, 'bool');
}
