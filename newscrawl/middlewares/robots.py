"""robots.txt obeyed by every request, including those that wait for it to download.

Scrapy's ``RobotsTxtMiddleware`` (2.19) parks the requests that arrive while a site's
robots.txt is downloading on one Deferred, each awaiting it through ``asFuture``. A
Deferred hands its result down one callback chain, and ``asFuture``'s callback returns
None, so only the first waiter gets the parser: every other one gets None, which means
"no robots.txt", and its request goes out even when robots.txt disallows it. Here each
waiter observes the Deferred without consuming its result.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


def observed(source: Deferred[Any]) -> Deferred[Any]:
    """A Deferred that fires with ``source``'s result, leaving it to ``source``'s chain."""
    copy: Deferred[Any] = Deferred()

    def passed_on(result: Any) -> Any:
        copy.callback(result)
        return result

    source.addCallback(passed_on)
    return copy


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware; every waiter gets the parsed robots.txt."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        # ``_parsers`` is Scrapy's private map of netloc -> parser, or the Deferred of one
        # being downloaded; tests/safety/test_robots.py fails loudly if that changes.
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            parser: RobotParser | None = await maybe_deferred_to_future(observed(pending))
            return parser
        return await super().robot_parser(request)
