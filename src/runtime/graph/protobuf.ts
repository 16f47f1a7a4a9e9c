/**
 * The few pieces of the protobuf wire format that ONNX files need, written by hand so that
 * emitting a graph costs no dependency (and no code generator). Encoding follows what protoc's
 * proto2 serializer writes for onnx.proto; the reader accepts everything a conforming writer
 * may produce (packed or unpacked repeated scalars, unknown fields skipped).
 *
 * Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.
 */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * Accumulates one message. Nested messages are encoded by their own writer and embedded as
 * bytes: the graphs are small (kilobytes), so the extra copies cost nothing measurable and
 * keep the code obvious.
 */
export class ProtoWriter {
  private chunks: number[] = [];
  private parts: Uint8Array[] = [];
  private size = 0;

  private flushBytes(): void {
    if (this.chunks.length === 0) return;
    const part = Uint8Array.from(this.chunks);
    this.parts.push(part);
    this.size += part.length;
    this.chunks = [];
  }

  private raw(bytes: Uint8Array): void {
    this.flushBytes();
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** A varint; negative numbers are written as 64-bit two's complement (10 bytes), as int64 is. */
  private varint(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`protobuf: ${n} is not a safe integer`);
    if (n >= 0) {
      while (n > 0x7f) {
        this.chunks.push((n % 128) | 0x80);
        n = Math.floor(n / 128);
      }
      this.chunks.push(n);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(n));
    while (v > 0x7fn) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** int32 / int64 / enum / bool field. */
  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  /** float field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    for (const x of b) this.chunks.push(x);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.raw(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8Encoder.encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** Repeated floats in one packed field (what `[packed = true]` fields such as float_data use). */
  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    this.flushBytes();
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}

/** One decoded field: `value` is a number for wire types 0, 1 (raw bits as bytes) and 5. */
export type ProtoField =
  | { field: number; wireType: 0; value: number }
  | { field: number; wireType: 1; value: Uint8Array }
  | { field: number; wireType: 2; value: Uint8Array }
  | { field: number; wireType: 5; value: Uint8Array };

export class ProtoDecodeError extends Error {
  constructor(message: string) {
    super(`not a valid protobuf message: ${message}`);
    this.name = 'ProtoDecodeError';
  }
}

/**
 * Reads a varint at `pos`. Values beyond 2^53 lose precision (ONNX dims and enums never get
 * there); negative int64 values, written as 10-byte two's complement, come back negative.
 */
function readVarint(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let i = pos;
  for (;;) {
    if (i >= bytes.length) throw new ProtoDecodeError('truncated varint');
    if (i - pos >= 10) throw new ProtoDecodeError('varint longer than 10 bytes');
    const b = bytes[i++]!;
    if (shift < 28) lo |= (b & 0x7f) << shift;
    else if (shift === 28) {
      lo |= (b & 0x0f) << 28;
      hi |= (b & 0x7f) >> 4;
    } else hi |= (b & 0x7f) << (shift - 32);
    shift += 7;
    if ((b & 0x80) === 0) break;
  }
  lo >>>= 0;
  hi >>>= 0;
  const value =
    hi >= 0x80000000 ? -((0xffffffff - hi) * 2 ** 32 + (0x100000000 - lo)) : hi * 2 ** 32 + lo;
  return [value, i];
}

/** Iterates the fields of one message, in file order. */
export function* readFields(bytes: Uint8Array): Generator<ProtoField> {
  let pos = 0;
  while (pos < bytes.length) {
    const [key, afterKey] = readVarint(bytes, pos);
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    pos = afterKey;
    switch (wireType) {
      case 0: {
        const [value, next] = readVarint(bytes, pos);
        pos = next;
        yield { field, wireType, value };
        break;
      }
      case 1:
      case 5: {
        const n = wireType === 1 ? 8 : 4;
        if (pos + n > bytes.length) throw new ProtoDecodeError(`truncated field ${field}`);
        yield { field, wireType, value: bytes.subarray(pos, pos + n) };
        pos += n;
        break;
      }
      case 2: {
        const [len, next] = readVarint(bytes, pos);
        if (len < 0 || next + len > bytes.length)
          throw new ProtoDecodeError(`field ${field} runs past the end of its message`);
        yield { field, wireType, value: bytes.subarray(next, next + len) };
        pos = next + len;
        break;
      }
      default:
        // Groups (3, 4) are not used by onnx.proto; anything else is corruption.
        throw new ProtoDecodeError(`unsupported wire type ${wireType} (field ${field})`);
    }
  }
}

export function decodeString(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** The float of a fixed32 field. */
export function decodeFloat(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getFloat32(0, true);
}

/** Appends the values of a repeated float field, packed (wire type 2) or not (wire type 5). */
export function appendFloats(f: ProtoField, out: number[]): void {
  if (f.wireType === 5) out.push(decodeFloat(f.value));
  else if (f.wireType === 2) {
    if (f.value.length % 4 !== 0)
      throw new ProtoDecodeError(`packed floats of ${f.value.length} bytes`);
    const view = new DataView(f.value.buffer, f.value.byteOffset, f.value.length);
    for (let i = 0; i < f.value.length; i += 4) out.push(view.getFloat32(i, true));
  } else
    throw new ProtoDecodeError(`field ${f.field}: expected floats, got wire type ${f.wireType}`);
}

/** Appends the values of a repeated integer field, packed (wire type 2) or not (wire type 0). */
export function appendInts(f: ProtoField, out: number[]): void {
  if (f.wireType === 0) out.push(f.value);
  else if (f.wireType === 2) {
    let pos = 0;
    while (pos < f.value.length) {
      const [v, next] = readVarint(f.value, pos);
      out.push(v);
      pos = next;
    }
  } else
    throw new ProtoDecodeError(`field ${f.field}: expected integers, got wire type ${f.wireType}`);
}
