import { describe, expect, it } from 'vitest';
import {
  EMBED,
  LOGITS,
  POS_EMB,
  TOK_EMB,
  allOutputNames,
  decodeIds,
  encodeText,
  headOutput,
  layerOutput,
  outputShape,
  padIds,
  transformerSpec,
} from './transformer';

const card = {
  name: 'tiny',
  architecture: {
    kind: 'decoder',
    layers: 2,
    heads: 2,
    dModel: 8,
    dK: 4,
    dV: 3,
    dFF: 16,
    context: 6,
    norm: 'post',
    positional: 'learned',
    activation: 'relu',
  },
  tokenizer: {
    kind: 'char',
    vocab: ['<pad>', '<unk>', 'a', 'b', '床', '😀', '\n'],
    pad: 0,
    unk: 1,
  },
};
const spec = transformerSpec(card);

describe('transformerSpec', () => {
  it('reads the architecture and tokenizer of a card', () => {
    expect(spec).toMatchObject({ layers: 2, heads: 2, dModel: 8, dK: 4, dV: 3, dFF: 16 });
    expect(spec).toMatchObject({ context: 6, positional: 'learned', pad: 0, unk: 1 });
    expect(spec.vocab).toHaveLength(7);
    expect(spec.task).toBeUndefined();
  });

  it('keeps the task of a task model', () => {
    const task = { kind: 'reverse', separator: '>', end: '.', minLength: 1, maxLength: 8 };
    expect(transformerSpec({ ...card, task }).task).toEqual(task);
  });

  it('rejects a card without transformer fields or with ids outside the vocabulary', () => {
    expect(() => transformerSpec({ name: 'mnist_cnn' })).toThrow();
    expect(() =>
      transformerSpec({ ...card, architecture: { ...card.architecture, norm: 'pre' } }),
    ).toThrow();
    expect(() => transformerSpec({ ...card, tokenizer: { ...card.tokenizer, pad: 7 } })).toThrow(
      /pad id 7/,
    );
  });
});

describe('output names', () => {
  it('names head and layer outputs as the recipes export them', () => {
    expect(headOutput(1, 0, 'weights')).toBe('l1.h0.weights');
    expect(layerOutput(0, 'mlp_hidden')).toBe('l0.mlp_hidden');
  });

  it('lists every output in graph order', () => {
    const names = allOutputNames(spec);
    // 3 embeddings + per layer (2 heads x 8 + 8) + logits
    expect(names).toHaveLength(3 + 2 * (2 * 8 + 8) + 1);
    expect(names.slice(0, 4)).toEqual([TOK_EMB, POS_EMB, EMBED, 'l0.h0.q']);
    expect(names.indexOf('l0.h1.q')).toBe(names.indexOf('l0.h0.out') + 1);
    expect(names.indexOf('l0.concat')).toBe(names.indexOf('l0.h1.out') + 1);
    expect(names.indexOf('l1.h0.q')).toBe(names.indexOf('l0.norm2') + 1);
    expect(names.at(-1)).toBe(LOGITS);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives the shape of each output', () => {
    expect(outputShape(spec, EMBED)).toEqual([1, 6, 8]);
    expect(outputShape(spec, 'l1.h1.q')).toEqual([1, 6, 4]);
    expect(outputShape(spec, 'l1.h1.v')).toEqual([1, 6, 3]);
    expect(outputShape(spec, 'l0.h0.masked')).toEqual([1, 6, 6]);
    expect(outputShape(spec, 'l0.concat')).toEqual([1, 6, 6]);
    expect(outputShape(spec, 'l0.mlp_hidden')).toEqual([1, 6, 16]);
    expect(outputShape(spec, 'l1.norm2')).toEqual([1, 6, 8]);
    expect(outputShape(spec, LOGITS)).toEqual([1, 6, 7]);
    expect(() => outputShape(spec, 'l2.norm2')).toThrow(/no output/);
  });
});

describe('encodeText / padIds / decodeIds', () => {
  it('maps one id per code point, including characters outside the BMP', () => {
    expect(encodeText(spec, 'ab床😀\n')).toEqual({ ids: [2, 3, 4, 5, 6], unknown: [] });
  });

  it('maps unknown characters to unk and lists each once', () => {
    expect(encodeText(spec, 'aXbXé')).toEqual({ ids: [2, 1, 3, 1, 1], unknown: ['X', 'é'] });
    // The markers are not typable characters.
    expect(encodeText(spec, '<pad>').ids).toEqual([1, 1, 2, 1, 1]);
  });

  it('drops unknown characters when the model has no unk id', () => {
    const noUnk = transformerSpec({ ...card, tokenizer: { ...card.tokenizer, unk: null } });
    expect(encodeText(noUnk, 'aXb')).toEqual({ ids: [2, 3], unknown: ['X'] });
  });

  it('pads to the context at the end with the pad id', () => {
    expect(Array.from(padIds(spec, [2, 3]))).toEqual([2, 3, 0, 0, 0, 0]);
    expect(padIds(spec, [2, 3, 4, 5, 6, 2])).toHaveLength(6);
    expect(() => padIds(spec, [2, 2, 2, 2, 2, 2, 2])).toThrow(/context of 6/);
  });

  it('decodes ids, skipping padding and showing unk as U+FFFD', () => {
    expect(decodeIds(spec, [2, 4, 5, 1, 0, 0])).toBe('a床😀\uFFFD');
    expect(decodeIds(spec, padIds(spec, encodeText(spec, 'ba床').ids))).toBe('ba床');
    expect(decodeIds(spec, [99])).toBe('\uFFFD');
  });
});
