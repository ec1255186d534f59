"""Reading one page for ``newscrawl extract``: a local file, or a URL fetched once."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from urllib.error import URLError

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20


class FetchError(Exception):
    """The source could not be read."""


def read_source(source: str, url: str | None = None) -> tuple[bytes, str | None]:
    """The bytes of a file or URL and the URL the page lives at (if known)."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "newscrawl/0.1"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read(MAX_BYTES), response.geturl()
        except (URLError, OSError, ValueError) as exc:
            raise FetchError(f"{source}: {exc}") from exc
    path = Path(source)
    try:
        data = path.read_bytes()[:MAX_BYTES]
    except OSError as exc:
        raise FetchError(f"{source}: {exc.strerror or exc}") from exc
    if path.suffix == ".gz":
        import gzip

        data = gzip.decompress(data)
    return data, url
