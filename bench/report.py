"""The throughput table, the ratios and the PASS/FAIL lines."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from bench.rounds import Sample

LABELS = {
    "a": "(a) fetch only (Scrapy)",
    "b1": "(b) extract, 1 process",
    "ball": "(b) extract, all cores",
    "c": "(c) naive inline pipeline",
    "d": "(d) newscrawl crawl",
}
TARGETS = (("d / min(a, b-all)", 0.85), ("d / c", 1.6))


def medians(samples: Sequence[Sample]) -> dict[str, float]:
    ok = [s for s in samples if s.error is None and s.pages]
    if not ok:
        return {}
    return {
        "rate": median(s.rate for s in ok),
        "cpu": median(s.cpu_ms_per_page for s in ok),
        "rss": max(s.peak_rss for s in ok) / 2**20,
        "pss": max(s.peak_pss for s in ok) / 2**20,
        "server": median(1000 * s.server_cpu / s.pages for s in ok),
        "others": median(s.others for s in ok),
        "main": median(1000 * (s.main_cpu or 0.0) / s.pages for s in ok),
    }


def _row(label: str, samples: Sequence[Sample]) -> str:
    m = medians(samples)
    if not m:
        reason = samples[0].error.splitlines()[-1] if samples and samples[0].error else "not run"
        return f"{label:<28} {'skipped: ' + reason[:70]}"
    last = samples[-1]
    counts = f"{last.pages}"
    if last.stored is not None:
        counts += f"/{last.stored}"
    if last.requests is not None:
        counts += f"/{last.requests}"
    rounds = " ".join(f"{s.rate:.0f}" for s in samples if s.error is None)
    main = f"{m['main']:.2f}" if last.main_cpu is not None else "-"
    return (
        f"{label:<28} {m['rate']:>8.1f} {m['cpu']:>9.2f} {main:>7} "
        f"{m['rss']:>7.0f} {m['pss']:>7.0f} "
        f"{m['server']:>7.2f} {m['others']:>6.2f}  {counts:<16} {rounds}"
    )


def table(results: dict[str, list[Sample]]) -> str:
    head = (
        f"{'mode':<28} {'pages/s':>8} {'CPU ms/p':>9} {'main':>7} {'RSS MB':>7} {'PSS MB':>7} "
        f"{'srv ms':>7} {'others':>6}  "
        f"{'pages/stored/req':<16} per-round pages/s"
    )
    lines = [head, "-" * len(head)]
    lines += [_row(LABELS[key], results.get(key, [])) for key in LABELS]
    return "\n".join(lines)


def _per_round(results: dict[str, list[Sample]], name: str) -> list[float]:
    """``name``'s ratio in each round, from that round's own samples (modes run back to back)."""
    rounds = max((len(v) for v in results.values()), default=0)
    found = []
    for i in range(rounds):
        rate = {
            key: s.rate
            for key, samples in results.items()
            if i < len(samples) and (s := samples[i]).error is None and s.pages
        }
        if "d" not in rate:
            continue
        if name == "d / c" and "c" in rate:
            found.append(rate["d"] / rate["c"])
        elif name != "d / c" and "a" in rate and "ball" in rate:
            found.append(rate["d"] / min(rate["a"], rate["ball"]))
    return found


def verdicts(results: dict[str, list[Sample]]) -> list[str]:
    """Each target judged twice: on the modes' medians, and on the median of per-round ratios.

    The second is the steadier: this machine's speed drifts by 20 % within minutes, and the
    modes of one round run back to back.
    """
    rate = {key: medians(results.get(key, [])).get("rate") for key in LABELS}
    a, ball, c, d = rate["a"], rate["ball"], rate["c"], rate["d"]
    if d is None:
        return ["targets: not evaluated, (d) did not run"]
    ratios = {}
    if a is not None and ball is not None:
        ratios["d / min(a, b-all)"] = d / min(a, ball)
    if c is not None:
        ratios["d / c"] = d / c
    lines = []
    for name, target in TARGETS:
        if name not in ratios:
            continue
        lines.append(_verdict(f"{name}  (medians)", ratios[name], target))
        per_round = _per_round(results, name)
        if per_round:
            label = f"{name}  (per round: {' '.join(f'{r:.2f}' for r in per_round)}; median)"
            lines.append(_verdict(label, median(per_round), target))
    return lines


def _verdict(label: str, value: float, target: float) -> str:
    verdict = "PASS" if value >= target else "FAIL"
    return f"{label:<58} = {value:5.2f}   target >= {target:<4}  {verdict}"


NOTES = """\
pages/s: median over rounds of article pages / seconds; crawls are timed from their first
  request to process exit (interpreter start-up excluded, tail work included); (b) times
  only extraction. CPU ms/p: user+sys of the whole process tree per page (median); main:
  the part spent in the top process itself (the Scrapy/reactor process, without workers).
RSS MB / PSS MB: peak summed RSS / PSS of the process tree (max over rounds; PSS counts pages
  that forked workers share once).
srv ms: CPU the outlet server process spent per page. It shares the machine's cores with what
  is measured, as it does equally for (a), (c) and (d); (b) does not use it.
others: cores busy with processes outside the benchmark during the round (median); well above
  0 means someone else's load skewed that mode.
pages/stored/req: last round's article pages fetched or extracted / articles in the DB
  (extracted non-empty for (b)) / all requests the outlet served."""
