/**
 * Editing the sandbox config as nested arrays: input [Cin][H][W], kernel [Cout][Cin][kH][kW],
 * bias [Cout]. Every edit returns new arrays and keeps them consistent (all input channels one
 * size, all kernel slices one size, the kernel's input channels = the input's channels, one
 * bias per output channel). `toConfig` writes them back in the config's smallest form
 * (number[][] for one channel), which is what links and the embed API show.
 */
import type { SandboxConfig } from '../config';

export interface SandboxArrays {
  input: number[][][];
  kernel: number[][][][];
  bias: number[];
}

/** A config change, given the current config and its arrays. */
export type SandboxEdit = (config: SandboxConfig, arrays: SandboxArrays) => SandboxConfig;

const depth = (v: unknown): number => (Array.isArray(v) ? 1 + depth(v[0]) : 0);
const copy2 = (m: readonly (readonly number[])[]) => m.map((row) => [...row]);

export function toArrays(config: SandboxConfig): SandboxArrays {
  const input = (
    depth(config.input) === 2 ? [config.input as number[][]] : (config.input as number[][][])
  ).map(copy2);
  const k = config.kernel;
  const rank = depth(k);
  const kernel = (
    rank === 2 ? [[k as number[][]]] : rank === 3 ? [k as number[][][]] : (k as number[][][][])
  ).map((o) => o.map(copy2));
  const bias = Array.isArray(config.bias)
    ? [...config.bias]
    : Array.from({ length: kernel.length }, () => config.bias as number);
  return { input, kernel, bias };
}

/** The config with these arrays, each in its smallest form. */
export function toConfig(config: SandboxConfig, a: SandboxArrays): SandboxConfig {
  const input = a.input.length === 1 ? a.input[0]! : a.input;
  const kernel =
    a.kernel.length > 1 ? a.kernel : a.kernel[0]!.length === 1 ? a.kernel[0]![0]! : a.kernel[0]!;
  const bias = a.bias.length === 1 ? a.bias[0]! : a.bias;
  return { ...config, input, kernel, bias };
}

/** A matrix cropped or zero-extended to rows × cols. */
export function resizeMatrix(
  m: readonly (readonly number[])[],
  rows: number,
  cols: number,
): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => m[r]?.[c] ?? 0),
  );
}

const zeros = (rows: number, cols: number) => resizeMatrix([], rows, cols);
const sizeOf = (m: readonly (readonly number[])[]): [number, number] => [
  m.length,
  m[0]?.length ?? 0,
];

/** One cell of input channel `c`. */
export function setInputCell(
  a: SandboxArrays,
  c: number,
  r: number,
  col: number,
  v: number,
): SandboxArrays {
  const input = a.input.map((m, i) =>
    i === c ? m.map((row, y) => (y === r ? row.map((x, j) => (j === col ? v : x)) : row)) : m,
  );
  return { ...a, input };
}

/** One cell of kernel slice (o, i). */
export function setKernelCell(
  a: SandboxArrays,
  o: number,
  i: number,
  r: number,
  col: number,
  v: number,
): SandboxArrays {
  const kernel = a.kernel.map((slices, oo) =>
    oo === o
      ? slices.map((m, ii) =>
          ii === i
            ? m.map((row, y) => (y === r ? row.map((x, j) => (j === col ? v : x)) : row))
            : m,
        )
      : slices,
  );
  return { ...a, kernel };
}

/**
 * A block written with its top-left corner at (r, c), growing the matrix where it reaches past
 * the edge (new cells are 0). Rows of the block may differ in length: each writes its own.
 */
export function writeBlock(
  m: readonly (readonly number[])[],
  r: number,
  c: number,
  block: readonly (readonly number[])[],
): number[][] {
  const [h, w] = sizeOf(m);
  const rows = Math.max(h, r + block.length);
  const cols = Math.max(w, c + Math.max(0, ...block.map((b) => b.length)));
  const out = resizeMatrix(m, rows, cols);
  block.forEach((row, y) => row.forEach((v, x) => (out[r + y]![c + x] = v)));
  return out;
}

/** Every input channel resized to rows × cols. */
export function resizeInput(a: SandboxArrays, rows: number, cols: number): SandboxArrays {
  return { ...a, input: a.input.map((m) => resizeMatrix(m, rows, cols)) };
}

/** Every kernel slice resized to rows × cols. */
export function resizeKernel(a: SandboxArrays, rows: number, cols: number): SandboxArrays {
  return { ...a, kernel: a.kernel.map((o) => o.map((m) => resizeMatrix(m, rows, cols))) };
}

/** A block pasted into input channel `ch` (the other channels grow with it). */
export function pasteInput(
  a: SandboxArrays,
  ch: number,
  r: number,
  c: number,
  block: readonly (readonly number[])[],
): SandboxArrays {
  const written = writeBlock(a.input[ch]!, r, c, block);
  const [rows, cols] = sizeOf(written);
  const grown = resizeInput(a, rows, cols);
  return { ...grown, input: grown.input.map((m, i) => (i === ch ? written : m)) };
}

/** A block pasted into kernel slice (o, i) (the other slices grow with it). */
export function pasteKernel(
  a: SandboxArrays,
  o: number,
  i: number,
  r: number,
  c: number,
  block: readonly (readonly number[])[],
): SandboxArrays {
  const written = writeBlock(a.kernel[o]![i]!, r, c, block);
  const [rows, cols] = sizeOf(written);
  const grown = resizeKernel(a, rows, cols);
  return {
    ...grown,
    kernel: grown.kernel.map((s, oo) => s.map((m, ii) => (oo === o && ii === i ? written : m))),
  };
}

/** A new input channel of zeros, with a zero kernel slice for it in every output channel. */
export function addInputChannel(a: SandboxArrays): SandboxArrays {
  const [h, w] = sizeOf(a.input[0]!);
  const [kh, kw] = sizeOf(a.kernel[0]![0]!);
  return {
    ...a,
    input: [...a.input, zeros(h, w)],
    kernel: a.kernel.map((slices) => [...slices, zeros(kh, kw)]),
  };
}

/** Input channel `c` removed, with its kernel slices. */
export function removeInputChannel(a: SandboxArrays, c: number): SandboxArrays {
  return {
    ...a,
    input: a.input.filter((_, i) => i !== c),
    kernel: a.kernel.map((slices) => slices.filter((_, i) => i !== c)),
  };
}

/** A new output channel: a zero kernel over every input channel and bias 0. */
export function addOutputChannel(a: SandboxArrays): SandboxArrays {
  const [kh, kw] = sizeOf(a.kernel[0]![0]!);
  return {
    ...a,
    kernel: [...a.kernel, a.input.map(() => zeros(kh, kw))],
    bias: [...a.bias, 0],
  };
}

/** Output channel `o` removed, with its bias. */
export function removeOutputChannel(a: SandboxArrays, o: number): SandboxArrays {
  return {
    ...a,
    kernel: a.kernel.filter((_, i) => i !== o),
    bias: a.bias.filter((_, i) => i !== o),
  };
}

/** A one-channel input in place of the old one; the kernel keeps its first input channel. */
export function replaceInput(a: SandboxArrays, input: number[][][]): SandboxArrays {
  const kernel =
    input.length === a.input.length
      ? a.kernel
      : a.kernel.map((slices) =>
          Array.from({ length: input.length }, (_, i) => slices[i] ?? zeros(...sizeOf(slices[0]!))),
        );
  return { ...a, input, kernel };
}

/** A kernel matrix written into slice (o, i); the other slices are resized to its size. */
export function replaceKernelSlice(
  a: SandboxArrays,
  o: number,
  i: number,
  m: number[][],
): SandboxArrays {
  const [rows, cols] = sizeOf(m);
  const resized = resizeKernel(a, rows, cols);
  return {
    ...resized,
    kernel: resized.kernel.map((s, oo) => s.map((x, ii) => (oo === o && ii === i ? copy2(m) : x))),
  };
}

/** Bias of output channel `o`. */
export function setBias(a: SandboxArrays, o: number, v: number): SandboxArrays {
  return { ...a, bias: a.bias.map((b, i) => (i === o ? v : b)) };
}
