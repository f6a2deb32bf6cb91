import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A tensor dimension: a fixed size or a symbolic name (a dynamic size such as the batch). */
export type Dim = number | string;

/** The element types the kernels' graphs use. */
export type ElementType = 'float' | 'bool' | 'int64';

const ELEMENT_TYPES: Record<ElementType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  bool: onnx.TensorProto.DataType.BOOL,
  int64: onnx.TensorProto.DataType.INT64,
};

/** Node attributes: integers, floats and integer lists (all the kernels need). */
export type Attributes = Record<string, number | readonly number[] | { float: number }>;

/** The opset the graphs are written against (reductions still take `axes` as an attribute). */
export const OPSET = 17;

/**
 * Builds one ONNX model in code: typed inputs and outputs, float constants (deduplicated by
 * value), and nodes whose outputs get fresh names unless one is given. `build()` serialises it.
 */
export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly scalars = new Map<number, string>();
  private next = 0;

  constructor(private readonly name: string) {}

  /** Declares a graph input and returns its name. */
  input(name: string, dims: readonly Dim[], type: ElementType = 'float'): string {
    this.inputs.push(valueInfo(name, dims, type));
    return name;
  }

  /**
   * Declares `value` as the graph output `name`: the node producing it is renamed (no copy), or
   * an Identity node is added when `value` is a graph input or constant.
   */
  output(name: string, value: string, dims: readonly Dim[], type: ElementType = 'float'): void {
    if (value !== name) {
      const producer = this.nodes.find((n) => n.output[0] === value);
      if (producer) {
        producer.output[0] = name;
        for (const node of this.nodes) node.input = node.input.map((i) => (i === value ? name : i));
      } else {
        this.nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [value], output: [name] }));
      }
    }
    this.outputs.push(valueInfo(name, dims, type));
  }

  /** A float32 scalar constant (broadcasts against any tensor). */
  scalar(value: number): string {
    const v = Math.fround(value);
    let name = this.scalars.get(v);
    if (!name) {
      name = this.fresh('c');
      this.initializers.push(onnx.TensorProto.create({ name, dataType: ELEMENT_TYPES.float, dims: [], floatData: [v] }));
      this.scalars.set(v, name);
    }
    return name;
  }

  /** A float32 constant tensor. */
  floats(values: Float32Array, dims: readonly number[]): string {
    const name = this.fresh('t');
    this.initializers.push(onnx.TensorProto.create({ name, dataType: ELEMENT_TYPES.float, dims: [...dims], floatData: Array.from(values) }));
    return name;
  }

  /** An int64 constant vector (shapes for Reshape). */
  int64s(values: readonly number[]): string {
    const name = this.fresh('i');
    this.initializers.push(onnx.TensorProto.create({ name, dataType: ELEMENT_TYPES.int64, dims: [values.length], int64Data: [...values] }));
    return name;
  }

  /** Adds a node and returns its (first) output name. */
  op(opType: string, inputs: readonly string[], attributes: Attributes = {}, outName?: string): string {
    const output = outName ?? this.fresh(opType);
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: [output],
        attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
      }),
    );
    return output;
  }

  build(): Uint8Array {
    const graph = onnx.GraphProto.create({
      name: this.name,
      node: this.nodes,
      input: this.inputs,
      output: this.outputs,
      initializer: this.initializers,
    });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: '@analogkit/backend-onnx',
      opsetImport: [{ domain: '', version: OPSET }],
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private fresh(prefix: string): string {
    return `${prefix}_${this.next++}`;
  }
}

function valueInfo(name: string, dims: readonly Dim[], type: ElementType) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPES[type],
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

function attribute(name: string, value: number | readonly number[] | { float: number }) {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return onnx.AttributeProto.create({ name, type: types.INT, i: value });
  if ('float' in value) return onnx.AttributeProto.create({ name, type: types.FLOAT, f: value.float });
  return onnx.AttributeProto.create({ name, type: types.INTS, ints: [...value] });
}
