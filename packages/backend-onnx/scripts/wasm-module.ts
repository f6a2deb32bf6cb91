import { readFileSync } from 'node:fs';
import wabt from 'wabt';

/** Where the hand-written WebAssembly text and its generated binary (as a TS module) live. */
export const HOST_KERNELS_WAT_URL = new URL('../src/wasm/host-kernels.wat', import.meta.url);
export const HOST_KERNELS_GENERATED_URL = new URL('../src/wasm/host-kernels-wasm.generated.ts', import.meta.url);

/** Assembles WebAssembly text (with the threads and SIMD features) into a validated binary. */
export async function assembleWat(name: string, text: string): Promise<Uint8Array> {
  const assembler = await wabt();
  const features = { threads: true, simd: true };
  const module = assembler.parseWat(name, text, features);
  try {
    // wabt's validate takes the feature set as well; its typings leave the parameter out
    const validate: (enabled: typeof features) => void = module.validate.bind(module);
    validate(features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** host-kernels.wat's memory import, shared, and the same memory not shared (the host thread's own). */
const SHARED_MEMORY = '(memory 1 16384 shared)';
const LOCAL_MEMORY = '(memory 1 16384)';

/**
 * Assembles host-kernels.wat into the source text of host-kernels-wasm.generated.ts: the module
 * on a shared memory, and the same module on a memory that is not shared.
 */
export async function generateHostKernelsModuleSource(): Promise<string> {
  const text = readFileSync(HOST_KERNELS_WAT_URL, 'utf8');
  if (!text.includes(SHARED_MEMORY)) throw new Error(`host-kernels.wat must import its memory as ${SHARED_MEMORY}.`);
  const shared = await assembleWat('host-kernels.wat', text);
  const local = await assembleWat('host-kernels.wat (local memory)', text.replace(SHARED_MEMORY, LOCAL_MEMORY));
  return [
    '// Generated from host-kernels.wat by `npm run wasm -w @analogkit/backend-onnx`; do not edit.',
    `export const HOST_KERNELS_WASM_BASE64 = '${Buffer.from(shared).toString('base64')}';`,
    `export const HOST_KERNELS_LOCAL_WASM_BASE64 = '${Buffer.from(local).toString('base64')}';`,
    '',
  ].join('\n');
}
