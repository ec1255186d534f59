"""The charset of a page that declares none: charset-normalizer's guess, checked on the text.

Statistical detectors often pick a close single-byte codepage (cp1257, cp1250, cp775, ...) for a
Western page with few accented letters, where "Tomás" then reads "Tomįs"; and they pick cp1252
for Polish. The language of the decoded text decides between the candidates: a page whose text
reads as a language written in Windows-1252 (English, Spanish, German, ...) is cp1252; otherwise
the detector's best candidate made for that language wins (cp1250 for Polish, cp1257 for
Lithuanian), and its own first guess when none is.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newscrawl.extraction.language import identify_language

DETECT_BYTES = 64 * 1024  # enough text for a confident guess, bounded work on huge pages
DEFAULT = "cp1252"
_MAX_CANDIDATES = 12
# Languages written in Windows-1252 / Latin-1 (ISO 639-1).
_WESTERN_CODES = "af br ca co cy da de en es eu fi fo fr fy ga gd gl id is it la lb ms nl nn no oc"
_WESTERN = frozenset(_WESTERN_CODES.split()) | {"pt", "sq", "sv", "sw", "tl", "wa"}
# Legacy single-byte codepages and the languages they were made for.
_NATIVE = {
    ("cp1250", "iso8859_2", "mac_latin2", "cp852"): "bs cs hr hu pl ro sk sl sr",
    ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic"): "be bg kk mk ru sr uk",
    ("cp1253", "iso8859_7"): "el",
    ("cp1254", "iso8859_9"): "az tr",
    ("cp1255", "iso8859_8"): "he",
    ("cp1256", "iso8859_6"): "ar fa ur",
    ("cp1257", "iso8859_13", "iso8859_4", "cp775"): "et lt lv",
    ("cp874", "tis_620", "iso8859_11"): "th",
    ("cp1258",): "vi",
}
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;", re.S | re.I)


def detect_charset(body: bytes) -> str:
    """A Python codec name for undeclared, non-UTF-8 ``body``."""
    sample = body[:DETECT_BYTES]
    candidates = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    if not candidates:
        return DEFAULT
    best = candidates[0]
    if not _single_byte(best):
        return best
    language = identify_language(_MARKUP.sub(" ", sample.decode(best, errors="replace")))
    if language in _WESTERN:
        return DEFAULT
    for name in [best, *candidates[1:_MAX_CANDIDATES]]:
        if language in _native_languages(name):
            return name
    return best


def _native_languages(name: str) -> set[str]:
    canonical = codecs.lookup(name).name.replace("-", "_")
    for names, languages in _NATIVE.items():
        if canonical in names:
            return set(languages.split())
    return set()


def _single_byte(name: str) -> bool:
    return len(bytes(range(128, 256)).decode(name, errors="replace")) == 128
