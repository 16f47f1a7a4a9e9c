import { describe, expect, it } from 'vitest';
import { appendFloats, appendInts, ProtoDecodeError, ProtoWriter, readFields } from './protobuf';

describe('protobuf wire format', () => {
  it('encodes varints as the spec examples do', () => {
    // From the protobuf encoding guide: field 1 = 150 is 08 96 01.
    expect([...new ProtoWriter().int(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    // A negative int64 takes ten bytes (two's complement); -1 is nine 0xff and 0x01.
    expect([...new ProtoWriter().int(1, -1).finish()]).toEqual([
      0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    // A string: field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
    expect([...new ProtoWriter().string(2, 'testing').finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
  });

  it('reads back every integer it writes, negative and beyond 32 bits included', () => {
    const values = [0, 1, 127, 128, 300, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40 + 5, -1, -2, -300];
    values.push(-(2 ** 31), -(2 ** 40), Number.MAX_SAFE_INTEGER);
    const w = new ProtoWriter();
    values.forEach((v) => w.int(3, v));
    const back: number[] = [];
    for (const f of readFields(w.finish())) {
      expect(f.field).toBe(3);
      appendInts(f, back);
    }
    expect(back).toEqual(values);
  });

  it('reads packed and unpacked floats alike', () => {
    const w = new ProtoWriter().packedFloats(4, [1.5, -2, 0.25]).float(4, 3).float(4, -0.5);
    const out: number[] = [];
    for (const f of readFields(w.finish())) appendFloats(f, out);
    expect(out).toEqual([1.5, -2, 0.25, 3, -0.5]);
  });

  it('embeds nested messages and skips nothing', () => {
    const inner = new ProtoWriter().int(1, 7).string(2, 'é');
    const bytes = new ProtoWriter().message(5, inner).int(6, 9).finish();
    const fields = [...readFields(bytes)];
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([
      [5, 2],
      [6, 0],
    ]);
    const nested = [...readFields(fields[0]!.value as Uint8Array)];
    expect(nested[0]).toMatchObject({ field: 1, value: 7 });
    expect(new TextDecoder().decode(nested[1]!.value as Uint8Array)).toBe('é');
  });

  it('rejects truncated or malformed input', () => {
    const good = new ProtoWriter().string(1, 'hello').finish();
    expect(() => [...readFields(good.subarray(0, 4))]).toThrow(ProtoDecodeError);
    expect(() => [...readFields(Uint8Array.of(0x08, 0x96))]).toThrow(/truncated varint/);
    expect(() => [...readFields(Uint8Array.of(0x0b))]).toThrow(/wire type 3/);
    expect(() => new ProtoWriter().int(1, 0.5)).toThrow(RangeError);
  });
});
