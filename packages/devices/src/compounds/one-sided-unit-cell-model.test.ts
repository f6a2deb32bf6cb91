import { ConfigError, IOParameters, PulseType, UpdateParameters, XoshiroRandom, type TileState } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { readCount } from './aux-state.js';
import { bind, compoundRegistry, compoundState, exactDevice, hidden, update } from './compound-test-support.js';
import { REFRESH_COUNT } from './one-sided-unit-cell-model.js';
import { OneSidedUnitCell } from './parameters/one-sided-unit-cell.js';

const registry = compoundRegistry();
const plus = (s: TileState): number[] => hidden(s, 'hidden_weights_1');
const minus = (s: TileState): number[] => hidden(s, 'hidden_weights_0');

/** A cell that refreshes with an exact read and an exact (clipped) write, so the refresh rule is visible. */
function refreshingCell(refresh_every: number, units_in_mbatch: boolean) {
  return bind(
    registry,
    new OneSidedUnitCell({
      unit_cell_devices: [exactDevice()],
      refresh_every,
      units_in_mbatch,
      refresh_forward: new IOParameters({ is_perfect: true }),
      refresh_update: new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE }),
    }),
  );
}

/** Puts (plus, minus) pairs on the devices and recomputes nothing: the refresh reads the devices. */
function setPairs(state: TileState, pairs: [number, number][]): void {
  pairs.forEach(([p, m], i) => {
    state.hidden['hidden_weights_1']![i] = p;
    state.hidden['hidden_weights_0']![i] = m;
    state.weights[i] = p - m;
  });
}

describe('OneSidedUnitCellModel', () => {
  it('writes max(w, 0) onto the plus and max(-w, 0) onto the minus device', () => {
    const device = bind(registry, new OneSidedUnitCell({ unit_cell_devices: [exactDevice()] }));
    const state = compoundState(device, 1, 3, undefined, [0.3, -0.2, 0.9]);
    expect(plus(state)).toEqual([expect.closeTo(0.3, 7), 0, expect.closeTo(0.6, 7)]);
    expect(minus(state)).toEqual([0, expect.closeTo(0.2, 7), 0]);
    expect(Array.from(state.weights)).toEqual([expect.closeTo(0.3, 7), expect.closeTo(-0.2, 7), expect.closeTo(0.6, 7)]);
  });

  it('gives increases to the plus and decreases to the minus device, both only growing', () => {
    const device = bind(registry, new OneSidedUnitCell({ unit_cell_devices: [exactDevice()] }));
    const state = compoundState(device, 1, 2, undefined, [0.1, 0.1]);
    update(state, device, [1, 0], [-1], 0.004); // w[0] += 0.004
    update(state, device, [0, 1], [1], 0.003); // w[1] -= 0.003
    expect(plus(state)).toEqual([expect.closeTo(0.104, 6), expect.closeTo(0.1, 7)]);
    expect(minus(state)).toEqual([0, expect.closeTo(0.003, 7)]);
    expect(Array.from(state.weights)).toEqual([expect.closeTo(0.104, 6), expect.closeTo(0.097, 6)]);
  });

  it('refreshes pairs whose larger side is above 0.75 w_max and smaller side above 0.25 w_max', () => {
    const device = refreshingCell(1, false);
    const state = compoundState(device, 5, 1);
    // w_max = 0.6: thresholds 0.45 (upper) and 0.15 (lower).
    setPairs(state, [
      [0.5, 0.2], // refreshed: plus 0.3, minus 0
      [0.5, 0.1], // smaller side too small
      [0.2, 0.5], // refreshed: minus 0.3, plus 0
      [0.3, 0.3], // larger side too small
      [0.46, 0.16], // refreshed: plus 0.3
    ]);
    update(state, device, [0], [0, 0, 0, 0, 0], 0.01); // one vector update without pulses
    expect(plus(state)).toEqual([0.3, 0.5, 0, 0.3, 0.3].map((v) => expect.closeTo(v, 6)));
    expect(minus(state)).toEqual([0, 0.1, 0.3, 0.3, 0].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(state.weights)).toEqual([0.3, 0.4, -0.3, 0, 0.3].map((v) => expect.closeTo(v, 6)));
    expect(readCount(state, REFRESH_COUNT)).toBe(3);
  });

  it('refreshes every refresh_every vector updates, times the batch size with units_in_mbatch', () => {
    const device = refreshingCell(2, true);
    const state = compoundState(device, 1, 1);
    setPairs(state, [[0.5, 0.2]]);
    update(state, device, [0, 0, 0], [0, 0, 0], 0.01); // 3 vector updates: period 2 * 3 = 6 not reached
    expect(plus(state)).toEqual([expect.closeTo(0.5, 7)]);
    update(state, device, [0, 0, 0], [0, 0, 0], 0.01); // 6 vector updates: refresh
    expect(plus(state)).toEqual([expect.closeTo(0.3, 6)]);
    expect(minus(state)).toEqual([0]);
  });

  it('with copy_inverted swaps the plus device steps and mirrors its bounds', () => {
    const base = { unit_cell_devices: [exactDevice({ up_down: 0.2, w_min: -0.4 })] };
    const normal = compoundState(bind(registry, new OneSidedUnitCell(base)), 1, 1, new XoshiroRandom(5));
    const inverted = compoundState(bind(registry, new OneSidedUnitCell({ ...base, copy_inverted: true })), 1, 1, new XoshiroRandom(5));
    expect(hidden(inverted, 'dwmin_up_1')).toEqual(hidden(normal, 'dwmin_down_1'));
    expect(hidden(inverted, 'dwmin_down_1')).toEqual(hidden(normal, 'dwmin_up_1'));
    expect(hidden(inverted, 'max_bound_1')).toEqual([expect.closeTo(0.4, 7)]);
    expect(hidden(inverted, 'min_bound_1')).toEqual([expect.closeTo(-0.6, 7)]);
    expect(hidden(inverted, 'max_bound_0')).toEqual(hidden(normal, 'max_bound_0'));
  });

  it('uses the first device for both sides and rejects other device lists', () => {
    const device = bind(registry, new OneSidedUnitCell({ unit_cell_devices: [exactDevice({ dw_min: 0.002 }), exactDevice()] }));
    expect(device.model.granularity(device.params)).toBeCloseTo(0.002, 12);
    const none = new OneSidedUnitCell();
    expect(() => registry.bind(none).model.hiddenNames(none)).toThrow(ConfigError);
    const three = new OneSidedUnitCell({ unit_cell_devices: [exactDevice(), exactDevice(), exactDevice()] });
    expect(() => registry.bind(three).model.hiddenNames(three)).toThrow(/1 or 2 devices/);
  });
});
