"""A tiny HTTP client for the outlet tests (urllib, errors as statuses)."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, *, method: str = "GET", timeout: float = 2.0) -> Fetched:
    """A plain urllib request that returns error statuses instead of raising."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Fetched(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Fetched(error.code, dict(error.headers), error.read())
