"""Bytes to text, once, in an order that trusts the bytes over labels that contradict them.

1. A byte-order mark decides.
2. Pure ASCII is compatible with any label: the declaration (HTTP header, then ``<meta>``) is
   followed, as a browser would (7-bit encodings such as ISO-2022-JP live there).
3. Bytes that are valid UTF-8 (with non-ASCII in them) are UTF-8, whatever the labels say: a
   real Latin-1, cp1252 or GB2312 text is practically never valid UTF-8 by accident.
4. A page labelled UTF-8 (or unlabelled but mostly UTF-8) with a few stray bytes is UTF-8 with
   those bytes read as cp1252, instead of replacement characters.
5. Another declared charset is followed.
6. Undeclared bytes go to charset-normalizer, and its guess is checked (:mod:`charset_check`).

Control characters (C0 except tab, newline and carriage return, DEL, U+FFFE/U+FFFF, lone
surrogates) are removed from the text: lxml rejects them and trafilatura raised on them.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

from newscrawl.extraction.charset_check import detect_charset

# Bytes that never appear in real HTML text; a body full of them is a binary file.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_BINARY_SIGNATURES = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACING_CONTROLS = re.compile("[\x0b\x0c]")  # vertical tab, form feed: they separate words
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_FALLBACK = "newscrawl-cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode-error handler: the offending bytes read as cp1252 (a mixed UTF-8/cp1252 page)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


def looks_binary(body: bytes) -> bool:
    """True for images, PDFs, archives and other non-text bodies, whatever their Content-Type."""
    head = body[:4096]
    if head.startswith(_BINARY_SIGNATURES):
        return True
    if not head:
        return False
    controls = sum(head.count(c) for c in _CONTROL)
    return controls / len(head) > 0.05


def without_controls(text: str) -> str:
    """``text`` without the control characters that break parsers (see the module doc)."""
    return _CONTROL_CHARS.sub("", _SPACING_CONTROLS.sub(" ", text))


def decode_html(body: bytes, content_type_encoding: str | None = None) -> str:
    """Decode an HTML body; ``content_type_encoding`` is the charset of the HTTP header."""
    return without_controls(_decode(body, content_type_encoding))


def _decode(body: bytes, header: str | None) -> str:
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        return body[len(bom) :].decode(bom_encoding, errors="replace")
    declared = [
        resolved
        for label in (header, html_body_declared_encoding(body))
        if label and (resolved := resolve_encoding(label))
    ]
    if body.isascii():
        usable = [name for name in declared if _ascii_compatible(name)]
        return body.decode(usable[0] if usable else "ascii", errors="replace")
    if _is_utf8(body):
        return body.decode("utf-8")
    others = [name for name in declared if not _is_utf8_label(name)]
    if others:
        return body.decode(others[0], errors="replace")
    if declared or _mostly_utf8(body):
        return body.decode("utf-8", errors=_FALLBACK)
    return body.decode(detect_charset(body), errors="replace")


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _ascii_compatible(name: str) -> bool:
    """Whether ``name`` reads ASCII markup as ASCII (not UTF-16/32, which a label can't switch)."""
    return b"<html>".decode(name, errors="replace") == "<html>"


def _is_utf8_label(name: str) -> bool:
    return codecs.lookup(name).name == "utf-8"


def _mostly_utf8(body: bytes) -> bool:
    """Most high bytes belong to valid UTF-8 sequences (a UTF-8 page with a few stray bytes)."""
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(body))
    return in_sequences >= 0.8 * len(_HIGH_BYTE.findall(body))
