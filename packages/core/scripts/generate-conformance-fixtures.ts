// Regenerates the conformance fixtures from the reference kernels. Run after a deliberate change
// of reference behaviour, and review the diff: every backend is tested against this file.
import { writeFileSync } from 'node:fs';
import { createRuntime, registerCore } from '../src/index.js';
import { generateFixtures } from '../src/testing/conformance/generate-fixtures.js';

const runtime = createRuntime({ seed: 1, register: [registerCore] });
const file = await generateFixtures(runtime);
const target = new URL('../src/testing/conformance/fixtures/conformance-fixtures.json', import.meta.url);
writeFileSync(target, JSON.stringify(file) + '\n');
console.log(`wrote ${file.cases.length} cases to ${target.pathname.split('/').slice(-4).join('/')}`);
