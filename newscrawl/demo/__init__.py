"""A fake news outlet ("The Harbour Herald") served on loopback, for tests and ``newscrawl demo``.

No Scrapy here: the outlet is plain data (``build_outlet``) and a tiny threaded HTTP server
(``serve_outlet``).
"""

from newscrawl.demo.model import ExpectedArticle, Outlet, Resource
from newscrawl.demo.outlet import build_outlet
from newscrawl.demo.server import RunningOutlet, serve_outlet

__all__ = [
    "ExpectedArticle",
    "Outlet",
    "Resource",
    "RunningOutlet",
    "build_outlet",
    "serve_outlet",
]
