/*
 * `npm run bench`: throughput of each available backend against the machine's own limit, the
 * bare onnxruntime MatMul of the same shape measured in the same run. Prints a table and writes
 * bench/results.json. Not a test: the figures depend on the machine.
 *
 * W1: forward and backward of a 1024x1024 InferenceRPUConfig tile, batch 256, x ~ U(-1,1),
 *     W ~ U(-0.1,0.1). W2: one pulsed update of a SingleRPUConfig tile (ConstantStepDevice
 *     defaults), lr 0.01, the same x, d ~ U(-0.1,0.1).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { createRuntime, createTile, InferenceRPUConfig, registerCore, SingleRPUConfig, Tensor, XoshiroRandom, type Runtime } from '@analogkit/core';
import { createMatMulBaseline, registerOnnxBackend } from '@analogkit/backend-onnx';
import { gpuJsBenchDevices, registerGpuJsBackend } from '@analogkit/backend-gpujs';

const OUT = 1024;
const IN = 1024;
const BATCH = 256;
const LR = 0.01;

interface Figure {
  backend: string;
  workload: string;
  medianMs: number;
  runs: number;
  ratioToMatMul: number;
}

function uniform(rng: XoshiroRandom, shape: [number, number], lo: number, hi: number): Tensor {
  const data = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * rng.uniform();
  return new Tensor(data, shape);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timeOnce(body: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await body();
  return performance.now() - start;
}

/**
 * Times `body` in `runs` rounds, each right after a fresh measurement of the bare MatMul (median
 * of 3), so both see the same machine load; the ratio is the median of the per-round ratios.
 */
async function measure(
  runs: number,
  warmup: number,
  matmul: () => Promise<void>,
  body: () => Promise<unknown>,
  setup: () => Promise<unknown>,
): Promise<{ ms: number; ratio: number }> {
  for (let i = 0; i < warmup; i++) {
    await setup();
    await body();
  }
  const times: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup();
    const limit = median([await timeOnce(matmul), await timeOnce(matmul), await timeOnce(matmul)]);
    const t = await timeOnce(body);
    times.push(t);
    ratios.push(t / limit);
  }
  return { ms: median(times), ratio: median(ratios) };
}

async function available(runtime: Runtime, device: string): Promise<boolean> {
  try {
    await runtime.backend(device);
    return true;
  } catch (err) {
    console.log(`skipping ${device}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

async function main(): Promise<void> {
  const runtime = createRuntime({ seed: 1, register: [registerCore, (c) => registerOnnxBackend(c), (c) => registerGpuJsBackend(c)] });
  const rng = new XoshiroRandom(2026);
  const x = uniform(rng, [BATCH, IN], -1, 1);
  const w = uniform(rng, [OUT, IN], -0.1, 0.1);
  const dBackward = uniform(rng, [BATCH, OUT], -1, 1);
  const dUpdate = uniform(rng, [BATCH, OUT], -0.1, 0.1);

  const baseline = await createMatMulBaseline(BATCH, IN, OUT);
  const matmul = () => baseline.run();
  for (let i = 0; i < 10; i++) await matmul();
  const matmulTimes: number[] = [];
  for (let i = 0; i < 51; i++) matmulTimes.push(await timeOnce(matmul));
  const matmulMs = median(matmulTimes);
  console.log(`bare onnxruntime MatMul [${BATCH}x${IN}] x [${IN}x${OUT}]: ${matmulMs.toFixed(3)} ms (median of 51)`);

  const figures: Figure[] = [];
  const record = async (backend: string, workload: string, runs: number, warmup: number, body: () => Promise<unknown>, setup = async () => {}) => {
    const { ms, ratio } = await measure(runs, warmup, matmul, body, setup);
    figures.push({ backend, workload, medianMs: ms, runs, ratioToMatMul: ratio });
    console.log(`  ${backend} ${workload}: ${ms.toFixed(2)} ms, ${ratio.toFixed(2)}x MatMul`);
  };

  for (const device of ['onnx:cpu', ...(await gpuJsBenchDevices()), 'reference']) {
    if (!(await available(runtime, device))) continue;
    const slow = device === 'reference' || device.startsWith('gpujs');
    const runs = slow ? 3 : 101;
    const warmup = slow ? 1 : 10;
    const inference = await createTile(runtime, OUT, IN, new InferenceRPUConfig(), { backend: device, seed: 7 });
    await inference.setWeights(w);
    await record(device, 'W1 forward', runs, warmup, () => inference.forward(x));
    await record(device, 'W1 backward', runs, warmup, () => inference.backward(dBackward));
    inference.dispose();

    const analog = await createTile(runtime, OUT, IN, new SingleRPUConfig(), { backend: device, seed: 8 });
    // Every timed update starts from the same weights (written untimed before it).
    await record(device, 'W2 pulsed update', runs, slow ? 0 : 3, () => analog.update(x, dUpdate, LR), () => analog.setWeights(w));
    analog.dispose();
  }

  console.log('');
  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads; limit = bare MatMul ${matmulMs.toFixed(3)} ms`);
  console.log('Ratios are medians of per-round ratios to a MatMul timed right before each run.');
  console.log('| backend      | workload         | median ms | x MatMul |');
  console.log('|--------------|------------------|-----------|----------|');
  for (const f of figures) {
    console.log(`| ${f.backend.padEnd(12)} | ${f.workload.padEnd(16)} | ${f.medianMs.toFixed(2).padStart(9)} | ${f.ratioToMatMul.toFixed(2).padStart(8)} |`);
  }

  mkdirSync('bench', { recursive: true });
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', threads: availableParallelism(), platform: `${process.platform}/${process.arch}`, node: process.version },
    shape: { out: OUT, in: IN, batch: BATCH, lr: LR },
    matmulMs,
    figures,
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
  await baseline.release();
  runtime.backends.disposeAll();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
