/**
 * Reverse-mode automatic differentiation over the ONNX graph builder: write a forward
 * expression with the methods of `Autodiff` (each emits its ONNX node at once), then
 * `grad(loss, wrt)` emits the gradient nodes into the same graph and returns their values.
 *
 * Built for the GAN train steps (runtime/graph/gan.ts), where per-node cost dominates, so it
 * keeps graphs lean:
 * - every shape is static and checked here (numpy broadcasting, as ONNX);
 * - scalar constants are folded at build time (`mul(x, 1)` is `x`, `2 · 3` is `6`), and a
 *   gradient may stay a broadcastable scalar (the gradient of a mean is `1/N`, not an
 *   N-element tensor) until an op needs it in full;
 * - backward nodes are emitted only for values on a path from `wrt` to the loss;
 * - only forward ops are recorded: gradient nodes, and whatever is built inside
 *   `untracked()` (an optimizer update), are invisible to later `grad` calls. So in a graph
 *   that updates D and then differentiates G's loss through the updated D, the update is a
 *   constant, as in PyTorch, where `optimizer.step()` runs under `no_grad`.
 *
 * Only ops the onnxruntime-web WebGPU EP runs natively are used (Gemm, MatMul, elementwise
 * arithmetic, Relu/LeakyRelu/Tanh/Sigmoid/Exp/Log/Abs/Sqrt, Greater/Where, ReduceSum/Mean,
 * Concat/Split/Reshape/Expand), never ops that fall back to the CPU.
 */
import { GraphBuilder, type Attrs } from './onnx';

/** A value in the graph: its name and static shape ([] for a scalar). */
export interface Val {
  readonly name: string;
  readonly shape: readonly number[];
  /** Set for scalar constants, which are folded at build time and stored only when used. */
  readonly constant?: number;
}

export type Operand = Val | number;

interface TapeEntry {
  out: Val;
  inputs: Val[];
  /** Gradients of the inputs given the output's (null where not needed or not defined). */
  backward: (g: Val, needs: readonly boolean[]) => (Val | null)[];
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);
const showShape = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The numpy/ONNX broadcast of two shapes; throws naming both when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(`shapes ${showShape(a)} and ${showShape(b)} do not broadcast`);
    out.push(Math.max(da, db));
  }
  return out;
}

/** True when `from` broadcasts to `to` without changing `to`. */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  return from.every((d, i) => d === 1 || d === to[to.length - from.length + i]);
}

export class Autodiff {
  readonly g: GraphBuilder;
  private readonly tape: TapeEntry[] = [];
  private readonly constants = new Map<number, string>();
  private readonly int64s = new Map<string, string>();
  private readonly tensors = new Map<string, { dims: number[]; data: Float32Array }>();
  private recording = true;
  private counter = 0;
  private nodes = 0;
  /** The graph's inputs and outputs, in declaration order. */
  readonly inputs: { name: string; dims: number[] }[] = [];
  readonly outputs: { name: string; dims: number[] }[] = [];

  constructor(builder: GraphBuilder | string) {
    this.g = typeof builder === 'string' ? new GraphBuilder(builder) : builder;
  }

  /** Number of nodes emitted so far. */
  get nodeCount(): number {
    return this.nodes;
  }

  private fresh(op: string): string {
    return `${op.toLowerCase()}_${this.counter++}`;
  }

  /** A float32 graph input. */
  input(name: string, shape: readonly number[]): Val {
    this.g.input(name, shape);
    this.inputs.push({ name, dims: [...shape] });
    return { name, shape: [...shape] };
  }

  /** A scalar constant; stored as an initializer only if a node reads it. */
  constant(value: number): Val {
    return { name: `const(${value})`, shape: [], constant: value };
  }

  /** A float32 tensor constant (an initializer). */
  tensor(name: string, shape: readonly number[], data: ArrayLike<number>): Val {
    // A constant built again under the same name (one per D step of a fused graph) is the
    // same initializer when its data is the same.
    const values = Float32Array.from(data);
    const prev = this.tensors.get(name);
    if (prev) {
      if (!same(prev.dims, shape) || prev.data.some((v, i) => v !== values[i]))
        throw new Error(`constant "${name}" is defined twice with different values`);
    } else {
      this.g.initializer(name, { dims: [...shape], data: values });
      this.tensors.set(name, { dims: [...shape], data: values });
    }
    return { name, shape: [...shape] };
  }

  /** Declares `v` a graph output named `name` (an Identity node only if the names differ). */
  output(v: Val, name: string = v.name): Val {
    let out = v;
    if (v.name !== name || v.constant !== undefined)
      out = this.emit('Identity', [v], v.shape, name);
    this.g.output(name, out.shape);
    this.outputs.push({ name, dims: [...out.shape] });
    return out;
  }

  /** Runs `fn` without recording: what it builds is a constant to later `grad` calls. */
  untracked<T>(fn: () => T): T {
    const was = this.recording;
    this.recording = false;
    try {
      return fn();
    } finally {
      this.recording = was;
    }
  }

  // --- emitting -------------------------------------------------------------------------

  private val(x: Operand): Val {
    return typeof x === 'number' ? this.constant(x) : x;
  }

  /** The graph name of a value, storing a folded constant the first time a node reads it. */
  private ref(v: Val): string {
    if (v.constant === undefined) return v.name;
    let name = this.constants.get(v.constant);
    if (!name) {
      name = `c${this.constants.size}`;
      this.g.initializer(name, { dims: [], data: Float32Array.of(v.constant) });
      this.constants.set(v.constant, name);
    }
    return name;
  }

  /** An int64 initializer (shapes, axes, split sizes), shared by equal values. */
  private ints(values: readonly number[]): string {
    const key = values.join(',');
    let name = this.int64s.get(key);
    if (!name) {
      name = `i64_${this.int64s.size}`;
      this.g.int64Initializer(name, values);
      this.int64s.set(key, name);
    }
    return name;
  }

  private emit(
    op: string,
    inputs: readonly (Val | string)[],
    shape: readonly number[],
    name?: string,
    attrs: Attrs = {},
  ): Val {
    const out = name ?? this.fresh(op);
    this.nodes++;
    this.g.node(
      op,
      inputs.map((i) => (typeof i === 'string' ? i : this.ref(i))),
      [out],
      attrs,
    );
    return { name: out, shape: [...shape] };
  }

  private record(out: Val, inputs: Val[], backward: TapeEntry['backward']): Val {
    if (this.recording && inputs.some((i) => i.constant === undefined))
      this.tape.push({ out, inputs, backward });
    return out;
  }

  /**
   * A node with no gradient (Pow of scalars, a norm for a divergence check): emitted as is,
   * never recorded, so no gradient flows through it.
   */
  raw(op: string, inputs: readonly Operand[], shape: readonly number[], attrs: Attrs = {}): Val {
    return this.emit(
      op,
      inputs.map((i) => this.val(i)),
      shape,
      undefined,
      attrs,
    );
  }

  // --- broadcasting helpers for gradients ----------------------------------------------

  /**
   * Sums `g` (the gradient of a broadcast result) down to something that broadcasts to
   * `shape`: the axes `shape` broadcast over are summed, and leading extra axes dropped.
   */
  private reduceTo(g: Val, shape: readonly number[]): Val {
    if (broadcastsTo(g.shape, shape)) return g;
    const rank = g.shape.length;
    const axes: number[] = [];
    for (let i = 0; i < rank; i++) {
      const target = shape[shape.length - rank + i];
      if (g.shape[i] !== 1 && (target === undefined || target === 1)) axes.push(i);
    }
    const kept = g.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    let r = this.emit('ReduceSum', [g, this.ints(axes)], kept, undefined, { keepdims: 1 });
    if (r.shape.length > shape.length) r = this.reshapeRaw(r, shape);
    return r;
  }

  /** `g` in the full `shape` (an Expand node only when it is a broadcast). */
  private expandTo(g: Val, shape: readonly number[]): Val {
    if (same(g.shape, shape) && g.constant === undefined) return g;
    if (shape.length === 0) return this.emit('Identity', [g], shape);
    return this.emit('Expand', [g, this.ints(shape)], shape);
  }

  private reshapeRaw(x: Val, shape: readonly number[]): Val {
    if (sizeOf(x.shape) !== sizeOf(shape))
      throw new Error(`cannot reshape ${showShape(x.shape)} to ${showShape(shape)}`);
    return this.emit('Reshape', [x, this.ints(shape)], shape);
  }

  // --- elementwise binary ---------------------------------------------------------------

  add(a: Operand, b: Operand, name?: string): Val {
    const x = this.val(a);
    const y = this.val(b);
    if (x.constant !== undefined && y.constant !== undefined)
      return this.constant(x.constant + y.constant);
    const shape = broadcastShapes(x.shape, y.shape);
    if (!name && y.constant === 0 && same(x.shape, shape)) return x;
    if (!name && x.constant === 0 && same(y.shape, shape)) return y;
    const out = this.emit('Add', [x, y], shape, name);
    return this.record(out, [x, y], (g, needs) => [
      needs[0] ? this.reduceTo(g, x.shape) : null,
      needs[1] ? this.reduceTo(g, y.shape) : null,
    ]);
  }

  sub(a: Operand, b: Operand, name?: string): Val {
    const x = this.val(a);
    const y = this.val(b);
    if (x.constant !== undefined && y.constant !== undefined)
      return this.constant(x.constant - y.constant);
    const shape = broadcastShapes(x.shape, y.shape);
    if (!name && y.constant === 0 && same(x.shape, shape)) return x;
    const out = this.emit('Sub', [x, y], shape, name);
    return this.record(out, [x, y], (g, needs) => [
      needs[0] ? this.reduceTo(g, x.shape) : null,
      needs[1] ? this.untracked(() => this.neg(this.reduceTo(g, y.shape))) : null,
    ]);
  }

  mul(a: Operand, b: Operand, name?: string): Val {
    const x = this.val(a);
    const y = this.val(b);
    if (x.constant !== undefined && y.constant !== undefined)
      return this.constant(x.constant * y.constant);
    const shape = broadcastShapes(x.shape, y.shape);
    if (!name && y.constant === 1 && same(x.shape, shape)) return x;
    if (!name && x.constant === 1 && same(y.shape, shape)) return y;
    const out = this.emit('Mul', [x, y], shape, name);
    return this.record(out, [x, y], (g, needs) =>
      this.untracked(() => [
        needs[0] ? this.reduceTo(this.mul(g, y), x.shape) : null,
        needs[1] ? this.reduceTo(this.mul(g, x), y.shape) : null,
      ]),
    );
  }

  div(a: Operand, b: Operand, name?: string): Val {
    const x = this.val(a);
    const y = this.val(b);
    if (x.constant !== undefined && y.constant !== undefined)
      return this.constant(x.constant / y.constant);
    if (y.constant !== undefined && !name) return this.mul(x, 1 / y.constant);
    const shape = broadcastShapes(x.shape, y.shape);
    const out = this.emit('Div', [x, y], shape, name);
    return this.record(out, [x, y], (g, needs) =>
      this.untracked(() => [
        needs[0] ? this.reduceTo(this.div(g, y), x.shape) : null,
        // d(x/y)/dy = −(x/y)/y
        needs[1] ? this.reduceTo(this.neg(this.div(this.mul(g, out), y)), y.shape) : null,
      ]),
    );
  }

  // --- elementwise unary ----------------------------------------------------------------

  neg(a: Operand, name?: string): Val {
    const x = this.val(a);
    if (x.constant !== undefined) return this.constant(-x.constant);
    const out = this.emit('Neg', [x], x.shape, name);
    return this.record(out, [x], (g) => [this.untracked(() => this.neg(g))]);
  }

  relu(x: Val, name?: string): Val {
    const out = this.emit('Relu', [x], x.shape, name);
    return this.record(out, [x], (g) => {
      // Where(x > 0, g, 0): PyTorch's convention, gradient 0 at x = 0.
      const mask = this.emit('Greater', [x, this.constant(0)], x.shape);
      return [this.emit('Where', [mask, g, this.constant(0)], x.shape)];
    });
  }

  leakyRelu(x: Val, alpha: number, name?: string): Val {
    const out = this.emit('LeakyRelu', [x], x.shape, name, { alpha: { float: alpha } });
    return this.record(out, [x], (g) => {
      const mask = this.emit('Greater', [x, this.constant(0)], x.shape);
      const scaled = this.untracked(() => this.mul(g, alpha));
      return [this.emit('Where', [mask, g, scaled], x.shape)];
    });
  }

  tanh(x: Val, name?: string): Val {
    const out = this.emit('Tanh', [x], x.shape, name);
    return this.record(out, [x], (g) =>
      this.untracked(() => [this.mul(g, this.sub(1, this.mul(out, out)))]),
    );
  }

  sigmoid(x: Val, name?: string): Val {
    const out = this.emit('Sigmoid', [x], x.shape, name);
    return this.record(out, [x], (g) =>
      this.untracked(() => [this.mul(g, this.mul(out, this.sub(1, out)))]),
    );
  }

  exp(x: Val, name?: string): Val {
    const out = this.emit('Exp', [x], x.shape, name);
    return this.record(out, [x], (g) => [this.untracked(() => this.mul(g, out))]);
  }

  log(x: Val, name?: string): Val {
    const out = this.emit('Log', [x], x.shape, name);
    return this.record(out, [x], (g) => [this.untracked(() => this.div(g, x))]);
  }

  abs(x: Val, name?: string): Val {
    const out = this.emit('Abs', [x], x.shape, name);
    return this.record(out, [x], (g) => {
      // sign(x) as Where(x > 0, 1, −1) (the value at 0 does not matter for a subgradient).
      const mask = this.emit('Greater', [x, this.constant(0)], x.shape);
      const sign = this.emit('Where', [mask, this.constant(1), this.constant(-1)], x.shape);
      return [this.untracked(() => this.mul(g, sign))];
    });
  }

  sqrt(x: Val, name?: string): Val {
    const out = this.emit('Sqrt', [x], x.shape, name);
    return this.record(out, [x], (g) => [this.untracked(() => this.div(this.mul(g, 0.5), out))]);
  }

  square(x: Val, name?: string): Val {
    const out = this.emit('Mul', [x, x], x.shape, name);
    return this.record(out, [x], (g) => [
      // g · 2x; with a constant g (the gradient of a mean) this is one Mul by 2g.
      this.untracked(() =>
        g.constant !== undefined ? this.mul(x, 2 * g.constant) : this.mul(this.mul(g, x), 2),
      ),
    ]);
  }

  /**
   * softplus(x) = log(1 + eˣ), computed stably as relu(x) − log σ(|x|) (σ(|x|) ∈ [½, 1), so
   * the log never sees 0 and eˣ never overflows). Gradient: σ(x).
   */
  softplus(x: Val, name?: string): Val {
    const pos = this.emit('Relu', [x], x.shape);
    const sigAbs = this.emit('Sigmoid', [this.emit('Abs', [x], x.shape)], x.shape);
    const out = this.emit('Sub', [pos, this.emit('Log', [sigAbs], x.shape)], x.shape, name);
    return this.record(out, [x], (g) => {
      const s = this.emit('Sigmoid', [x], x.shape);
      return [this.untracked(() => this.mul(s, g))];
    });
  }

  /** log σ(x) = −softplus(−x), stable for any x. */
  logSigmoid(x: Val, name?: string): Val {
    return this.neg(this.softplus(this.neg(x)), name);
  }

  // --- reductions -----------------------------------------------------------------------

  /** Sum of every element, a scalar. */
  sum(x: Val, name?: string): Val {
    const axes = x.shape.map((_, i) => i);
    const out = this.emit('ReduceSum', [x, this.ints(axes)], [], name, { keepdims: 0 });
    // The gradient is g broadcast: a scalar, kept lazy.
    return this.record(out, [x], (g) => [g]);
  }

  /** Mean of every element, a scalar. */
  mean(x: Val, name?: string): Val {
    const n = sizeOf(x.shape);
    const axes = x.shape.map((_, i) => i);
    const out = this.emit('ReduceMean', [x], [], name, { axes, keepdims: 0 });
    return this.record(out, [x], (g) => [this.untracked(() => this.mul(g, 1 / n))]);
  }

  /** Mean over `axis`, which is dropped from the shape. */
  meanAxis(x: Val, axis: number, name?: string): Val {
    const shape = x.shape.filter((_, i) => i !== axis);
    const n = x.shape[axis]!;
    const out = this.emit('ReduceMean', [x], shape, name, { axes: [axis], keepdims: 0 });
    return this.record(out, [x], (g) => {
      const kept = x.shape.map((d, i) => (i === axis ? 1 : d));
      const gk = g.constant !== undefined ? g : this.reshapeRaw(g, kept);
      return [this.untracked(() => this.mul(gk, 1 / n))];
    });
  }

  /** Sum over `axis`, which is dropped from the shape (a bias gradient's reduction). */
  sumAxis(x: Val, axis: number, name?: string): Val {
    const shape = x.shape.filter((_, i) => i !== axis);
    const out = this.emit('ReduceSum', [x, this.ints([axis])], shape, name, { keepdims: 0 });
    return this.record(out, [x], (g) => {
      const kept = x.shape.map((d, i) => (i === axis ? 1 : d));
      return [g.constant !== undefined ? g : this.reshapeRaw(g, kept)];
    });
  }

  // --- linear algebra and shapes ---------------------------------------------------------

  /** a [M, K] · b [K, N]. */
  matmul(a: Val, b: Val, name?: string): Val {
    const [m, k] = a.shape;
    const [k2, n] = b.shape;
    if (a.shape.length !== 2 || b.shape.length !== 2 || k !== k2)
      throw new Error(`matmul of ${showShape(a.shape)} and ${showShape(b.shape)}`);
    const out = this.emit('MatMul', [a, b], [m!, n!], name);
    return this.record(out, [a, b], (g, needs) => {
      const gf = this.expandTo(g, out.shape);
      return [
        needs[0] ? this.emit('Gemm', [gf, b], a.shape, undefined, { transB: 1 }) : null,
        needs[1] ? this.emit('Gemm', [a, gf], b.shape, undefined, { transA: 1 }) : null,
      ];
    });
  }

  /**
   * A linear layer in PyTorch's layout, one Gemm node: y = x Wᵀ + b.
   * @param x - [B, in]
   * @param w - [out, in]
   * @param b - [out], or omitted
   * @returns [B, out]
   */
  linear(x: Val, w: Val, b?: Val, name?: string): Val {
    const [batch, inX] = x.shape;
    const [outF, inW] = w.shape;
    if (x.shape.length !== 2 || w.shape.length !== 2 || inX !== inW)
      throw new Error(`linear of x ${showShape(x.shape)} and weight ${showShape(w.shape)}`);
    if (b && (b.shape.length !== 1 || b.shape[0] !== outF))
      throw new Error(`linear bias ${showShape(b.shape)} for weight ${showShape(w.shape)}`);
    const inputs = b ? [x, w, b] : [x, w];
    const out = this.emit('Gemm', inputs, [batch!, outF!], name, { transB: 1 });
    return this.record(out, inputs, (g, needs) => {
      const dy = this.expandTo(g, out.shape);
      return [
        // dx = dy · W  [B, in];  dW = dyᵀ · x  [out, in];  db = Σ_batch dy  [out]
        needs[0] ? this.emit('Gemm', [dy, w], x.shape) : null,
        needs[1] ? this.emit('Gemm', [dy, x], w.shape, undefined, { transA: 1 }) : null,
        needs[2]
          ? this.emit('ReduceSum', [dy, this.ints([0])], [outF!], undefined, { keepdims: 0 })
          : null,
      ];
    });
  }

  reshape(x: Val, shape: readonly number[], name?: string): Val {
    if (sizeOf(x.shape) !== sizeOf(shape))
      throw new Error(`cannot reshape ${showShape(x.shape)} to ${showShape(shape)}`);
    const out = this.emit('Reshape', [x, this.ints(shape)], shape, name);
    return this.record(out, [x], (g) => [this.reshapeRaw(this.expandTo(g, out.shape), x.shape)]);
  }

  /** Concatenates along `axis`; the gradient splits back (one Split node). */
  concat(xs: readonly Val[], axis: number, name?: string): Val {
    const first = xs[0];
    if (!first) throw new Error('concat of nothing');
    const shape = [...first.shape];
    shape[axis] = xs.reduce((n, x) => n + x.shape[axis]!, 0);
    const out = this.emit('Concat', xs, shape, name, { axis });
    return this.record(out, [...xs], (g, needs) => {
      const gf = this.expandTo(g, out.shape);
      const parts = this.splitRaw(
        gf,
        xs.map((x) => x.shape[axis]!),
        axis,
      );
      return parts.map((p, i) => (needs[i] ? p : null));
    });
  }

  private splitRaw(x: Val, sizes: readonly number[], axis: number): Val[] {
    const outs = sizes.map((s) => {
      const shape = [...x.shape];
      shape[axis] = s;
      return { name: this.fresh('Split'), shape };
    });
    this.nodes++;
    this.g.node(
      'Split',
      [this.ref(x), this.ints(sizes)],
      outs.map((o) => o.name),
      { axis },
    );
    return outs;
  }

  /**
   * Splits a flat vector into pieces of the given shapes (one Split, a Reshape per piece of
   * rank ≠ 1). Not recorded: the pieces are leaves, as parameters are.
   */
  unflatten(flat: Val, shapes: readonly (readonly number[])[], names?: readonly string[]): Val[] {
    const sizes = shapes.map(sizeOf);
    if (flat.shape.length !== 1 || sizes.reduce((a, b) => a + b, 0) !== flat.shape[0])
      throw new Error(
        `cannot split ${showShape(flat.shape)} into ${shapes.map(showShape).join(' ')}`,
      );
    if (shapes.length === 1) return [this.reshapeRaw(flat, shapes[0]!)];
    const parts = this.splitRaw(flat, sizes, 0);
    return parts.map((p, i) =>
      shapes[i]!.length === 1 && !names?.[i]
        ? p
        : this.emit('Reshape', [p, this.ints(shapes[i]!)], shapes[i]!, names?.[i]),
    );
  }

  /** Concatenates tensors into one flat vector (Reshape for each of rank ≠ 1, one Concat). */
  flatten(xs: readonly Val[], name?: string): Val {
    const flat = xs.map((x) =>
      x.shape.length === 1 && x.constant === undefined
        ? x
        : this.reshapeRaw(this.expandTo(x, x.shape), [sizeOf(x.shape)]),
    );
    const total = flat.reduce((n, x) => n + x.shape[0]!, 0);
    if (flat.length === 1 && !name) return flat[0]!;
    return this.emit('Concat', flat, [total], name, { axis: 0 });
  }

  // --- gradients ------------------------------------------------------------------------

  /**
   * Emits the gradient of the scalar `loss` with respect to each of `wrt` (any values built
   * before, usually parameters) and returns them, each in its value's full shape. A value
   * the loss does not depend on gets a zero constant.
   */
  grad(loss: Val, wrt: readonly Val[]): Val[] {
    if (loss.shape.length !== 0) throw new Error(`grad of a non-scalar ${showShape(loss.shape)}`);
    // Which values depend on wrt: a forward scan of the tape.
    const depends = new Set(wrt.map((w) => w.name));
    for (const e of this.tape)
      if (e.inputs.some((i) => depends.has(i.name))) depends.add(e.out.name);
    const grads = new Map<string, Val>([[loss.name, this.constant(1)]]);
    this.untracked(() => {
      for (let i = this.tape.length - 1; i >= 0; i--) {
        const e = this.tape[i]!;
        const g = grads.get(e.out.name);
        if (!g || !depends.has(e.out.name)) continue;
        const needs = e.inputs.map((x) => depends.has(x.name) && x.constant === undefined);
        const gs = e.backward(g, needs);
        e.inputs.forEach((x, j) => {
          const gx = gs[j];
          if (!needs[j] || !gx) return;
          const prev = grads.get(x.name);
          grads.set(x.name, prev ? this.add(prev, gx) : gx);
        });
      }
    });
    return wrt.map((w) => {
      const g = grads.get(w.name);
      if (!g) return this.tensor(this.fresh('zeros'), w.shape, new Float32Array(sizeOf(w.shape)));
      return same(g.shape, w.shape) && g.constant === undefined ? g : this.expandTo(g, w.shape);
    });
  }

  toBytes(): Uint8Array {
    return this.g.toBytes();
  }
}
