import { AnalogMVType, IOParameters, resolveMvmSettings, WeightNoiseType } from '@analogkit/core';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { buildMvmGraph, mvmGraphKey, type MvmGraphSpec } from './mvm-graph.js';
import { buildUpdateGraph, type UpdateGraphKind } from './update-graph.js';

const { onnx } = onnxProto;

function opTypes(model: Uint8Array): string[] {
  return onnx.ModelProto.decode(model).graph!.node!.map((n) => n.opType!);
}

function mvmSpec(io: IOParameters): MvmGraphSpec {
  return { direction: 'forward', rows: 5, cols: 7, settings: resolveMvmSettings(io, 'forward', 5, 7), outScale: 1, perOutputNoise: false, readAsymmetry: false };
}

describe('kernel graphs', () => {
  it('hold no random nodes, whatever noise the configuration has', () => {
    const noisy = new IOParameters({ inp_noise: 0.1, out_noise: 0.1, w_noise: 0.1, w_noise_type: WeightNoiseType.PCM_READ, mv_type: AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM });
    const models = [
      buildMvmGraph(mvmSpec(noisy)),
      buildMvmGraph(mvmSpec(new IOParameters({ out_noise: 0 }))),
      ...(['trains', 'counts', 'exact', 'exact-bounded'] as UpdateGraphKind[]).map((kind) => buildUpdateGraph({ kind, rows: 5, cols: 7, stepNoise: 0.3 })),
    ];
    for (const model of models) expect(opTypes(model).filter((op) => op.startsWith('Random') || op === 'Bernoulli')).toEqual([]);
    // The noisy MVM takes its normals as inputs instead.
    const inputs = onnx.ModelProto.decode(models[0]!).graph!.input!.map((i) => i.name);
    expect(inputs).toEqual(expect.arrayContaining(['in_noise', 'w_noise_0', 'w_noise_1', 'out_noise_0', 'out_noise_1']));
  });

  it('are keyed by everything that changes them', () => {
    const a = mvmSpec(new IOParameters());
    expect(mvmGraphKey(a)).toBe(mvmGraphKey(mvmSpec(new IOParameters())));
    expect(mvmGraphKey(a)).not.toBe(mvmGraphKey(mvmSpec(new IOParameters({ out_noise: 0.07 }))));
    expect(mvmGraphKey(a)).not.toBe(mvmGraphKey({ ...a, direction: 'backward' }));
    expect(mvmGraphKey(a)).not.toBe(mvmGraphKey({ ...a, rows: 6 }));
  });

  it('leave the quantisation and the bound test out when the configuration switches them off', () => {
    const ops = opTypes(buildMvmGraph(mvmSpec(new IOParameters({ out_noise: 0, inp_res: 0, out_res: 0, out_bound: 0 }))));
    expect(ops).not.toContain('Round');
    expect(ops).not.toContain('ReduceMax');
  });
});
