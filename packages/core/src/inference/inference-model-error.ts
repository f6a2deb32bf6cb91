import { AnalogKitError } from '../errors.js';

/** An inference noise model or drift compensation plugin is unknown, or registered twice. */
export class InferenceModelError extends AnalogKitError {
  override readonly code = 'INFERENCE_MODEL_ERROR';
}
