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

/** Assembles host-kernels.wat into the source text of host-kernels-wasm.generated.ts. */
export async function generateHostKernelsModuleSource(): Promise<string> {
  const binary = await assembleWat('host-kernels.wat', readFileSync(HOST_KERNELS_WAT_URL, 'utf8'));
  return [
    '// Generated from host-kernels.wat by `npm run wasm -w @analogkit/backend-onnx`; do not edit.',
    `export const HOST_KERNELS_WASM_BASE64 = '${Buffer.from(binary).toString('base64')}';`,
    '',
  ].join('\n');
}
