import { loadOnnxRuntime, type OrtLoader } from './ort-loader.js';

/** `true` when onnxruntime-node loads here, otherwise why not (for test `available` hooks and tools). */
export async function onnxRuntimeAvailable(loader: OrtLoader = loadOnnxRuntime): Promise<true | string> {
  try {
    await loader();
    return true;
  } catch (err) {
    return `onnxruntime-node does not load: ${err instanceof Error ? err.message : String(err)}`;
  }
}
