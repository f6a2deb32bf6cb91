import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../../backends/tile-state.js';
import { ConfigError, KernelError } from '../../errors.js';
import { SimpleDriftParameter } from '../../parameters/drift-parameter.js';
import { PulseType } from '../../parameters/enums.js';
import { FloatingPointDevice } from '../../parameters/floating-point-device.js';
import { UpdateParameters } from '../../parameters/update-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { decayWeightsReference } from '../../reference/decay-weights.js';
import { diffuseWeightsReference } from '../../reference/diffuse-weights.js';
import { driftWeightsReference } from '../../reference/drift-weights.js';
import { pulsedUpdateReference } from '../../reference/pulsed-update.js';
import { resetColumnsReference } from '../../reference/reset-columns.js';
import { DeviceModelRegistry } from '../device-registry.js';
import { FloatingPointDeviceModel } from './floating-point-device-model.js';

const registry = new DeviceModelRegistry([new FloatingPointDeviceModel()]);
const bind = (init: ConstructorParameters<typeof FloatingPointDevice>[0]) => registry.bind(new FloatingPointDevice(init));
const rng = () => new XoshiroRandom(42);

function weights(values: number[]): TileState {
  const s = emptyTileState(1, values.length);
  s.weights = Float32Array.from(values);
  return s;
}

describe('FloatingPointDeviceModel', () => {
  it('is the floating-point kind for FloatingPointDevice, with no hidden parameters or bounds', () => {
    const model = registry.forParameters(new FloatingPointDevice());
    expect(model.kind).toBe('floating-point');
    expect(model.defaults()).toBeInstanceOf(FloatingPointDevice);
    expect(model.validate({ lifetime: 5 }).lifetime).toBe(5);
    expect(() => model.validate({ dw_min: 0.1 })).toThrow(ConfigError);
    expect(model.hiddenNames(model.defaults())).toEqual([]);
    expect(model.sampleHidden(model.defaults(), 2, 2, rng())).toEqual({});
    const s = weights([5, -5]);
    model.applyBounds(model.defaults(), s);
    expect(Array.from(s.weights)).toEqual([5, -5]);
  });

  it('takes exact updates W -= lr d x^T whatever the pulse type, and cannot be pulsed', () => {
    expect(() => new FloatingPointDeviceModel().createPulser()).toThrow(KernelError);
    for (const pulse_type of [PulseType.STOCHASTIC_COMPRESSED, PulseType.NONE]) {
      const s = weights([0.5, -0.5]);
      const x = Float32Array.from([1, -2]);
      const d = Float32Array.from([0.3]);
      pulsedUpdateReference.run(s, { x, d, batch: 1 }, { update: new UpdateParameters({ pulse_type }), lr: 0.1, device: bind({}), rng: rng() });
      expect(s.weights[0]).toBeCloseTo(0.5 - 0.1 * 0.3 * 1, 6);
      expect(s.weights[1]).toBeCloseTo(-0.5 - 0.1 * 0.3 * -2, 6);
    }
  });

  it('decays w *= 1 - alpha/lifetime (lifetime 10 -> x0.9, alpha 2 -> x0.8)', () => {
    const s = weights([0.5, -2, 3]);
    decayWeightsReference.run(s, {}, { alpha: 1, device: bind({ lifetime: 10 }), rng: rng() });
    [0.5, -2, 3].forEach((w, i) => expect(s.weights[i]).toBeCloseTo(w * 0.9, 6));
    decayWeightsReference.run(s, {}, { alpha: 2, device: bind({ lifetime: 10 }), rng: rng() });
    [0.5, -2, 3].forEach((w, i) => expect(s.weights[i]).toBeCloseTo(w * 0.9 * 0.8, 6));
  });

  it('does not decay for lifetime <= 1 or when the factor leaves (0, 1)', () => {
    for (const [lifetime, alpha] of [[0, 1], [1, 1], [10, 10], [10, 20], [10, -1]] as const) {
      const s = weights([0.5, -2]);
      decayWeightsReference.run(s, {}, { alpha, device: bind({ lifetime }), rng: rng() });
      expect(Array.from(s.weights)).toEqual([0.5, -2]);
    }
  });

  it('diffuses w += diffusion * xi without bounds (std within 0.9-1.1x)', () => {
    const n = 20000;
    const s = weights(new Array<number>(n).fill(5));
    diffuseWeightsReference.run(s, {}, { device: bind({ diffusion: 0.1 }), rng: rng() });
    const d = Array.from(s.weights, (w) => w - 5);
    const mean = d.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(std).toBeGreaterThan(0.09);
    expect(std).toBeLessThan(0.11);
    expect(Math.abs(mean)).toBeLessThan((5 * 0.1) / Math.sqrt(n));
    const none = weights([1, 2]);
    diffuseWeightsReference.run(none, {}, { device: bind({ diffusion: 0 }), rng: rng() });
    expect(Array.from(none.weights)).toEqual([1, 2]);
  });

  it('drifts with one nu and no bounds (nu 0.1, dt 2 -> x2^-0.1), through its own drift', () => {
    const drift = new SimpleDriftParameter({ nu: 0.1 });
    const device = bind({ drift });
    const s = weights([5, -0.5]);
    driftWeightsReference.run(s, {}, { deltaT: 2, drift, device, rng: rng() });
    expect(s.weights[0]).toBeCloseTo(5 * 2 ** -0.1, 5);
    expect(s.weights[1]).toBeCloseTo(-0.5 * 2 ** -0.1, 6);
    driftWeightsReference.run(s, {}, { deltaT: 2, drift, device, rng: rng() });
    expect(s.weights[0]).toBeCloseTo(5 * 4 ** -0.1, 5);
  });

  it('does not drift with nu 0', () => {
    const drift = new SimpleDriftParameter();
    const s = weights([0.5]);
    driftWeightsReference.run(s, {}, { deltaT: 100, drift, device: bind({ drift }), rng: rng() });
    expect(s.weights[0]).toBe(0.5);
  });

  it('does not support column resets', () => {
    expect(() => resetColumnsReference.run(weights([1]), {}, { start: 0, count: 1, prob: 1, device: bind({}), rng: rng() })).toThrow(KernelError);
  });
});
