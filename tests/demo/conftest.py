"""Fixtures for the fake outlet's own tests: one served outlet per module (cheap to build)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newscrawl.demo import Outlet, RunningOutlet, build_outlet, serve_outlet


@pytest.fixture(scope="module")
def outlet() -> Outlet:
    return build_outlet()


@pytest.fixture(scope="module")
def served(outlet: Outlet) -> Iterator[RunningOutlet]:
    with serve_outlet(outlet) as running:
        yield running
