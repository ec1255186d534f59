"""CPU and RSS of a process tree, read from /proc (Linux; no psutil needed).

``TreeSampler`` polls a root process and all its live descendants in a thread and keeps the
series ``(time, cpu seconds, rss bytes, pss bytes)``. CPU of a live process includes the
children it has already reaped (cutime/cstime), so the sum over the live tree never double
counts. RSS summed over a tree counts pages that forked workers share once per process; PSS
splits shared pages between their users, so summed PSS is the tree's real footprint.

Processes that outlive their parent (a multiprocessing forkserver and its workers, say) are
re-parented to init and their CPU escapes RUSAGE_CHILDREN; ``become_subreaper()`` makes this
process adopt them instead and ``reap_orphans()`` collects them after a run.
"""

from __future__ import annotations

import ctypes
import os
import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rfind(")") + 2 :].split()  # fields from #3 (state) on; comm may hold spaces


def process_cpu(pid: int, with_children: bool = False) -> float:
    """User+system CPU seconds of ``pid`` (plus its reaped children's if asked); 0 if gone."""
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if with_children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / _TICK


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_pids(root: int) -> list[int]:
    """``root`` and every live descendant."""
    children = _children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_usage(root: int) -> tuple[float, int, int]:
    """(CPU seconds incl. reaped children, summed RSS, summed PSS) of the live tree."""
    cpu, rss, pss = 0.0, 0, 0
    for pid in tree_pids(root):
        fields = _stat_fields(pid)
        if fields is not None:
            cpu += sum(int(x) for x in fields[11:15]) / _TICK
            rss += int(fields[21]) * _PAGE
            pss += _pss(pid)
    return cpu, rss, pss


def system_busy() -> float:
    """CPU seconds all cores of the machine have spent busy (not idle or iowait) since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / _TICK  # user..steal minus idle, iowait


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux PR_SET_CHILD_SUBREAPER) so their CPU is counted."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, 1, 0, 0, 0) != 0:  # 36 = PR_SET_CHILD_SUBREAPER
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def reap_orphans(keep: set[int], timeout: float = 30.0) -> list[int]:
    """Wait for adopted children (other than ``keep``) to exit and reap them; those left."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in _children_map().get(os.getpid(), []) if p not in keep]
        for pid in list(left):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    left.remove(pid)
            except ChildProcessError:
                left.remove(pid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def children_cpu() -> float:
    """User+system CPU of all reaped children of this process (RUSAGE_CHILDREN)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class TreeSampler:
    """Sample a process tree every ``interval`` seconds until ``stop()``."""

    root: int
    interval: float = 0.2
    samples: list[tuple[float, float, int, int, float]] = field(default_factory=list)
    # (time, tree CPU, tree RSS, tree PSS, the root process's own CPU)

    def __post_init__(self) -> None:
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            cpu, rss, pss = tree_usage(self.root)
            if rss:
                self.samples.append((time.time(), cpu, rss, pss, process_cpu(self.root)))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    @property
    def peak_rss(self) -> int:
        return max((s[2] for s in self.samples), default=0)

    @property
    def peak_pss(self) -> int:
        return max((s[3] for s in self.samples), default=0)

    def cpu_before(self, when: float) -> float:
        """Tree CPU at the last sample taken before ``when`` (0 when none was)."""
        return max((s[1] for s in self.samples if s[0] <= when), default=0.0)

    def root_cpu_since(self, when: float) -> float:
        """CPU the root process alone used from ``when`` to its last sample."""
        before = max((s[4] for s in self.samples if s[0] <= when), default=0.0)
        return max((s[4] for s in self.samples), default=0.0) - before
