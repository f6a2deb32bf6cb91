import type { MvmDirection } from '../../kernels/kernel-signatures.js';
import { NoiseManagementType } from '../../parameters/enums.js';
import type { MvmSettings } from './mvm-settings.js';

/**
 * The factor of a sample's MVM output after its last pass, float32: forward undoes that pass's
 * input scale (`out_scale / scale`); backward (no bound management) multiplies by alpha under
 * noise management when alpha > 0.
 */
export function mvmOutputFactor(s: MvmSettings, direction: MvmDirection, alpha: number, scale: number): number {
  if (direction === 'forward') return Math.fround(s.outScale / scale);
  return s.nm !== NoiseManagementType.NONE && alpha > 0 ? Math.fround(s.outScale * alpha) : s.outScale;
}

/**
 * Multiplies the output of every computed sample (`computed[k] !== 0`) of `out` (batch x
 * `s.outSize`) by its mvmOutputFactor; the other samples stay zero.
 */
export function applyMvmOutputFactors(
  s: MvmSettings,
  direction: MvmDirection,
  out: Float32Array,
  alpha: Float64Array,
  scale: Float32Array,
  computed: ArrayLike<number>,
): void {
  const outSize = s.outSize;
  for (let k = 0; k < computed.length; k++) {
    if (computed[k] === 0) continue;
    const factor = mvmOutputFactor(s, direction, alpha[k]!, scale[k]!);
    if (factor === 1) continue;
    for (let m = k * outSize, end = m + outSize; m < end; m++) out[m] = out[m]! * factor;
  }
}
