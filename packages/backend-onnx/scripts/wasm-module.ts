import { readFileSync } from 'node:fs';
import wabt from 'wabt';

/** Where the hand-written WebAssembly text and its generated binary (as a TS module) live. */
export const NORMALS_WAT_URL = new URL('../src/wasm/normals.wat', import.meta.url);
export const NORMALS_GENERATED_URL = new URL('../src/wasm/normals-wasm.generated.ts', import.meta.url);

/** Assembles normals.wat into the source text of normals-wasm.generated.ts. */
export async function generateNormalsModuleSource(): Promise<string> {
  const assembler = await wabt();
  const module = assembler.parseWat('normals.wat', readFileSync(NORMALS_WAT_URL, 'utf8'));
  try {
    module.validate();
    const { buffer } = module.toBinary({});
    return [
      '// Generated from normals.wat by `npm run wasm -w @analogkit/backend-onnx`; do not edit.',
      `export const NORMALS_WASM_BASE64 = '${Buffer.from(buffer).toString('base64')}';`,
      '',
    ].join('\n');
  } finally {
    module.destroy();
  }
}
