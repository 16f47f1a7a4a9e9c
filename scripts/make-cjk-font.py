#!/usr/bin/python3
"""Regenerates Glassbox's bundled CJK font: a subset of Noto Sans CJK SC (Debian package
fonts-noto-cjk, SIL OFL 1.1) holding every Chinese character the app shows, so zh-CN renders
on machines without CJK fonts (issue 12).

    sudo apt-get install fonts-noto-cjk python3-fonttools python3-brotli
    /usr/bin/python3 scripts/make-cjk-font.py

Rerun it whenever a Chinese string, a preset, a tour or the Chinese model's vocabulary changes
(src/i18n/cjkFont.test.ts fails, naming the character, until you do). It reads

  - every non-test .ts/.tsx file under src/ (the zh-CN string tables in src/i18n, the language
    names, the attention sandbox presets, the built-in tours, the model's default sentences)
    and index.html;
  - the tokenizer vocabulary of models/char_gpt_zh.json (every character the Chinese model can
    read or generate);

keeps the CJK characters among them (ideographs, CJK symbols and punctuation, kana, fullwidth
forms: CJK_BLOCKS below), and writes

  public/fonts/glassbox-cjk-sc.woff2   the subset (Regular only; browsers synthesise bold)
  public/fonts/OFL.txt                 the font's copyright notice and licence
  src/app/cjkFont.css                  the @font-face, unicode-range = the CJK blocks present
  src/i18n/cjkFont.json                manifest: code points, sha256 and size of the woff2

Only CJK code points go into the font, so Latin text keeps the system fonts, and the browser
fetches the file only when a page shows a character in its unicode-range.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')
SOURCE_FAMILY = 'Noto Sans CJK SC'
COPYRIGHT_FILE = Path('/usr/share/doc/fonts-noto-cjk/copyright')
FAMILY = 'Glassbox CJK'

FONT_OUT = ROOT / 'public/fonts/glassbox-cjk-sc.woff2'
LICENCE_OUT = ROOT / 'public/fonts/OFL.txt'
CSS_OUT = ROOT / 'src/app/cjkFont.css'
MANIFEST_OUT = ROOT / 'src/i18n/cjkFont.json'
VOCAB = ROOT / 'models/char_gpt_zh.json'
# The language names (简体中文) sit in the language menu whatever the language: their few glyphs
# go into a tiny face inlined in the CSS as a data: URL, declared after the big one, so an
# English page draws them without fetching the big file.
LANGUAGE_NAMES = ROOT / 'src/i18n/index.ts'

# The Unicode blocks that count as CJK here (kept in step with src/i18n/cjkFont.test.ts).
CJK_BLOCKS: list[tuple[int, int, str]] = [
    (0x2E80, 0x2EFF, 'CJK Radicals Supplement'),
    (0x2F00, 0x2FDF, 'Kangxi Radicals'),
    (0x2FF0, 0x2FFF, 'Ideographic Description Characters'),
    (0x3000, 0x303F, 'CJK Symbols and Punctuation'),
    (0x3040, 0x309F, 'Hiragana'),
    (0x30A0, 0x30FF, 'Katakana'),
    (0x3100, 0x312F, 'Bopomofo'),
    (0x3190, 0x319F, 'Kanbun'),
    (0x31A0, 0x31BF, 'Bopomofo Extended'),
    (0x31C0, 0x31EF, 'CJK Strokes'),
    (0x3200, 0x32FF, 'Enclosed CJK Letters and Months'),
    (0x3300, 0x33FF, 'CJK Compatibility'),
    (0x3400, 0x4DBF, 'CJK Unified Ideographs Extension A'),
    (0x4E00, 0x9FFF, 'CJK Unified Ideographs'),
    (0xF900, 0xFAFF, 'CJK Compatibility Ideographs'),
    (0xFE10, 0xFE1F, 'Vertical Forms'),
    (0xFE30, 0xFE4F, 'CJK Compatibility Forms'),
    (0xFF00, 0xFFEF, 'Halfwidth and Fullwidth Forms'),
    (0x20000, 0x3FFFF, 'CJK Unified Ideographs Extensions B and later'),
]


def cjk_block(cp: int) -> tuple[int, int, str] | None:
    return next((b for b in CJK_BLOCKS if b[0] <= cp <= b[1]), None)


def collect() -> dict[str, list[str]]:
    """Every CJK character the app can show -> the files it comes from."""
    found: dict[str, list[str]] = {}

    def add(text: str, origin: str) -> None:
        for ch in set(text):
            if cjk_block(ord(ch)):
                found.setdefault(ch, []).append(origin)

    files = sorted(
        p
        for p in (ROOT / 'src').rglob('*')
        if p.suffix in ('.ts', '.tsx') and not re.search(r'\.test\.tsx?$', p.name)
    )
    for p in [*files, ROOT / 'index.html']:
        add(p.read_text(encoding='utf-8'), str(p.relative_to(ROOT)))
    vocab = json.loads(VOCAB.read_text(encoding='utf-8'))['tokenizer']['vocab']
    add(''.join(t for t in vocab if len(t) == 1), str(VOCAB.relative_to(ROOT)) + ' (vocab)')
    return found


def always_shown() -> list[int]:
    """The CJK code points of LANGUAGE_NAMES in src/i18n/index.ts."""
    m = re.search(r'LANGUAGE_NAMES[^=]*=\s*\{([^}]*)\}', LANGUAGE_NAMES.read_text(encoding='utf-8'))
    if not m:
        sys.exit(f'no LANGUAGE_NAMES in {LANGUAGE_NAMES}')
    return list(dict.fromkeys(ord(ch) for ch in m.group(1) if cjk_block(ord(ch))))


def source_face():
    collection = TTCollection(str(SOURCE))
    for font in collection.fonts:
        if font['name'].getDebugName(1) == SOURCE_FAMILY:
            return font
    sys.exit(f'{SOURCE} has no {SOURCE_FAMILY} face')


def licence_text() -> str:
    """The OFL 1.1 text from Debian's copyright file, headed by upstream's copyright notice."""
    lines = COPYRIGHT_FILE.read_text(encoding='utf-8').splitlines()
    # The stand-alone 'License: SIL-1.1' paragraph (the one followed by the text).
    start = next(
        i + 1
        for i, line in enumerate(lines[:-1])
        if line == 'License: SIL-1.1' and lines[i + 1].startswith(' ')
    )
    body: list[str] = []
    for line in lines[start:]:
        if not line.startswith(' '):
            break
        body.append('' if line == ' .' else line[1:])
    return (
        f'{FAMILY} (public/fonts/glassbox-cjk-sc.woff2) is a subset of {SOURCE_FAMILY} Regular\n'
        f'(Noto Sans CJK, https://github.com/notofonts/noto-cjk), taken from the Debian package\n'
        f'fonts-noto-cjk and cut down by scripts/make-cjk-font.py to the characters Glassbox shows.\n'
        f'It is a Modified Version under the licence below and is distributed under it.\n\n'
        f"Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
        f'Noto is a trademark of Google Inc.\n\n'
        f'This Font Software is licensed under the SIL Open Font License, Version 1.1.\n'
        f'This license is copied below, and is also available with a FAQ at:\n'
        f'https://openfontlicense.org\n\n' + '\n'.join(body).rstrip() + '\n'
    )


def rename(font) -> None:
    """A Modified Version gets its own name; copyright, licence and credits stay."""
    name = font['name']
    version = (name.getDebugName(5) or '').split(';')[0]
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID in (4, 18):
            name.setName(f'{FAMILY} Regular', rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            name.setName(f'GlassboxCJK-Regular;{version}', 3, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName('GlassboxCJK-Regular', 6, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 10:
            name.setName(
                f'Subset of {SOURCE_FAMILY} {version} for Glassbox. ' + rec.toUnicode(),
                10, rec.platformID, rec.platEncID, rec.langID,
            )
    if 'CFF ' in font:
        cff = font['CFF '].cff
        cff.fontNames = ['GlassboxCJK-Regular']
        top = cff.topDictIndex[0]
        top.FullName = f'{FAMILY} Regular'
        top.FamilyName = FAMILY


def make_font(codepoints: list[int]) -> bytes:
    font = source_face()
    options = subset.Options()
    options.flavor = 'woff2'
    # No vertical, locl or other alternates: the page is horizontal, and zh-CN wants the SC
    # face's default glyphs (this halves the file).
    options.layout_features = ['ccmp', 'kern']
    options.name_IDs = ['*']  # keep copyright (0), licence (13) and licence URL (14)
    options.name_languages = [0x0409]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    rename(font)
    out = io.BytesIO()
    font.recalcTimestamp = False  # the same inputs give the same bytes
    font.flavor = 'woff2'
    font.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--check', action='store_true', help='only report what would change')
    args = parser.parse_args()

    found = collect()
    face = source_face()
    cmap = face.getBestCmap()
    missing = sorted(ch for ch in found if ord(ch) not in cmap)
    if missing:
        for ch in missing:
            print(f'no glyph in {SOURCE_FAMILY}: {ch} U+{ord(ch):04X} ({", ".join(found[ch])})')
        sys.exit(1)
    cps = sorted(ord(ch) for ch in found)
    blocks = sorted({cjk_block(cp) for cp in cps})
    if args.check:
        old = json.loads(MANIFEST_OUT.read_text()) if MANIFEST_OUT.exists() else {'characters': ''}
        added = sorted(set(map(ord, ''.join(found))) - set(map(ord, old['characters'])))
        print(f'{len(cps)} characters; not in the committed font: {"".join(map(chr, added)) or "none"}')
        sys.exit(1 if added else 0)

    woff2 = make_font(cps)
    sha = hashlib.sha256(woff2).hexdigest()
    inline_cps = always_shown()
    inline = make_font(inline_cps)
    inline_range = ', '.join(f'U+{cp:04X}' for cp in sorted(inline_cps))
    FONT_OUT.parent.mkdir(parents=True, exist_ok=True)
    FONT_OUT.write_bytes(woff2)
    LICENCE_OUT.write_text(licence_text(), encoding='utf-8')

    unicode_range = ', '.join(f'U+{lo:04X}-{hi:04X}' for lo, hi, _ in blocks)
    block_names = ', '.join(name for _, _, name in blocks)
    CSS_OUT.write_text(
        '/*\n'
        ' * Generated by scripts/make-cjk-font.py — do not edit; rerun the script instead.\n'
        f' * {FAMILY}: {len(cps)} characters of {SOURCE_FAMILY} (SIL OFL 1.1, public/fonts/OFL.txt),\n'
        ' * served from our own origin. The browser downloads it only when the page shows a\n'
        f' * character in its unicode-range ({block_names}).\n'
        ' */\n'
        '@font-face {\n'
        f"  font-family: '{FAMILY}';\n"
        '  font-style: normal;\n'
        '  font-weight: 400;\n'
        '  font-display: swap;\n'
        f"  src: url('/fonts/{FONT_OUT.name}?v={sha[:12]}') format('woff2');\n"
        f'  unicode-range: {unicode_range};\n'
        '}\n'
        '/*\n'
        f' * The language names ({"".join(map(chr, inline_cps))}), shown in every language, from a tiny face\n'
        ' * inlined here: faces of one family are tried last-declared first, so an English page\n'
        ' * draws them from this one and never fetches the file above.\n'
        ' */\n'
        '@font-face {\n'
        f"  font-family: '{FAMILY}';\n"
        '  font-style: normal;\n'
        '  font-weight: 400;\n'
        '  font-display: swap;\n'
        f"  src: url('data:font/woff2;base64,{base64.b64encode(inline).decode()}')\n"
        "    format('woff2');\n"
        f'  unicode-range: {inline_range};\n'
        '}\n',
        encoding='utf-8',
    )

    version = subprocess.run(
        ['dpkg-query', '-W', '-f=${Version}', 'fonts-noto-cjk'], capture_output=True, text=True
    ).stdout.strip()
    manifest = {
        'generatedBy': 'scripts/make-cjk-font.py',
        'family': FAMILY,
        'source': {
            'file': str(SOURCE),
            'face': SOURCE_FAMILY,
            'version': face['name'].getDebugName(5),
            'debianPackage': f'fonts-noto-cjk {version}'.strip(),
            'licence': 'OFL-1.1',
        },
        'file': str(FONT_OUT.relative_to(ROOT)),
        'sha256': sha,
        'sizeBytes': len(woff2),
        'count': len(cps),
        'unicodeRange': unicode_range,
        'blocks': [name for _, _, name in blocks],
        'characters': ''.join(map(chr, cps)),
        'inline': {
            'characters': ''.join(map(chr, inline_cps)),
            'unicodeRange': inline_range,
            'sizeBytes': len(inline),
        },
    }
    MANIFEST_OUT.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')
    print(f'{FONT_OUT.relative_to(ROOT)}: {len(cps)} characters, {len(woff2)} bytes, sha256 {sha}')
    print(f'unicode-range: {unicode_range}')
    print(f'inline face in {CSS_OUT.relative_to(ROOT)}: {inline_range}, {len(inline)} bytes')


if __name__ == '__main__':
    main()
