import type * as Ort from 'onnxruntime-node';

/** The onnxruntime-node module. */
export type OrtModule = typeof Ort;

/** Loads onnxruntime-node; tests inject one that fails to simulate a machine without it. */
export type OrtLoader = () => Promise<OrtModule>;

/** Imports onnxruntime-node (a CommonJS package: its API may sit on the default export). */
export const loadOnnxRuntime: OrtLoader = async () => {
  const mod = (await import('onnxruntime-node')) as OrtModule & { default?: OrtModule };
  return typeof mod.InferenceSession === 'function' ? mod : mod.default!;
};
