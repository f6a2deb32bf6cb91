/* Regenerates src/wasm/host-kernels-wasm.generated.ts from src/wasm/host-kernels.wat. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateHostKernelsModuleSource, HOST_KERNELS_GENERATED_URL } from './wasm-module.js';

writeFileSync(HOST_KERNELS_GENERATED_URL, await generateHostKernelsModuleSource());
console.log(`wrote ${fileURLToPath(HOST_KERNELS_GENERATED_URL)}`);
