/**
 * The bundled CJK font (public/fonts/glassbox-cjk-sc.woff2, made by scripts/make-cjk-font.py)
 * must hold a glyph for every Chinese character the app shows: the zh-CN strings, the language
 * names, the attention sandbox presets, the built-in tours, the Chinese model's vocabulary. A
 * new string whose character is missing fails here, naming the character and its file.
 *
 * The font's cmap is read from the woff2 itself (WOFF2 = one Brotli stream of the sfnt tables;
 * Node's zlib decompresses it), and the generated manifest and @font-face are checked against it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path));
const REGENERATE = 'rerun /usr/bin/python3 scripts/make-cjk-font.py';

interface Manifest {
  family: string;
  file: string;
  sha256: string;
  sizeBytes: number;
  count: number;
  unicodeRange: string;
  characters: string;
  inline: { characters: string; unicodeRange: string; sizeBytes: number };
}
const manifest = JSON.parse(read('src/i18n/cjkFont.json').toString('utf8')) as Manifest;

/** The blocks that count as CJK (kept in step with CJK_BLOCKS in scripts/make-cjk-font.py). */
const CJK_BLOCKS: readonly [number, number][] = [
  [0x2e80, 0x2fff], // radicals, Kangxi, ideographic description
  [0x3000, 0x33ff], // CJK symbols and punctuation, kana, bopomofo, strokes, enclosed, compatibility
  [0x3400, 0x4dbf], // Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe10, 0xfe1f], // vertical forms
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xffef], // halfwidth and fullwidth forms
  [0x20000, 0x3ffff], // Extensions B and later
];
const isCjk = (cp: number) => CJK_BLOCKS.some(([lo, hi]) => cp >= lo && cp <= hi);
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every CJK character of the app's sources → the files it appears in. */
function shownCharacters(): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const add = (text: string, origin: string) => {
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!;
      if (isCjk(cp)) found.set(cp, [...(found.get(cp) ?? []), origin]);
    }
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  const sources = walk(join(ROOT, 'src')).filter(
    (p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p),
  );
  for (const p of [...sources, join(ROOT, 'index.html')]) {
    add(readFileSync(p, 'utf8'), relative(ROOT, p));
  }
  const card = JSON.parse(read('models/char_gpt_zh.json').toString('utf8')) as {
    tokenizer: { vocab: string[] };
  };
  add(card.tokenizer.vocab.filter((t) => [...t].length === 1).join(''), 'models/char_gpt_zh.json');
  return found;
}

// --- WOFF2 → cmap ------------------------------------------------------------------------------

// WOFF2's known-table tags, by the 6-bit index in a table directory entry's flags.
const KNOWN_TAGS = (
  'cmap head hhea hmtx maxp name OS/2 post cvt_ fpgm glyf loca prep CFF_ VORG EBDT EBLC gasp ' +
  'hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL ' +
  'SVG_ sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx ' +
  'opbd prop trak Zapf Silf Glat Gloc Feat Sill'
)
  .split(' ')
  .map((t) => t.replace('_', ' '));

/** The decompressed sfnt tables of a WOFF2 file (tables other than glyf/loca/hmtx verbatim). */
function woff2Tables(buf: Buffer): Map<string, Buffer> {
  if (buf.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a WOFF2 file');
  if (buf.toString('latin1', 4, 8) === 'ttcf') throw new Error('font collections not handled');
  const numTables = buf.readUInt16BE(12);
  const compressedSize = buf.readUInt32BE(20);
  let pos = 48;
  const base128 = () => {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = buf[pos++]!;
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) return v;
    }
    throw new Error('bad UIntBase128');
  };
  const entries: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = buf[pos++]!;
    const tag =
      (flags & 0x3f) === 0x3f
        ? buf.toString('latin1', pos, (pos += 4))
        : (KNOWN_TAGS[flags & 0x3f] ?? '?');
    const version = flags >> 6;
    const origLength = base128();
    const glyfOrLoca = tag === 'glyf' || tag === 'loca';
    const transformed = glyfOrLoca ? version === 0 : version !== 0;
    entries.push({ tag, length: transformed ? base128() : origLength });
  }
  const data = brotliDecompressSync(buf.subarray(pos, pos + compressedSize));
  const tables = new Map<string, Buffer>();
  let offset = 0;
  for (const { tag, length } of entries) {
    tables.set(tag, data.subarray(offset, offset + length));
    offset += length;
  }
  return tables;
}

/** The code points a cmap table maps to a real glyph (formats 4 and 12). */
function cmapCodePoints(cmap: Buffer): Set<number> {
  const out = new Set<number>();
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    if (platform !== 3 && platform !== 0) continue;
    const st = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(st);
    if (format === 4 && (platform === 0 || encoding === 1)) {
      const segs = cmap.readUInt16BE(st + 6) / 2;
      const ends = st + 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const rangeOffsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readInt16BE(deltas + s * 2);
        const ro = cmap.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (ro === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = cmap.readUInt16BE(rangeOffsets + s * 2 + ro + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph !== 0) out.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(st + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(st + 16 + g * 12);
        const end = cmap.readUInt32BE(st + 20 + g * 12);
        const glyph = cmap.readUInt32BE(st + 24 + g * 12);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
      }
    }
  }
  return out;
}

/** `U+4E00-9FFF, U+3000` → predicate. */
function inUnicodeRange(range: string): (cp: number) => boolean {
  const parts = range.split(',').map((p) => {
    const m = /^\s*U\+([0-9A-F]+)(?:-([0-9A-F]+))?\s*$/i.exec(p);
    if (!m) throw new Error(`cannot read unicode-range part "${p}"`);
    return [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as const;
  });
  return (cp) => parts.some(([lo, hi]) => cp >= lo && cp <= hi);
}

// --- the checks ---------------------------------------------------------------------------------

describe('the bundled CJK font (Glassbox CJK)', () => {
  const woff2 = read(manifest.file);
  const covered = cmapCodePoints(woff2Tables(woff2).get('cmap')!);
  const shown = shownCharacters();

  it('is the file the manifest describes (sha256, size) and maps exactly its characters', () => {
    expect(createHash('sha256').update(woff2).digest('hex'), REGENERATE).toBe(manifest.sha256);
    expect(woff2.length).toBe(manifest.sizeBytes);
    const listed = [...manifest.characters].map((c) => c.codePointAt(0)!);
    expect(listed.length).toBe(manifest.count);
    expect([...covered].sort((a, b) => a - b)).toEqual(listed);
  });

  it('holds CJK characters only, so Latin text keeps the system fonts', () => {
    expect([...covered].filter((cp) => !isCjk(cp)).map(hex)).toEqual([]);
  });

  it('has a glyph for every CJK character of the zh-CN strings, presets, tours and zh vocab', () => {
    // The scan really reaches the sources issue 12 names.
    const from = (file: string) =>
      [...shown].filter(([, files]) => files.some((f) => f.startsWith(file))).length;
    expect(from('src/i18n/zh-CN.ts')).toBeGreaterThan(100);
    expect(from('src/i18n/attnModel.zh-CN.ts')).toBeGreaterThan(50);
    expect(from('src/app/classroom/tours/')).toBeGreaterThan(50);
    expect(from('models/char_gpt_zh.json')).toBeGreaterThan(2000);
    for (const ch of '我爱你们') {
      expect(shown.get(ch.codePointAt(0)!)).toContain('src/lessons/attention/sandbox/presets.ts');
    }
    expect(shown.get('简'.codePointAt(0)!)).toContain('src/i18n/index.ts');

    const missing = [...shown]
      .filter(([cp]) => !covered.has(cp))
      .map(([cp, files]) => `${String.fromCodePoint(cp)} ${hex(cp)} (${files.join(', ')})`);
    expect(missing, `characters without a glyph in ${manifest.file}: ${REGENERATE}`).toEqual([]);
  });

  it('is declared by an @font-face whose unicode-range covers every character it holds', () => {
    const css = /@font-face \{[^}]*\}/.exec(read('src/app/cjkFont.css').toString('utf8'))![0];
    expect(css).toContain(`font-family: '${manifest.family}'`);
    expect(css).toContain('font-display: swap');
    // Served from our own origin (public/fonts), the version query busting stale caches.
    const url = /src: url\('([^']+)'\) format\('woff2'\)/.exec(css)?.[1];
    expect(url).toBe(`/fonts/glassbox-cjk-sc.woff2?v=${manifest.sha256.slice(0, 12)}`);
    expect(manifest.file).toBe('public/fonts/glassbox-cjk-sc.woff2');
    const range = /unicode-range: ([^;]+);/.exec(css)?.[1] ?? '';
    expect(range).toBe(manifest.unicodeRange);
    const inRange = inUnicodeRange(range);
    expect([...covered].filter((cp) => !inRange(cp)).map(hex)).toEqual([]);
    // Restricted to CJK blocks: a page without Chinese never downloads it.
    expect(inRange('A'.codePointAt(0)!) || inRange(0x201c) || inRange(0xe9)).toBe(false);
  });

  it('draws the language names (简体中文) from a tiny inlined face, so English never fetches the file', () => {
    const css = read('src/app/cjkFont.css').toString('utf8');
    const faces = css.match(/@font-face \{[^}]*\}/g) ?? [];
    expect(faces).toHaveLength(2);
    // Faces of one family are tried last-declared first: the inlined one must come second.
    const inlineFace = faces[1]!;
    expect(inlineFace).toContain(`font-family: '${manifest.family}'`);
    const data = /url\('data:font\/woff2;base64,([A-Za-z0-9+/=]+)'\)/.exec(inlineFace)?.[1];
    expect(data).toBeTruthy();
    const inlineCovered = cmapCodePoints(woff2Tables(Buffer.from(data!, 'base64')).get('cmap')!);
    const names = /LANGUAGE_NAMES[^=]*=\s*\{([^}]*)\}/.exec(
      read('src/i18n/index.ts').toString('utf8'),
    )?.[1];
    const wanted = [...new Set(names)].map((c) => c.codePointAt(0)!).filter(isCjk);
    expect(wanted.map(hex)).toEqual(expect.arrayContaining(['U+7B80', 'U+4F53'])); // 简体
    expect(wanted.filter((cp) => !inlineCovered.has(cp)).map(hex), REGENERATE).toEqual([]);
    const range = /unicode-range: ([^;]+);/.exec(inlineFace)?.[1] ?? '';
    expect(range).toBe(manifest.inline.unicodeRange);
    expect(wanted.filter((cp) => !inUnicodeRange(range)(cp)).map(hex)).toEqual([]);
    expect([...inlineCovered].filter((cp) => !inUnicodeRange(range)(cp)).map(hex)).toEqual([]);
  });

  it('comes right after the Latin system fonts in the page font stack', () => {
    const styles = read('src/app/styles.css').toString('utf8');
    expect(styles).toMatch(/@import '\.\/cjkFont\.css';/);
    const stack = /:root \{[^}]*?font-family:([^;]+);/s
      .exec(styles)?.[1]
      ?.split(',')
      .map((f) => f.trim());
    expect(stack?.slice(0, 5)).toEqual([
      'system-ui',
      '-apple-system',
      "'Segoe UI'",
      "'Glassbox CJK'",
      "'PingFang SC'",
    ]);
  });
});
