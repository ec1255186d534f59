"""Start the fake outlet server in its own process and talk to it (stats, reset, URL list)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from bench.proctree import process_cpu

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RunStats:
    """What the server saw during one run."""

    kinds: dict[str, int]
    requests: int
    bytes: int
    first: float
    last: float
    missing: dict[str, int]  # the most requested paths that were not found

    @property
    def articles(self) -> int:
        return self.kinds.get("article", 0)


class Outlet:
    """A running outlet server process; use as a context manager."""

    def __init__(self, mode: str, articles: int, pages: Path | None = None) -> None:
        cmd = [
            sys.executable,
            "-m",
            "bench.outlet_server",
            "--mode",
            mode,
            "--articles",
            str(articles),
        ]
        if pages is not None:
            cmd += ["--pages", str(pages)]
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.startswith("READY "):
            self.close()
            raise SystemExit(f"outlet server did not start (got {line!r})")
        self.base = line.removeprefix("READY ")

    def _get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            body: bytes = response.read()
            return body

    def reset(self) -> None:
        self._get("/__reset")

    def stats(self) -> RunStats:
        data: dict[str, Any] = json.loads(self._get("/__stats"))
        return RunStats(**data)

    def urls(self) -> list[str]:
        return self._get("/__urls").decode().splitlines()

    def cpu_seconds(self) -> float:
        """User+system CPU the server process has used so far."""
        return process_cpu(self.proc.pid)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Outlet:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
