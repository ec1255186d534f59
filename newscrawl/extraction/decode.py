"""Bytes to text, once: charset from BOM, HTTP header, <meta>, then detection."""

from __future__ import annotations

import charset_normalizer
from w3lib.encoding import html_to_unicode

_DETECT_BYTES = 64 * 1024  # enough text for a confident guess, bounded work on huge pages

# Bytes that never appear in real HTML text; a body full of them is a binary file.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_BINARY_SIGNATURES = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


def looks_binary(body: bytes) -> bool:
    """True for images, PDFs, archives and other non-text bodies, whatever their Content-Type."""
    head = body[:4096]
    if head.startswith(_BINARY_SIGNATURES):
        return True
    if not head:
        return False
    controls = sum(head.count(c) for c in _CONTROL)
    return controls / len(head) > 0.05


# Labels servers send by default, often for pages that are really UTF-8.
_DEFAULT_LATIN_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin-1",
        "latin1",
        "l1",
        "cp1252",
        "windows-1252",
        "ascii",
        "us-ascii",
    }
)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(body: bytes, content_type_encoding: str | None = None) -> str:
    """Decode an HTML body with the encoding it declares, falling back to detection.

    A Latin-1/Windows-1252 label on a body that is valid UTF-8 (with non-ASCII bytes) is a
    server default, not the truth: such bodies decode as UTF-8.
    """
    if (
        content_type_encoding
        and content_type_encoding.strip().lower() in _DEFAULT_LATIN_LABELS
        and _is_utf8(body)
    ):
        content_type_encoding = "utf-8"
    content_type = f"text/html; charset={content_type_encoding}" if content_type_encoding else None
    _, text = html_to_unicode(content_type, body, auto_detect_fun=_detect_undeclared)
    return text


def _detect_undeclared(body: bytes) -> str:
    """Encoding of a page that declares none: UTF-8 when valid, else a statistical guess."""
    if _is_utf8(body):
        return "utf-8"
    guess = charset_normalizer.from_bytes(body[:_DETECT_BYTES]).best()
    return guess.encoding if guess is not None else "cp1252"
