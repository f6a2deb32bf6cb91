import type { MvmDirection } from '@analogkit/core';
import type { IKernelRunShortcut, KernelFunction } from 'gpu.js';
import type { GpuJsBackend } from '../gpujs-backend.js';
import { COUNTER_RNG_FUNCTIONS } from '../random/counter-hash.js';
import { macKernel, nonIdealPassKernel, partMacKernel, voltageOffset } from './analog-pass-kernels.js';
import { inputStageKernel } from './input-stage-kernel.js';
import { outputStageKernel } from './output-stage-kernel.js';
import { quantizeToStep, roundHalfEven32 } from './quantize-functions.js';

const QUANTIZE_FUNCTIONS = [roundHalfEven32, quantizeToStep, ...COUNTER_RNG_FUNCTIONS];

/** The compiled gpu.js kernels of one MVM direction of one tile shape (built once, cached by the backend). */
export class MvmKernels {
  readonly inSize: number;
  readonly outSize: number;
  private readonly rowStride: number;
  private readonly colStride: number;

  constructor(
    private readonly backend: GpuJsBackend,
    private readonly rows: number,
    private readonly cols: number,
    private readonly direction: MvmDirection,
  ) {
    const forward = direction === 'forward';
    this.inSize = forward ? cols : rows;
    this.outSize = forward ? rows : cols;
    this.rowStride = forward ? cols : 1;
    this.colStride = forward ? 1 : cols;
  }

  inputStage(): IKernelRunShortcut {
    return this.build('input', inputStageKernel, { inSize: this.inSize }, QUANTIZE_FUNCTIONS);
  }

  /** `W v` over all inputs. */
  mac(): IKernelRunShortcut {
    return this.build('mac', macKernel, this.passConstants(), []);
  }

  /** `W v` over the inputs of one sign. */
  partMac(): IKernelRunShortcut {
    return this.build('part-mac', partMacKernel, this.passConstants(), []);
  }

  nonIdealPass(): IKernelRunShortcut {
    return this.build('non-ideal-pass', nonIdealPassKernel, this.passConstants(), [voltageOffset, ...COUNTER_RNG_FUNCTIONS]);
  }

  outputStage(): IKernelRunShortcut {
    return this.build('output', outputStageKernel, { outSize: this.outSize }, QUANTIZE_FUNCTIONS);
  }

  private passConstants(): Record<string, number> {
    return { inSize: this.inSize, outSize: this.outSize, rowStride: this.rowStride, colStride: this.colStride };
  }

  private build(stage: string, source: unknown, constants: Record<string, number>, functions: unknown[]): IKernelRunShortcut {
    return this.backend.kernel(this.rows, this.cols, `mvm:${this.direction}:${stage}`, source as KernelFunction, {
      constants,
      functions: functions as Function[],
      loopMaxIterations: Math.max(this.inSize, 1),
    });
  }
}
