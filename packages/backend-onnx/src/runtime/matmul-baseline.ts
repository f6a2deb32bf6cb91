import { availableParallelism } from 'node:os';
import { GraphBuilder } from '../graph/graph-builder.js';
import { NO_SPINNING } from '../onnx-backend.js';
import { loadOnnxRuntime, type OrtLoader } from './ort-loader.js';

/** The bare onnxruntime MatMul of a batch against a weight matrix: the limit an MVM kernel is measured against. */
export interface MatMulBaseline {
  /** One `x W` product ([batch, in] x [in, out]) on fixed random inputs. */
  run(): Promise<void>;
  release(): Promise<void>;
}

/** A CPU MatMul session with the thread settings the onnx backend uses by default. */
export async function createMatMulBaseline(batch: number, inSize: number, outSize: number, loader: OrtLoader = loadOnnxRuntime): Promise<MatMulBaseline> {
  const ort = await loader();
  const g = new GraphBuilder('matmul');
  const x = g.input('x', [batch, inSize]);
  const w = g.input('w', [inSize, outSize]);
  g.output('y', g.op('MatMul', [x, w]), [batch, outSize]);
  const session = await ort.InferenceSession.create(g.build(), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: Math.max(1, availableParallelism()),
    extra: NO_SPINNING,
  });
  const feeds = {
    x: new ort.Tensor('float32', Float32Array.from({ length: batch * inSize }, () => Math.random() * 2 - 1), [batch, inSize]),
    w: new ort.Tensor('float32', Float32Array.from({ length: inSize * outSize }, () => Math.random() * 0.2 - 0.1), [inSize, outSize]),
  };
  return {
    run: async () => {
      await session.run(feeds);
    },
    release: () => session.release(),
  };
}
