"""Turn raw bytes into clean text the NLP stage can trust.

Two jobs: decode bytes whatever their encoding (and refuse what is not text),
and normalise the odd characters real articles carry (HTML entities, smart
quotes, fullwidth digits, unicode minus signs, zero-width characters) so that
"&apos;" or "\uff15\uff05" never reaches the claim parser. Paragraph breaks and
table rows survive line by line; column alignment inside a line is kept.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

import charset_normalizer

from tapecheck.errors import BinaryInput, EmptyInput

# Magic numbers of formats people save with the wrong extension.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None if it may be text."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def decode(data: bytes, declared: str | None = None, name: str = "input") -> str:
    """Decode bytes to str: BOM, then valid UTF-8, then a declared/meta
    charset, then UTF-8 with stray Windows-1252 bytes repaired (the usual
    "mixed encoding"), then charset detection. Raises BinaryInput for
    anything that is not text."""
    if not data.strip():
        raise EmptyInput(f"{name} is empty: there is no text to check.")
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(f"{name} looks like {kind}, not text: give the file its real extension or export it as text.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _refuse_control_heavy(data[len(bom):].decode(encoding, errors="replace"), name)
    if b"\x00" in data[:65536]:
        raise BinaryInput(f"{name} contains NUL bytes: it is a binary file, not text.")
    try:  # valid UTF-8 is UTF-8, whatever a server or <meta> claims ("iso-8859-1" often lies)
        return _refuse_control_heavy(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    for candidate in (declared, _meta_charset(data)):
        text = _try_decode(data, candidate)
        if text is not None:
            return _refuse_control_heavy(text, name)
    if _mostly_utf8(data):
        return _refuse_control_heavy(data.decode("utf-8", errors="tapecheck-cp1252"), name)
    return _refuse_control_heavy(_detected(data, name), name)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return None
    # A page that declares latin-1/ascii almost always means Windows-1252.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        codec = "cp1252"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> bool:
    """True for a UTF-8 file with a few pasted Windows-1252 bytes (isolated bad
    bytes amid valid UTF-8), rather than a file in another encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    good = sum(1 for ch in text if ord(ch) > 127 and not "\udc80" <= ch <= "\udcff")
    runs = [len(run) for run in _BAD_RUN.findall(text)]
    return good > 0 and (good >= sum(runs) or max(runs) <= 2)


_BAD_RUN = re.compile("[\udc80-\udcff]+")
# When several encodings read the bytes equally well, the one more common in
# market news wins (a short Windows-1252 text is also valid cp852 or mac_roman).
_PREFERRED = (
    "utf_8", "cp1252", "cp932", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "gb2312", "big5",
    "cp949", "euc_kr", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253", "cp1254", "iso8859_15",
)


def _detected(data: bytes, name: str) -> str:
    mostly_ascii = sum(1 for byte in data[:65536] if byte < 128) >= 0.9 * min(len(data), 65536)
    if mostly_ascii:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise BinaryInput(f"{name} is not text in any encoding tapecheck recognises.")
    least_chaos = min(match.chaos for match in matches)
    close = [match for match in matches if match.chaos <= least_chaos + 0.05]
    rank = {encoding: position for position, encoding in enumerate(_PREFERRED)}
    best = min(close, key=lambda match: (rank.get(match.encoding, len(rank)), match.chaos))
    return str(best)


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as Windows-1252."""
    chunk = error.object[error.start:error.end]
    return chunk.decode("cp1252", errors="replace").replace("\ufffd", ""), error.end


codecs.register_error("tapecheck-cp1252", _cp1252_fallback)


def _refuse_control_heavy(text: str, name: str) -> str:
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.01:
        raise BinaryInput(f"{name} holds binary data (control characters), not text.")
    return text


# --- normalisation -----------------------------------------------------------

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})
# Always a minus sign or a plain hyphen ("year\u2010to\u2010date" is "year-to-date").
_MINUS = str.maketrans({"\u2212": "-", "\u2796": "-", "\ufe63": "-", "\uff0d": "-", "\u2010": "-", "\u2011": "-"})
# Dashes that mean minus when glued to a number: "\u20133.2%", "\u20142%".
_DASH_BEFORE_NUMBER = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2e3a\u2e3b](?=\.?[0-9])")
_LINE_BREAKS = re.compile(r"\r\n?|[\u0085\u2028\u000b]")
_PARAGRAPH_BREAKS = re.compile(r"[\u2029\u000c]")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def _unescape_entities(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


_SUSPECT = re.compile(r"[^\t\n\x20-\x7e]+")  # all that is not plain printable ASCII
_INVISIBLE = frozenset(("Cf", "Cc", "Cs", "Co", "Cn"))


def _drop_invisible(text: str) -> str:
    """Zero-width, bidi, soft hyphen and other format/control characters go;
    tabs and newlines stay. Only non-ASCII runs are looked at, character by
    character, which keeps a 100,000-word English article fast."""
    return _SUSPECT.sub(
        lambda run: "".join(ch for ch in run.group() if unicodedata.category(ch) not in _INVISIBLE), text
    )


def normalise(text: str) -> str:
    """Clean text for the NLP stage; idempotent, never raises on str input.

    Entities are decoded (also double-escaped ones), then NFKC folds fullwidth
    digits, percent signs and compatibility spaces; quotes and minus signs
    become ASCII; line endings become "\\n"; runs of blank lines collapse to
    one paragraph break; trailing spaces go. Spacing inside a line is kept
    because plain-text tables align columns with it.
    """
    for _ in range(8):  # entities may be escaped more than once, or hidden by invisibles
        folded = unicodedata.normalize("NFKC", _unescape_entities(text))
        folded = _drop_invisible(_PARAGRAPH_BREAKS.sub("\n\n", _LINE_BREAKS.sub("\n", folded)))
        if folded == text:
            break
        text = folded
    text = _SPACES.sub(" ", text)
    text = text.translate(_QUOTES).translate(_MINUS)
    text = _DASH_BEFORE_NUMBER.sub("-", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text)
    # Dropping invisible characters can leave combinable sequences behind.
    return unicodedata.normalize("NFKC", text).strip("\n").rstrip()


def first_line(text: str, limit: int = 200) -> str | None:
    """A title fallback: the first non-empty line, cut at a word boundary."""
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "..."
    return None
