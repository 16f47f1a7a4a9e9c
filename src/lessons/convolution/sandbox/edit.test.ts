import { describe, expect, it } from 'vitest';
import { sandboxConfigSchema, sandboxDefaults, type SandboxConfig } from '../config';
import {
  addInputChannel,
  addOutputChannel,
  pasteInput,
  pasteKernel,
  removeInputChannel,
  removeOutputChannel,
  replaceInput,
  replaceKernelSlice,
  resizeInput,
  setBias,
  setInputCell,
  setKernelCell,
  toArrays,
  toConfig,
  writeBlock,
} from './edit';
import { sandboxTensors } from './tensors';

const valid = (c: SandboxConfig) => sandboxConfigSchema.parse(c);

describe('sandbox arrays', () => {
  it('round-trips the defaults in their smallest form', () => {
    const a = toArrays(sandboxDefaults);
    expect(a.input).toHaveLength(1);
    expect(a.kernel).toHaveLength(1);
    expect(a.kernel[0]).toHaveLength(1);
    expect(a.bias).toEqual([0]);
    const back = toConfig(sandboxDefaults, a);
    expect(back.input).toEqual(sandboxDefaults.input);
    expect(back.kernel).toEqual(sandboxDefaults.kernel);
    expect(back.bias).toBe(0);
  });

  it('edits single cells without touching the config it came from', () => {
    const a = toArrays(sandboxDefaults);
    const b = setKernelCell(setInputCell(a, 0, 1, 2, -7), 0, 0, 0, 0, 0.5);
    expect(b.input[0]![1]![2]).toBe(-7);
    expect(b.kernel[0]![0]![0]![0]).toBe(0.5);
    expect(a.input[0]![1]![2]).toBe(6);
    expect((sandboxDefaults.input as number[][])[1]![2]).toBe(6);
  });

  it('keeps channels consistent: input channels ↔ kernel in-channels, out-channels ↔ bias', () => {
    let a = toArrays(sandboxDefaults);
    a = addInputChannel(a);
    a = addOutputChannel(a);
    a = setBias(a, 1, 2.5);
    expect(a.input).toHaveLength(2);
    expect(a.kernel.map((o) => o.length)).toEqual([2, 2]);
    expect(a.bias).toEqual([0, 2.5]);
    const config = valid(toConfig(sandboxDefaults, a));
    const t = sandboxTensors(config);
    expect(t.input.dims).toEqual([2, 3, 3]);
    expect(t.kernel.dims).toEqual([2, 2, 3, 3]);
    expect(Array.from(t.bias)).toEqual([0, 2.5]);

    a = removeInputChannel(a, 0);
    a = removeOutputChannel(a, 0);
    expect(a.input).toHaveLength(1);
    expect(a.kernel).toEqual([
      [
        [
          [0, 0, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      ],
    ]);
    expect(a.bias).toEqual([2.5]);
    expect(toConfig(sandboxDefaults, a).bias).toBe(2.5);
  });

  it('writes a 3-D kernel for one output channel over several input channels', () => {
    const a = addInputChannel(toArrays(sandboxDefaults));
    const c = valid(toConfig(sandboxDefaults, a));
    expect((c.kernel as number[][][]).length).toBe(2);
    expect(sandboxTensors(c).kernel.dims).toEqual([1, 2, 3, 3]);
  });

  it('resizes every input channel together (crop, or grow with zeros)', () => {
    const a = resizeInput(addInputChannel(toArrays(sandboxDefaults)), 2, 4);
    expect(a.input[0]).toEqual([
      [1, 2, 3, 0],
      [4, 5, 6, 0],
    ]);
    expect(a.input[1]).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('pastes a block at a cell, growing the grid (and the other channels) where it reaches past', () => {
    expect(writeBlock([[1, 2]], 0, 1, [[7, 8, 9]])).toEqual([[1, 7, 8, 9]]);
    const a = pasteInput(addInputChannel(toArrays(sandboxDefaults)), 1, 2, 2, [[1, 1], [1]]);
    expect(a.input[1]).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 1, 0],
    ]);
    expect(a.input[0]![3]).toEqual([0, 0, 0, 0]);
    const k = pasteKernel(a, 0, 1, 0, 0, [[5]]);
    expect(k.kernel[0]![1]![0]![0]).toBe(5);
  });

  it('a one-channel preset input drops the kernel slices of removed channels', () => {
    const a = addOutputChannel(addInputChannel(toArrays(sandboxDefaults)));
    const b = replaceInput(a, [
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(b.kernel.map((o) => o.length)).toEqual([1, 1]);
    expect(b.kernel[0]![0]).toEqual(a.kernel[0]![0]);
  });

  it('a kernel preset resizes the other slices to its size', () => {
    const a = addOutputChannel(
      toArrays({
        ...sandboxDefaults,
        kernel: [
          [1, 2],
          [3, 4],
        ],
      }),
    );
    const b = replaceKernelSlice(a, 1, 0, [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(b.kernel[0]![0]).toEqual([
      [1, 2, 0],
      [3, 4, 0],
      [0, 0, 0],
    ]);
    expect(b.kernel[1]![0]![1]![1]).toBe(1);
  });
});
