"""``newscrawl demo``: serve the bundled sample outlet on 127.0.0.1 and crawl it (or, with
``--serve``, only serve it until Ctrl-C).

The outlet lives at ``http://127.0.0.1:8931``. When that port is busy the outlet is served on
a free one, the user is told which, and the stored URLs still say ``:8931`` (see
``demo/origin.py``): a second demo run finds every article already stored.
"""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from newscrawl.cli_commands import _database_url, cmd_crawl
from newscrawl.cli_errors import say
from newscrawl.demo.outlet import build_outlet
from newscrawl.demo.server import RunningOutlet, serve_outlet
from newscrawl.exit_codes import ExitCode

ORIGIN_PIPELINE = "newscrawl.demo.origin.DemoOriginPipeline"


def _origin(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def _say_where(outlet: RunningOutlet, port: int) -> None:
    if outlet.base_url != _origin(port):
        say(f"port {port} is busy: serving the sample outlet on {outlet.base_url}/ instead")


def cmd_demo(args: argparse.Namespace) -> int:
    if args.serve:
        return _serve(args.port)
    from newscrawl.crawl import project_settings

    db = _database_url(args)
    with serve_outlet(build_outlet(broken=False), port=args.port) as outlet:
        _say_where(outlet, args.port)
        public = _origin(args.port)
        origin: dict[str, object] = {"DEMO_SERVED_ORIGIN": outlet.base_url}
        if outlet.base_url != public:
            pipelines = dict(project_settings().getdict("ITEM_PIPELINES"))
            origin["ITEM_PIPELINES"] = {**pipelines, ORIGIN_PIPELINE: 250}  # before storage
            origin["DEMO_PUBLIC_ORIGIN"] = public
        demo_args = argparse.Namespace(
            targets=[outlet.base_url + "/"],
            db=db,
            max_articles=None,
            job_dir=None,
            log_file=None,
            verbose=False,
            debug=getattr(args, "debug", False),
            profile="fast",  # our own server on 127.0.0.1: no need to pace ourselves
            extra_settings=origin,
        )
        code = cmd_crawl(demo_args)
    if code == ExitCode.OK:
        say(f"next: newscrawl export --db {db} --format jsonl | head")
        say("or keep the outlet running to experiment against: newscrawl demo --serve")
    return code


def _serve(port: int) -> int:
    signal.signal(signal.SIGTERM, _interrupt)  # systemd/kill stop it as Ctrl-C does
    try:
        with serve_outlet(build_outlet(broken=False), port=port) as outlet:
            _say_where(outlet, port)
            say(
                f"serving the sample outlet at {outlet.base_url}/ until Ctrl-C; "
                f"try: newscrawl crawl {outlet.base_url}/ --db sqlite:///demo.db"
            )
            threading.Event().wait()
    except KeyboardInterrupt:  # the way to stop it, also while it closes the server
        say("stopped")
    return ExitCode.OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
