import { describe, expect, it } from 'vitest';
import { PlaceholderAccessError, ReadOnlyViewError, ShapeError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { SimulatorTile, WeightsAndBias } from '../tiles/tile-api.js';
import { AnalogContext } from './analog-context.js';
import { AnalogContextDataViewMode as Mode } from './analog-context-data-view-mode.js';

/**
 * A SimulatorTile stand-in. It keeps a physical row-major matrix of `[out, in (+1 with analog
 * bias)]` columns, like a real tile, and `getWeights()` returns copies of the logical `[out, in]`
 * weights and of the bias column.
 */
class FakeTile implements SimulatorTile {
  readonly cols: number;
  readonly physical: Float32Array;
  device: string;
  getWeightsCalls = 0;
  moves: string[] = [];

  constructor(
    readonly outSize: number,
    readonly inSize: number,
    readonly analogBias: boolean,
    device = 'reference',
  ) {
    this.device = device;
    this.cols = inSize + (analogBias ? 1 : 0);
    this.physical = new Float32Array(outSize * this.cols);
    // Weights (k - 7) / 4 for k = 0.. (negative and positive, min -1.75, max 1.0 for 3x4); the
    // bias column holds large values (10, 20, ...) so that any leak of it shows in every statistic.
    let k = 0;
    for (let i = 0; i < outSize; i++) {
      for (let j = 0; j < inSize; j++) this.physical[i * this.cols + j] = (k++ - 7) * 0.25;
      if (analogBias) this.physical[i * this.cols + inSize] = 10 * (i + 1);
    }
  }

  get isCuda(): boolean {
    return this.device.endsWith(':cuda');
  }

  setWeight(i: number, j: number, value: number): void {
    this.physical[i * this.cols + j] = value;
  }

  logical(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.outSize; i++) {
      for (let j = 0; j < this.inSize; j++) out.push(this.physical[i * this.cols + j]!);
    }
    return out;
  }

  snapshot(): number[] {
    return Array.from(this.physical);
  }

  async getWeights(): Promise<WeightsAndBias> {
    this.getWeightsCalls++;
    const weights = new Tensor(Float32Array.from(this.logical()), [this.outSize, this.inSize]);
    const bias = this.analogBias
      ? new Tensor(Float32Array.from({ length: this.outSize }, (_, i) => this.physical[i * this.cols + this.inSize]!))
      : null;
    return [weights, bias];
  }

  async to(device: string): Promise<this> {
    this.moves.push(device);
    this.device = device;
    return this;
  }

  async cuda(): Promise<this> {
    return this.to(`${this.device.split(':')[0]}:cuda`);
  }
}

/** A tile that breaks the contract: it returns its physical matrix, bias column included. */
class PhysicalMatrixTile extends FakeTile {
  override async getWeights(): Promise<WeightsAndBias> {
    return [new Tensor(this.physical.slice(), [this.outSize, this.cols]), null];
  }
}

/** A tile that breaks the contract the other way: it hands out its own storage (no copy). */
class AliasingTile extends FakeTile {
  override async getWeights(): Promise<WeightsAndBias> {
    return [new Tensor(this.physical, [this.outSize, this.inSize]), null];
  }
}

const OUT = 3;
const IN = 4;
const MODES = [Mode.PLACEHOLDER, Mode.DATA_VIEW, Mode.BUFFER] as const;
const BIAS_VARIANTS = [
  { name: 'without analog bias', analogBias: false },
  { name: 'with analog bias', analogBias: true },
] as const;

function contextIn(mode: Mode, tile: SimulatorTile): AnalogContext {
  const ctx = new AnalogContext(tile);
  switch (mode) {
    case Mode.PLACEHOLDER:
      return ctx.enablePlaceholder();
    case Mode.DATA_VIEW:
      return ctx.enableDataView();
    case Mode.BUFFER:
      return ctx.enableBuffer();
  }
}

type Reader = 'getData' | 'norm' | 'sum' | 'max' | 'min' | 'absMax';
const READERS: Reader[] = ['getData', 'norm', 'sum', 'max', 'min', 'absMax'];

async function readWith(ctx: AnalogContext, op: Reader): Promise<number | number[]> {
  if (op === 'getData') return (await ctx.getData()).toArray();
  return ctx[op]();
}

function expectedFrom(t: Tensor, op: Reader): number | number[] {
  return op === 'getData' ? t.toArray() : t[op]();
}

const WRITERS = ['addInPlace', 'mulInPlace'] as const;

describe('AnalogContext', () => {
  it('starts in PLACEHOLDER mode', () => {
    expect(new AnalogContext(new FakeTile(OUT, IN, false)).dataViewMode).toBe(Mode.PLACEHOLDER);
  });

  it('has enum values equal to the member names', () => {
    expect(Object.values(Mode)).toEqual(['PLACEHOLDER', 'DATA_VIEW', 'BUFFER']);
  });

  it('sanity: the fake weights have known statistics', async () => {
    const [w] = await new FakeTile(OUT, IN, true).getWeights();
    expect(w.shape).toEqual([OUT, IN]);
    expect(w.sum()).toBe(-4.5);
    expect(w.min()).toBe(-1.75);
    expect(w.max()).toBe(1);
    expect(w.absMax()).toBe(1.75);
  });

  describe.each(BIAS_VARIANTS)('$name', ({ analogBias }) => {
    describe.each(MODES)('in %s mode', (mode) => {
      const setup = () => {
        const tile = new FakeTile(OUT, IN, analogBias);
        return { tile, ctx: contextIn(mode, tile) };
      };

      // -- metadata: works in every mode, never reads values --------------------------------

      it('dataViewMode reports the mode', () => {
        expect(setup().ctx.dataViewMode).toBe(mode);
      });

      it('size() is the logical shape [out, in], without the bias column', () => {
        const { ctx, tile } = setup();
        expect(ctx.size()).toEqual([OUT, IN]);
        expect(tile.getWeightsCalls).toBe(0);
      });

      it('shape is the logical shape [out, in] and is frozen', () => {
        const { ctx, tile } = setup();
        expect(ctx.shape).toEqual([OUT, IN]);
        expect(Object.isFrozen(ctx.shape)).toBe(true);
        expect(tile.getWeightsCalls).toBe(0);
      });

      it('numel() counts the logical weights', () => {
        expect(setup().ctx.numel()).toBe(OUT * IN);
      });

      it('device and isCuda are the tile’s', () => {
        const { ctx, tile } = setup();
        expect(ctx.device).toBe('reference');
        expect(ctx.isCuda).toBe(false);
        tile.device = 'onnx:cuda';
        expect(ctx.device).toBe('onnx:cuda');
        expect(ctx.isCuda).toBe(true);
        expect(tile.getWeightsCalls).toBe(0);
      });

      it('analogTile is the wrapped tile', () => {
        const { ctx, tile } = setup();
        expect(ctx.analogTile).toBe(tile);
      });

      it('toString() names mode, shape and device without reading values', () => {
        const { ctx, tile } = setup();
        expect(String(ctx)).toBe(`AnalogContext(${mode}, [${OUT}, ${IN}], reference)`);
        expect(tile.getWeightsCalls).toBe(0);
      });

      it('hasGradient() is false until a trace is stored, and reset() clears the traces', () => {
        const { ctx } = setup();
        expect(ctx.hasGradient()).toBe(false);
        const x = Tensor.fill([2, IN], 0.5);
        const d = Tensor.fill([2, OUT], -0.1);
        ctx.storeTrace(x, d);
        ctx.storeTrace(x, d);
        expect(ctx.hasGradient()).toBe(true);
        expect(ctx.analogInput).toEqual([x, x]);
        expect(ctx.analogGradOutput).toEqual([d, d]);
        ctx.reset();
        expect(ctx.hasGradient()).toBe(false);
        expect(ctx.analogInput).toHaveLength(0);
        expect(ctx.analogGradOutput).toHaveLength(0);
        expect(ctx.analogTile).toBeDefined();
      });

      it('reset(tile) re-points the context, clears traces and keeps the mode', () => {
        const { ctx } = setup();
        ctx.storeTrace(Tensor.zeros([1, IN]), Tensor.zeros([1, OUT]));
        const other = new FakeTile(5, 2, analogBias, 'onnx:cpu');
        ctx.reset(other);
        expect(ctx.analogTile).toBe(other);
        expect(ctx.hasGradient()).toBe(false);
        expect(ctx.dataViewMode).toBe(mode);
        expect(ctx.size()).toEqual([5, 2]);
        expect(ctx.device).toBe('onnx:cpu');
      });

      it('setIndexed() sets useIndexed (default true), and false clears it', () => {
        const { ctx } = setup();
        expect(ctx.useIndexed).toBe(false);
        ctx.setIndexed();
        expect(ctx.useIndexed).toBe(true);
        ctx.setIndexed(false);
        expect(ctx.useIndexed).toBe(false);
      });

      it('to(device) moves the tile, returns the context, keeps mode and traces', async () => {
        const { ctx, tile } = setup();
        ctx.storeTrace(Tensor.zeros([1, IN]), Tensor.zeros([1, OUT]));
        await expect(ctx.to('onnx:cpu')).resolves.toBe(ctx);
        expect(tile.moves).toEqual(['onnx:cpu']);
        expect(ctx.device).toBe('onnx:cpu');
        expect(ctx.dataViewMode).toBe(mode);
        expect(ctx.hasGradient()).toBe(true);
      });

      it('cuda() moves a CPU tile to its backend’s GPU target; a no-op when already there', async () => {
        const { ctx, tile } = setup();
        tile.device = 'onnx:cpu';
        await expect(ctx.cuda()).resolves.toBe(ctx);
        expect(ctx.device).toBe('onnx:cuda');
        expect(ctx.isCuda).toBe(true);
        await ctx.cuda();
        expect(tile.moves).toEqual(['onnx:cuda']);
        expect(ctx.dataViewMode).toBe(mode);
      });

      it('cpu() is a no-op for a CPU context and moves a GPU tile to its backend’s CPU target', async () => {
        const { ctx, tile } = setup();
        await expect(ctx.cpu()).resolves.toBe(ctx);
        expect(tile.moves).toEqual([]);
        expect(ctx.device).toBe('reference');
        tile.device = 'onnx:cuda';
        await ctx.cpu();
        expect(tile.moves).toEqual(['onnx:cpu']);
        expect(ctx.isCuda).toBe(false);
        expect(ctx.dataViewMode).toBe(mode);
      });

      // -- value reads ------------------------------------------------------------------------

      it.each(READERS)('%s()', async (op) => {
        const { ctx, tile } = setup();
        const before = tile.snapshot();
        switch (mode) {
          case Mode.PLACEHOLDER: {
            const err = await readWith(ctx, op).catch((e: unknown) => e);
            expect(err).toBeInstanceOf(PlaceholderAccessError);
            expect((err as Error).message).toContain(`${op}()`);
            expect((err as Error).message).toContain('enableDataView()');
            expect((err as Error).message).toContain('tile.getWeights()');
            expect(tile.getWeightsCalls).toBe(0);
            break;
          }
          case Mode.DATA_VIEW: {
            const [weights] = await tile.getWeights();
            expect(await readWith(ctx, op)).toEqual(expectedFrom(weights, op));
            break;
          }
          case Mode.BUFFER:
            expect(await readWith(ctx, op)).toEqual(expectedFrom(Tensor.zeros([OUT, IN]), op));
            expect(tile.getWeightsCalls).toBe(0);
            break;
        }
        expect(tile.snapshot()).toEqual(before);
      });

      it.each(READERS)('%s() follows a change of the tile weights', async (op) => {
        const { ctx, tile } = setup();
        const read = () => readWith(ctx, op);
        if (mode === Mode.PLACEHOLDER) {
          tile.setWeight(0, 0, 5);
          await expect(read()).rejects.toBeInstanceOf(PlaceholderAccessError);
          return;
        }
        const first = await read();
        tile.setWeight(0, 0, 5);
        tile.setWeight(OUT - 1, IN - 1, -9);
        const second = await read();
        if (mode === Mode.DATA_VIEW) {
          // Never a stale copy: re-read from the tile on every call.
          const [weights] = await tile.getWeights();
          expect(second).toEqual(expectedFrom(weights, op));
          expect(second).not.toEqual(first);
        } else {
          // The buffer is independent of the tile.
          expect(second).toEqual(first);
        }
      });

      // -- in-place writes --------------------------------------------------------------------

      it.each(WRITERS)('%s()', async (op) => {
        const { ctx, tile } = setup();
        const before = tile.snapshot();
        switch (mode) {
          case Mode.PLACEHOLDER:
            await expect(ctx[op](2)).rejects.toBeInstanceOf(PlaceholderAccessError);
            await expect(ctx[op](2)).rejects.toThrow(/enableDataView\(\)/);
            break;
          case Mode.DATA_VIEW: {
            const err = await ctx[op](2).catch((e: unknown) => e);
            expect(err).toBeInstanceOf(ReadOnlyViewError);
            expect((err as Error).message).toMatch(/setWeights|update/);
            expect(await ctx.getData()).toEqual(await tile.getWeights().then(([w]) => w.asReadOnly()));
            break;
          }
          case Mode.BUFFER: {
            await expect(ctx.addInPlace(1)).resolves.toBe(ctx);
            await expect(ctx[op](2)).resolves.toBe(ctx);
            const expected = op === 'addInPlace' ? 3 : 2;
            expect((await ctx.getData()).toArray()).toEqual(new Array(OUT * IN).fill(expected));
            expect(tile.getWeightsCalls).toBe(0);
            break;
          }
        }
        expect(tile.snapshot()).toEqual(before);
      });

      it.each(WRITERS)('%s() with a tensor argument', async (op) => {
        const { ctx, tile } = setup();
        const arg = new Tensor(Float32Array.from({ length: OUT * IN }, (_, i) => i), [OUT, IN]);
        const before = tile.snapshot();
        if (mode === Mode.BUFFER) {
          await ctx.addInPlace(1);
          await ctx[op](arg);
          const want = arg.toArray().map((v) => (op === 'addInPlace' ? 1 + v : v));
          expect((await ctx.getData()).toArray()).toEqual(want);
          await expect(ctx[op](Tensor.zeros([2, 2]))).rejects.toBeInstanceOf(ShapeError);
        } else {
          await expect(ctx[op](arg)).rejects.toBeInstanceOf(
            mode === Mode.PLACEHOLDER ? PlaceholderAccessError : ReadOnlyViewError,
          );
        }
        expect(tile.snapshot()).toEqual(before);
      });

      // -- the tensor getData() hands out ------------------------------------------------------

      it('getData() tensor: shape, writability and identity', async () => {
        const { ctx, tile } = setup();
        if (mode === Mode.PLACEHOLDER) {
          await expect(ctx.getData()).rejects.toBeInstanceOf(PlaceholderAccessError);
          return;
        }
        const a = await ctx.getData();
        const b = await ctx.getData();
        expect(a.shape).toEqual([OUT, IN]);
        expect(a.size()).toBe(OUT * IN);
        if (mode === Mode.DATA_VIEW) {
          expect(a.readOnly).toBe(true);
          expect(a).not.toBe(b);
          expect(() => a.set(1, 0, 0)).toThrow(ReadOnlyViewError);
          expect(() => a.addInPlace(1)).toThrow(ReadOnlyViewError);
          expect(() => a.fillInPlace(0)).toThrow(ReadOnlyViewError);
          // Even a write through the raw typed array reaches neither the tile nor the next read.
          const before = tile.snapshot();
          a.data[0] = 123;
          expect(tile.snapshot()).toEqual(before);
          expect((await ctx.getData()).get(0, 0)).toBe(tile.logical()[0]);
        } else {
          expect(a.readOnly).toBe(false);
          expect(a).toBe(b);
          const before = tile.snapshot();
          a.set(7, 1, 2);
          expect((await ctx.getData()).get(1, 2)).toBe(7);
          expect(tile.snapshot()).toEqual(before);
        }
      });

      // -- switching modes ---------------------------------------------------------------------

      it.each(MODES)('switching to %s', async (target) => {
        const { ctx, tile } = setup();
        if (mode === Mode.BUFFER) await ctx.addInPlace(4);
        const oldBuffer = mode === Mode.BUFFER ? await ctx.getData() : null;
        const enable = {
          [Mode.PLACEHOLDER]: () => ctx.enablePlaceholder(),
          [Mode.DATA_VIEW]: () => ctx.enableDataView(),
          [Mode.BUFFER]: () => ctx.enableBuffer(),
        }[target];
        expect(enable()).toBe(ctx);
        expect(ctx.dataViewMode).toBe(target);
        expect(ctx.size()).toEqual([OUT, IN]);
        if (target === Mode.PLACEHOLDER) {
          await expect(ctx.getData()).rejects.toBeInstanceOf(PlaceholderAccessError);
        } else if (target === Mode.DATA_VIEW) {
          expect((await ctx.getData()).toArray()).toEqual(Array.from(Float32Array.from(tile.logical())));
        } else {
          // Entering BUFFER always gives a fresh zero buffer, also from BUFFER itself (as aihwkit).
          const buffer = await ctx.getData();
          expect(buffer).not.toBe(oldBuffer);
          expect(buffer.toArray()).toEqual(new Array(OUT * IN).fill(0));
          expect(buffer.shape).toEqual([OUT, IN]);
          if (oldBuffer) expect(oldBuffer.toArray()).toEqual(new Array(OUT * IN).fill(4));
        }
      });
    });

    // -- cases specific to one mode ---------------------------------------------------------

    it('DATA_VIEW equals getWeights()[0] and norm() equals weight.norm()', async () => {
      const tile = new FakeTile(OUT, IN, analogBias);
      const ctx = new AnalogContext(tile).enableDataView();
      const [weight] = await tile.getWeights();
      expect(await ctx.getData()).toEqual(weight.asReadOnly());
      expect(await ctx.norm()).toBe(weight.norm());
      expect(ctx.size()).toEqual(weight.shape);
    });

    it('DATA_VIEW never includes the analog-bias column', async () => {
      const tile = new FakeTile(OUT, IN, analogBias);
      const ctx = new AnalogContext(tile).enableDataView();
      // The bias column holds 10, 20, 30: it would dominate max() and absMax().
      expect(await ctx.max()).toBe(1);
      expect(await ctx.absMax()).toBe(1.75);
      expect((await ctx.getData()).shape).toEqual([OUT, IN]);
    });

    it('BUFFER survives device moves', async () => {
      const tile = new FakeTile(OUT, IN, analogBias, 'onnx:cpu');
      const ctx = new AnalogContext(tile).enableBuffer();
      await ctx.addInPlace(2);
      const buffer = await ctx.getData();
      await ctx.cuda();
      await ctx.to('gpujs:webasm');
      await ctx.cpu();
      expect(await ctx.getData()).toBe(buffer);
      expect(buffer.sum()).toBe(2 * OUT * IN);
    });

    it('BUFFER survives reset() and reset(tile) of the same shape, and is re-created for another shape', async () => {
      const ctx = new AnalogContext(new FakeTile(OUT, IN, analogBias)).enableBuffer();
      await ctx.addInPlace(1);
      const buffer = await ctx.getData();
      ctx.reset();
      expect(await ctx.getData()).toBe(buffer);
      ctx.reset(new FakeTile(OUT, IN, !analogBias));
      expect(await ctx.getData()).toBe(buffer);
      ctx.reset(new FakeTile(2, 7, analogBias));
      const fresh = await ctx.getData();
      expect(fresh).not.toBe(buffer);
      expect(fresh.shape).toEqual([2, 7]);
      expect(fresh.sum()).toBe(0);
    });

    it('DATA_VIEW after reset(tile) reads the new tile', async () => {
      const ctx = new AnalogContext(new FakeTile(OUT, IN, analogBias)).enableDataView();
      const other = new FakeTile(2, 2, analogBias);
      other.setWeight(1, 1, 42);
      ctx.reset(other);
      expect((await ctx.getData()).toNested()).toEqual([
        [-1.75, -1.5],
        [-1.25, 42],
      ]);
    });
  });

  it('DATA_VIEW rejects a tile whose getWeights() includes the bias column', async () => {
    const ctx = new AnalogContext(new PhysicalMatrixTile(OUT, IN, true)).enableDataView();
    expect(ctx.size()).toEqual([OUT, IN]);
    const err = await ctx.getData().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toContain(`[${OUT}, ${IN + 1}]`);
    await expect(ctx.norm()).rejects.toBeInstanceOf(ShapeError);
  });

  it('DATA_VIEW copies, so a tile that hands out its own storage cannot be written through it', async () => {
    const tile = new AliasingTile(OUT, IN, false);
    const ctx = new AnalogContext(tile).enableDataView();
    const before = tile.snapshot();
    const view = await ctx.getData();
    view.data.fill(0);
    expect(tile.snapshot()).toEqual(before);
  });

  it('cpu() of a GPU tile keeps the backend', async () => {
    const tile = new FakeTile(OUT, IN, false, 'gpujs:cuda');
    await new AnalogContext(tile).cpu();
    expect(tile.device).toBe('gpujs:cpu');
  });

  it('mode switches chain', async () => {
    const tile = new FakeTile(OUT, IN, true);
    const ctx = new AnalogContext(tile);
    expect(ctx.enableBuffer().enableDataView().enablePlaceholder().dataViewMode).toBe(Mode.PLACEHOLDER);
    expect(await ctx.enableDataView().sum()).toBe(-4.5);
  });
});
