import { describe, expect, it } from 'vitest';
import type { TileState } from '../../backends/tile-state.js';
import { exactBackward, exactForward, expectClose, idealIO, mvm, randomInput, randomTile } from './mvm-test-support.js';

/** The IR-drop formula of SPEC §2 evaluated directly for W (out x in) and input v. */
function irDropDirect(W: (i: number, j: number) => number, outSize: number, inSize: number, v: ArrayLike<number>, irDrop: number, gRatio: number): number[] {
  const y: number[] = [];
  for (let i = 0; i < outSize; i++) {
    let ideal = 0;
    let current = 0;
    let drop = 0;
    for (let j = 0; j < inSize; j++) {
      ideal += W(i, j) * v[j]!;
      current += Math.abs(W(i, j)) * Math.abs(v[j]!);
      drop += W(i, j) * v[j]! * (1 - (1 - j / inSize) ** 2);
    }
    const a = (inSize / gRatio) * current;
    const c = a * (a * (0.05 * a - 0.2) + 0.5);
    y.push(ideal - irDrop * c * drop);
  }
  return y;
}

const fwd = (s: TileState) => (i: number, j: number) => s.weights[i * s.cols + j]!;
const bwd = (s: TileState) => (j: number, i: number) => s.weights[i * s.cols + j]!;

describe('IR drop', () => {
  const state = randomTile(5, 32, 21);
  const x = randomInput(32, 22);

  it('follows y_i - ir_drop c_i sum_j w_ij v_j (1 - (1 - j/n)^2) (strong drop: ir_drop_g_ratio 100)', () => {
    const y = mvm(state, 'forward', x, idealIO({ ir_drop: 1, ir_drop_g_ratio: 100 }));
    expectClose(y, irDropDirect(fwd(state), 5, 32, x, 1, 100), 1e-5);
    // Not a small effect here.
    const ideal = exactForward(state, x);
    expect(Math.max(...Array.from(y, (v, i) => Math.abs(v - ideal[i]!)))).toBeGreaterThan(0.05);
  });

  it('scales with ir_drop and uses the default ratio 1/0.35/5e-6', () => {
    const y = mvm(state, 'forward', x, idealIO({ ir_drop: 2 }));
    const direct = irDropDirect(fwd(state), 5, 32, x, 2, 1 / 0.35 / 5e-6);
    expectClose(y, direct, 1e-7);
    const ideal = exactForward(state, x);
    expect(Array.from(y).some((v, i) => Math.abs(v - ideal[i]!) > 1e-5 * Math.max(1, Math.abs(ideal[i]!)))).toBe(true);
  });

  it('acts along the backward inputs (the rows) in backward', () => {
    const d = randomInput(5, 23);
    const z = mvm(state, 'backward', d, idealIO({ ir_drop: 1, ir_drop_g_ratio: 3 }));
    expectClose(z, irDropDirect(bwd(state), 32, 5, d, 1, 3), 1e-5);
    expect(Array.from(z)).not.toEqual(Array.from(exactBackward(state, d)));
  });
});
