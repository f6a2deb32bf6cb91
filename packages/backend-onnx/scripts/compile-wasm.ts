/* Regenerates src/wasm/normals-wasm.generated.ts from src/wasm/normals.wat. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NORMALS_GENERATED_URL, generateNormalsModuleSource } from './wasm-module.js';

writeFileSync(NORMALS_GENERATED_URL, await generateNormalsModuleSource());
console.log(`wrote ${fileURLToPath(NORMALS_GENERATED_URL)}`);
