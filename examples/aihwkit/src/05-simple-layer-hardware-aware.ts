/*
 * aihwkit example 05: hardware-aware training of one layer (4 -> 2) with an InferenceRPUConfig
 * (constant additive weight noise in the forward, weights clipped at 1, drop-connect and Gaussian
 * weight noise during training, the PCM-like noise model, global drift compensation), then
 * inference after programming to PCM at growing times. Run:
 * npx tsx --conditions=@analogkit/source examples/aihwkit/src/05-simple-layer-hardware-aware.ts
 */
import {
  GlobalDriftCompensation,
  InferenceRPUConfig,
  InferenceTile,
  PCMLikeNoiseModel,
  WeightClipType,
  WeightModifierType,
  WeightNoiseType,
} from '@analogkit/core';
import { AnalogLinear, driftAnalogWeights } from '@analogkit/nn';
import { isMain, runAsScript, TOY_X, TOY_Y, trainOnToyData, type ExampleOptions } from './example-support.js';

/** The hardware-aware training config of aihwkit's example 05. */
export function hardwareAwareConfig(): InferenceRPUConfig {
  const rpuConfig = new InferenceRPUConfig();
  rpuConfig.forward.out_res = -1; // no output (ADC) quantisation
  rpuConfig.forward.w_noise_type = WeightNoiseType.ADDITIVE_CONSTANT;
  rpuConfig.forward.w_noise = 0.02; // short-term weight noise
  rpuConfig.clip.type = WeightClipType.FIXED_VALUE;
  rpuConfig.clip.fixed_value = 1.0;
  rpuConfig.modifier.pdrop = 0.03; // drop-connect
  rpuConfig.modifier.type = WeightModifierType.ADD_NORMAL; // forward/backward weight noise
  rpuConfig.modifier.std_dev = 0.1;
  rpuConfig.modifier.rel_to_actual_wmax = true;
  rpuConfig.noise_model = new PCMLikeNoiseModel({ g_max: 25.0 });
  rpuConfig.drift_compensation = new GlobalDriftCompensation();
  return rpuConfig;
}

export interface DriftedPrediction {
  /** Seconds after programming. */
  t: number;
  /** The drift compensation's output scale. */
  alpha: number;
  prediction: number[][];
}

export interface HardwareAwareResult {
  losses: number[];
  predictionAfterTraining: number[][];
  drift: DriftedPrediction[];
}

export async function run(options: ExampleOptions = {}): Promise<HardwareAwareResult> {
  const { seed = 1, log = () => {} } = options;
  const model = new AnalogLinear(4, 2, { bias: true, rpuConfig: hardwareAwareConfig(), seed });
  const losses = await trainOnToyData(model, TOY_X, TOY_Y, 100, 0.1, log);

  model.eval();
  const predictionAfterTraining = (await model.forward(TOY_X)).toNested() as number[][];
  log(`correct values: ${JSON.stringify(TOY_Y.toNested())}`);
  log(`prediction after training: ${JSON.stringify(predictionAfterTraining)}`);
  const tile = model.analogTiles()[0] as InferenceTile;
  const drift: DriftedPrediction[] = [];
  for (const t of [0, 1, 20, 1000, 1e5]) {
    await driftAnalogWeights(model, t);
    const prediction = (await model.forward(TOY_X)).toNested() as number[][];
    const alpha = tile.getDriftAlpha()[0]!;
    log(`prediction after drift (t=${t}, correction=${alpha.toFixed(3)}): ${JSON.stringify(prediction)}`);
    drift.push({ t, alpha, prediction });
  }
  return { losses, predictionAfterTraining, drift };
}

if (isMain(import.meta.url)) await runAsScript(run);
