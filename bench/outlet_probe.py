"""Measure the outlet server alone: a bare asyncio keep-alive client hammering article URLs.

``python -m bench.outlet_probe --urls FILE --seconds 3`` prints one JSON line with requests done
and seconds. Together with the server's CPU delta this says what one page costs the server.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit


async def _client(urls: Iterator[str], deadline: float, counter: list[int]) -> None:
    first = urlsplit(next(urls))
    reader, writer = await asyncio.open_connection(first.hostname, first.port)
    while time.perf_counter() < deadline:
        path = urlsplit(next(urls)).path
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {first.netloc}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        counter[0] += 1
    writer.close()
    await writer.wait_closed()


async def probe(urls: list[str], seconds: float, connections: int) -> dict[str, float]:
    cycle = itertools.cycle(urls)
    counter = [0]
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_client(cycle, deadline, counter) for _ in range(connections)))
    return {"requests": counter[0], "seconds": time.perf_counter() - start}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--urls", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    result = asyncio.run(probe(args.urls.read_text().split(), args.seconds, args.connections))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
