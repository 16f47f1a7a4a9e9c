/**
 * A small typed ONNX graph builder that emits ModelProto bytes, and a reader for the parts of
 * a ModelProto the app shows (graph signature, nodes, float32 initializers).
 *
 * Sandboxes and train steps are built here, in the page, for the shapes the user picks; the
 * bytes go to a ModelSession like any model file. The builder checks what ONNX would only
 * reject at session creation (a name used before it is defined, a name defined twice, an
 * output nobody produces), so a mistake fails here, with the name in the message.
 *
 * Field numbers are those of onnx/onnx.proto (IR version 8). Only what Glassbox uses is
 * encoded: float32 tensors (and int64 ones, for shape and axes inputs), the default domain.
 */
import type { Tensor } from '../../core/tensor';
import {
  appendFloats,
  appendInts,
  decodeFloat,
  decodeString,
  ProtoDecodeError,
  ProtoWriter,
  readFields,
} from './protobuf';

export const IR_VERSION = 8;
export const DEFAULT_OPSET = 17;

/** TensorProto.DataType values used here. */
const FLOAT = 1;
const INT64 = 7;

/** AttributeProto.AttributeType values. */
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** A dimension: a size, or a symbolic name (dim_param) such as 'batch'. */
export type Dim = number | string;

/**
 * An attribute value. The convention, chosen so the common case needs no wrapper:
 * - a number is an INT and a number[] is INTS (they must be integers: `kernel_shape: [3, 3]`);
 * - a float is always wrapped: `{ float: 0.01 }` is FLOAT, `{ floats: [...] }` is FLOATS —
 *   so `alpha: 1` can never silently become an INT where ONNX expects a FLOAT, or vice versa;
 * - a string is a STRING; `{ tensor }` is a float32 TENSOR (the `value` of a Constant node).
 */
export type AttrValue =
  | number
  | readonly number[]
  | string
  | { readonly float: number }
  | { readonly floats: readonly number[] }
  | { readonly tensor: Tensor };

export type Attrs = Record<string, AttrValue>;

export interface ValueInfo {
  name: string;
  dims: Dim[];
}

export interface NodeInfo {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Attrs;
}

interface Int64Tensor {
  readonly values: readonly number[];
  readonly dims: readonly number[];
}

type Initializer = { kind: 'float32'; tensor: Tensor } | { kind: 'int64'; tensor: Int64Tensor };

/** Throws unless `dims` is a list of non-negative integers whose product is `length`. */
function checkShape(what: string, dims: readonly number[], length: number): void {
  if (dims.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`${what}: dims [${dims.join(', ')}] must be non-negative integers`);
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== length)
    throw new Error(`${what}: dims [${dims.join(', ')}] hold ${size} values, data has ${length}`);
}

/**
 * Builds one graph. Declare inputs and initializers, add nodes in topological order (each
 * input defined before use), declare outputs, then `toBytes()`. Names are SSA: every value is
 * defined exactly once. Every method that defines a value returns its name, for chaining.
 */
export class GraphBuilder {
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly initializers = new Map<string, Initializer>();
  private readonly nodes: NodeInfo[] = [];
  /** Every value defined so far, and what defined it (for error messages). */
  private readonly defined = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly opset: number = DEFAULT_OPSET,
  ) {}

  private define(name: string, by: string): void {
    if (!name) throw new Error(`${this.name}: ${by} defines a value with an empty name`);
    const previous = this.defined.get(name);
    if (previous)
      throw new Error(`${this.name}: "${name}" is defined twice (by ${previous} and by ${by})`);
    this.defined.set(name, by);
  }

  /** A float32 graph input; string dims are symbolic. */
  input(name: string, dims: readonly Dim[]): string {
    this.define(name, 'an input');
    this.inputs.push({ name, dims: [...dims] });
    return name;
  }

  /** Declares a graph output; some node (or an input/initializer) must define `name`. */
  output(name: string, dims: readonly Dim[]): string {
    if (this.outputs.some((o) => o.name === name))
      throw new Error(`${this.name}: output "${name}" is declared twice`);
    this.outputs.push({ name, dims: [...dims] });
    return name;
  }

  /** A float32 constant stored in the graph. The data is copied when the bytes are made. */
  initializer(name: string, t: Tensor): string {
    checkShape(`${this.name}: initializer "${name}"`, t.dims, t.data.length);
    this.define(name, 'an initializer');
    this.initializers.set(name, { kind: 'float32', tensor: t });
    return name;
  }

  /** An int64 constant (the shape of a Reshape, the axes of a reduction). */
  int64Initializer(
    name: string,
    values: readonly number[],
    dims: readonly number[] = [values.length],
  ): string {
    checkShape(`${this.name}: initializer "${name}"`, dims, values.length);
    if (values.some((v) => !Number.isSafeInteger(v)))
      throw new Error(`${this.name}: int64 initializer "${name}" holds a non-integer`);
    this.define(name, 'an initializer');
    this.initializers.set(name, { kind: 'int64', tensor: { values, dims } });
    return name;
  }

  /**
   * Adds a node. An empty string in `inputs` or `outputs` marks an optional slot left out, as
   * in ONNX. Attribute values follow the convention of `AttrValue`.
   */
  node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Attrs = {}): void {
    const by = `node ${this.nodes.length} (${op})`;
    for (const input of inputs) {
      if (input && !this.defined.has(input))
        throw new Error(`${this.name}: ${by} reads "${input}", which is not defined before it`);
    }
    for (const [key, value] of Object.entries(attrs)) checkAttr(`${this.name}: ${by}`, key, value);
    for (const output of outputs) if (output) this.define(output, by);
    this.nodes.push({ op, inputs: [...inputs], outputs: [...outputs], attrs: { ...attrs } });
  }

  /** Encodes the ModelProto. */
  toBytes(): Uint8Array {
    for (const o of this.outputs) {
      if (!this.defined.has(o.name))
        throw new Error(`${this.name}: output "${o.name}" is not produced by any node`);
    }
    const graph = new ProtoWriter();
    this.nodes.forEach((n, i) => graph.message(1, encodeNode(n, `${n.op}_${i}`)));
    graph.string(2, this.name);
    for (const [name, init] of this.initializers) graph.message(5, encodeInitializer(name, init));
    for (const v of this.inputs) graph.message(11, encodeValueInfo(v));
    for (const v of this.outputs) graph.message(12, encodeValueInfo(v));

    const model = new ProtoWriter();
    model.int(1, IR_VERSION);
    model.string(2, 'glassbox');
    model.message(7, graph);
    // OperatorSetIdProto: the default domain ('' — field 1 omitted) at this opset.
    model.message(8, new ProtoWriter().int(2, this.opset));
    return model.finish();
  }
}

function isIntList(v: readonly number[]): boolean {
  return v.every((x) => Number.isSafeInteger(x));
}

function checkAttr(where: string, key: string, value: AttrValue): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value))
    throw new Error(
      `${where}: attribute ${key} = ${value} is not an integer; write { float: ${value} } for a FLOAT`,
    );
  if (isReadonlyArray(value) && !isIntList(value))
    throw new Error(
      `${where}: attribute ${key} = [${value.join(', ')}] is not all integers; write { floats: [...] } for FLOATS`,
    );
  if (typeof value === 'object' && 'tensor' in value)
    checkShape(`${where}: attribute ${key}`, value.tensor.dims, value.tensor.data.length);
}

function encodeNode(n: NodeInfo, name: string): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, name);
  w.string(4, n.op);
  for (const [key, value] of Object.entries(n.attrs)) w.message(5, encodeAttr(key, value));
  return w;
}

function encodeAttr(name: string, value: AttrValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if (typeof value === 'number') return w.int(3, value).int(20, ATTR.INT);
  if (typeof value === 'string') return w.string(4, value).int(20, ATTR.STRING);
  if (isReadonlyArray(value)) {
    for (const v of value) w.int(8, v);
    return w.int(20, ATTR.INTS);
  }
  if ('float' in value) return w.float(2, value.float).int(20, ATTR.FLOAT);
  if ('floats' in value) {
    // AttributeProto.floats is not declared packed, so write one field per value, as protoc does.
    for (const v of value.floats) w.float(7, v);
    return w.int(20, ATTR.FLOATS);
  }
  return w
    .message(5, encodeInitializer('', { kind: 'float32', tensor: value.tensor }))
    .int(20, ATTR.TENSOR);
}

function isReadonlyArray(v: unknown): v is readonly number[] {
  return Array.isArray(v);
}

function encodeInitializer(name: string, init: Initializer): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of init.tensor.dims) w.int(1, d);
  if (init.kind === 'float32') {
    w.int(2, FLOAT);
    if (name) w.string(8, name);
    // raw_data is little-endian; copying through a DataView makes it so on any host.
    const { data } = init.tensor;
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
    return w.bytes(9, raw);
  }
  w.int(2, INT64);
  if (name) w.string(8, name);
  const raw = new Uint8Array(init.tensor.values.length * 8);
  const view = new DataView(raw.buffer);
  init.tensor.values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return w.bytes(9, raw);
}

function encodeValueInfo(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

// --- reading ---------------------------------------------------------------------------

/** A tensor read from a file: float32 and int64 are decoded, other types only described. */
export type DecodedTensor =
  | { dtype: 'float32'; dims: number[]; data: Float32Array }
  | { dtype: 'int64'; dims: number[]; data: number[] }
  | { dtype: 'other'; dims: number[]; dataType: number };

export interface ModelInfo {
  irVersion: number;
  /** The default domain's opset. */
  opset: number | undefined;
  graphName: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  nodes: NodeInfo[];
  initializers: Record<string, DecodedTensor>;
}

/** Copies little-endian float32 bytes into a fresh (aligned, transferable) Float32Array. */
function floatsFromRaw(raw: Uint8Array): Float32Array {
  if (raw.length % 4 !== 0) throw new ProtoDecodeError(`float32 raw_data of ${raw.length} bytes`);
  const out = new Float32Array(raw.length / 4);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function decodeTensor(bytes: Uint8Array): { name: string; tensor: DecodedTensor } {
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  const floats: number[] = [];
  const int64s: number[] = [];
  let raw: Uint8Array | undefined;
  let external = false;
  for (const f of readFields(bytes)) {
    if (f.field === 1) appendInts(f, dims);
    else if (f.field === 2 && f.wireType === 0) dataType = f.value;
    else if (f.field === 4) appendFloats(f, floats);
    else if (f.field === 7) appendInts(f, int64s);
    else if (f.field === 8 && f.wireType === 2) name = decodeString(f.value);
    else if (f.field === 9 && f.wireType === 2) raw = f.value;
    else if (f.field === 14 && f.wireType === 0) external = f.value === 1;
  }
  const size = dims.reduce((a, b) => a * b, 1);
  const where = `tensor "${name}"`;
  if (external)
    throw new ProtoDecodeError(
      `${where} keeps its data in an external file, which is not supported`,
    );
  if (dataType === FLOAT) {
    const data = raw ? floatsFromRaw(raw) : Float32Array.from(floats);
    if (data.length !== size)
      throw new ProtoDecodeError(
        `${where} has ${data.length} values for dims [${dims.join(', ')}]`,
      );
    return { name, tensor: { dtype: 'float32', dims, data } };
  }
  if (dataType === INT64) {
    let data = int64s;
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      data = Array.from({ length: raw.length / 8 }, (_, i) =>
        Number(view.getBigInt64(i * 8, true)),
      );
    }
    if (data.length !== size)
      throw new ProtoDecodeError(
        `${where} has ${data.length} values for dims [${dims.join(', ')}]`,
      );
    return { name, tensor: { dtype: 'int64', dims, data } };
  }
  return { name, tensor: { dtype: 'other', dims, dataType } };
}

function decodeValueInfo(bytes: Uint8Array): ValueInfo {
  const v: ValueInfo = { name: '', dims: [] };
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.wireType === 2) v.name = decodeString(f.value);
    if (f.field !== 2 || f.wireType !== 2) continue; // TypeProto
    for (const t of readFields(f.value)) {
      if (t.field !== 1 || t.wireType !== 2) continue; // tensor_type
      for (const s of readFields(t.value)) {
        if (s.field !== 2 || s.wireType !== 2) continue; // shape
        for (const d of readFields(s.value)) {
          if (d.field !== 1 || d.wireType !== 2) continue; // dim
          let dim: Dim = '?';
          for (const x of readFields(d.value)) {
            if (x.field === 1 && x.wireType === 0) dim = x.value;
            if (x.field === 2 && x.wireType === 2) dim = decodeString(x.value);
          }
          v.dims.push(dim);
        }
      }
    }
  }
  return v;
}

function decodeAttr(bytes: Uint8Array): [string, AttrValue | undefined] {
  let name = '';
  let type = 0;
  let f32: number | undefined;
  let i64: number | undefined;
  let str: string | undefined;
  let tensor: DecodedTensor | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.wireType === 2) name = decodeString(f.value);
    else if (f.field === 2 && f.wireType === 5) f32 = decodeFloat(f.value);
    else if (f.field === 3 && f.wireType === 0) i64 = f.value;
    else if (f.field === 4 && f.wireType === 2) str = decodeString(f.value);
    else if (f.field === 5 && f.wireType === 2) tensor = decodeTensor(f.value).tensor;
    else if (f.field === 7) appendFloats(f, floats);
    else if (f.field === 8) appendInts(f, ints);
    else if (f.field === 20 && f.wireType === 0) type = f.value;
  }
  switch (type) {
    case ATTR.FLOAT:
      return [name, { float: f32 ?? 0 }];
    case ATTR.INT:
      return [name, i64 ?? 0];
    case ATTR.STRING:
      return [name, str ?? ''];
    case ATTR.FLOATS:
      return [name, { floats }];
    case ATTR.INTS:
      return [name, ints];
    case ATTR.TENSOR:
      return [
        name,
        tensor?.dtype === 'float32'
          ? { tensor: { data: tensor.data, dims: tensor.dims } }
          : undefined,
      ];
    default:
      return [name, undefined]; // graphs, sparse tensors, type protos: not used by Glassbox
  }
}

function decodeNode(bytes: Uint8Array): NodeInfo {
  const n: NodeInfo = { op: '', inputs: [], outputs: [], attrs: {} };
  for (const f of readFields(bytes)) {
    if (f.wireType !== 2) continue;
    if (f.field === 1) n.inputs.push(decodeString(f.value));
    else if (f.field === 2) n.outputs.push(decodeString(f.value));
    else if (f.field === 4) n.op = decodeString(f.value);
    else if (f.field === 5) {
      const [key, value] = decodeAttr(f.value);
      if (value !== undefined) n.attrs[key] = value;
    }
  }
  return n;
}

/**
 * Decodes a ModelProto: its graph's signature, nodes and initializers, and the default-domain
 * opset. Throws a ProtoDecodeError on bytes that are not a well-formed message.
 */
export function readModel(bytes: Uint8Array): ModelInfo {
  const info: ModelInfo = {
    irVersion: 0,
    opset: undefined,
    graphName: '',
    inputs: [],
    outputs: [],
    nodes: [],
    initializers: {},
  };
  let sawGraph = false;
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.wireType === 0) info.irVersion = f.value;
    else if (f.field === 8 && f.wireType === 2) {
      let domain = '';
      let version = 0;
      for (const o of readFields(f.value)) {
        if (o.field === 1 && o.wireType === 2) domain = decodeString(o.value);
        if (o.field === 2 && o.wireType === 0) version = o.value;
      }
      if (domain === '' || domain === 'ai.onnx') info.opset = version;
    } else if (f.field === 7 && f.wireType === 2) {
      sawGraph = true;
      for (const g of readFields(f.value)) {
        if (g.wireType !== 2) continue;
        if (g.field === 1) info.nodes.push(decodeNode(g.value));
        else if (g.field === 2) info.graphName = decodeString(g.value);
        else if (g.field === 5) {
          const { name, tensor } = decodeTensor(g.value);
          info.initializers[name] = tensor;
        } else if (g.field === 11) info.inputs.push(decodeValueInfo(g.value));
        else if (g.field === 12) info.outputs.push(decodeValueInfo(g.value));
      }
    }
  }
  if (!sawGraph) throw new ProtoDecodeError('the ModelProto has no graph');
  return info;
}

/**
 * The float32 initializers of a model — its trained weights — by name, each in its own
 * buffer (so they can be transferred). Initializers of other types (int64 shapes) are left
 * out: they are plumbing, not weights.
 */
export function readInitializers(bytes: Uint8Array): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(readModel(bytes).initializers)) {
    if (t.dtype === 'float32') out[name] = { data: t.data, dims: t.dims };
  }
  return out;
}
