"""Safe XML parsing for hostile feeds and sitemaps: no entities, no network, bounded size."""

from __future__ import annotations

import gzip
import io
import zlib

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit for an uncompressed file


class XmlTooLarge(ValueError):
    """A (decompressed) document is over ``MAX_XML_BYTES``."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )


def maybe_gunzip(body: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Decompress a gzip body (sitemap.xml.gz), refusing gzip bombs past ``limit``."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            while chunk := stream.read(1 << 16):
                out.write(chunk)
                if out.tell() > limit:
                    raise XmlTooLarge(f"decompressed body over {limit} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"broken gzip data: {exc}") from exc
    return out.getvalue()


def parse_xml(body: bytes) -> tuple[etree._Element | None, str | None]:
    """The document's root element (None when nothing is parseable) and, for a damaged
    document whose readable part was recovered, the first fatal parse error."""
    body = maybe_gunzip(body)
    if len(body) > MAX_XML_BYTES:
        raise XmlTooLarge(f"document over {MAX_XML_BYTES} bytes")
    parser = _parser()
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except etree.XMLSyntaxError:
        return None, None
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    return root, (
        f"damaged XML, recovered what was readable: {fatal[0].message}" if fatal else None
    )


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *names: str) -> str | None:
    """Text of the first descendant whose local name is one of ``names``."""
    for child in element.iter():
        if local_name(child) in names and child.text and child.text.strip():
            return str(child.text.strip())
    return None
