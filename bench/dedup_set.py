"""A labelled near-duplicate test set, generated at bench time from the dev corpora.

Nothing of the corpora is copied into the repository: the set is rebuilt from
``shared/datasets`` (the gold article bodies) with a fixed random seed.

Each *original* gets a cluster of copies, each on another "site" whose page template leaves
its own boilerplate (a footer shared by every article of that site) in the text:

* ``verbatim``: the same text in another template;
* ``teaser``: the first 30-60 % of the words, then "Read more on ...";
* ``spin10`` / ``spin30``: 10 % / 30 % of the words replaced by other words;
* ``intro``: an added intro paragraph and the last 15-35 % of the text dropped.

Negatives: unrelated articles (standalone), same-topic articles (the seeds 002-004 and the
demo outlet's two Taliban stories), articles that quote one paragraph of an original, and
pairs of unrelated articles sharing a site's long disclaimer.
"""

from __future__ import annotations

import glob
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
SEEDS = REPO.parent / "shared" / "seeds"
DEMO_PAGES = REPO / "newscrawl" / "demo" / "pages"

# Synthetic site boilerplate (short texts written for this bench).
FOOTERS = {
    "copy-a": "Share this article on Facebook, Twitter and LinkedIn. Subscribe to our "
    "newsletter to get the day's top stories delivered to your inbox every morning.",
    "copy-b": "Disclaimer: the views expressed in this article are those of the author and do "
    "not necessarily reflect the editorial policy of this publication. All rights reserved. "
    "Reproduction in whole or in part without written permission is prohibited.",
    "copy-c": "Follow us on social media for breaking news and analysis. Our reporters work "
    "around the clock to bring you independent journalism. Support us with a donation today.",
    "quote": "Comments are moderated. Please keep the discussion civil and on topic.",
    "boiler": "About the author: our correspondent has covered regional politics, business and "
    "culture for more than a decade and previously worked for several international news "
    "agencies. Corrections and clarifications can be sent to the editors at any time through "
    "the contact form on this website; we review every request within two working days and "
    "publish corrections at the foot of the affected article. This material may not be "
    "published, broadcast, rewritten or redistributed without permission.",
}


@dataclass(frozen=True)
class Doc:
    doc_id: str
    text: str
    cluster: str  # documents with one cluster id are copies of each other
    kind: str  # original, verbatim, teaser, spin10, spin30, intro, unrelated, quote, ...
    site: str = "origin"  # the site (page template) it is published on


def load_bodies(min_words: int = 150) -> list[str]:
    """Distinct gold bodies of the dev corpora, long enough to be articles, in a fixed order."""
    paths = sorted(
        glob.glob(str(DATASETS / "extraction-corpora" / "*" / "dev" / "ground-truth.json"))
    )
    paths.append(str(DATASETS / "article-bench-dev" / "ground-truth.json"))
    bodies: dict[str, str] = {}
    for path in paths:
        truth = json.loads(Path(path).read_text(encoding="utf-8"))
        for key in sorted(truth):
            text = truth[key].get("articleBody") or ""
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if len(text.split()) >= min_words and len(lines) >= 3:
                digest = hashlib.sha1(" ".join(text.split()).encode()).hexdigest()
                bodies.setdefault(digest, "\n".join(lines))
    return _without_shared_lines(list(bodies.values()))


def _without_shared_lines(bodies: list[str], min_words: int = 6) -> list[str]:
    """Drop bodies sharing a line with another body: the gold texts of some corpora keep a
    site's chrome ("Around the League" blurbs), and two crawls of one page differ slightly.
    Such pairs are neither clean negatives nor labelled copies."""
    seen: dict[str, int] = {}
    for i, body in enumerate(bodies):
        for line in {ln for ln in body.split("\n") if len(ln.split()) >= min_words}:
            seen[line] = -1 if line in seen and seen[line] != i else i
    shared = {line for line, owner in seen.items() if owner == -1}
    return [b for b in bodies if not shared.intersection(b.split("\n"))]


def spin(text: str, share: float, vocab: list[str], rng: random.Random) -> str:
    """Replace ``share`` of the words (chosen at random) by random words of ``vocab``."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        picks = rng.sample(range(len(words)), round(len(words) * share))
        for i in picks:
            words[i] = rng.choice(vocab)
        lines.append(" ".join(words))
    return "\n".join(lines)


def head_words(text: str, share: float) -> str:
    """The first ``share`` of the words, keeping line breaks."""
    budget = max(1, round(len(text.split()) * share))
    out: list[str] = []
    for line in text.split("\n"):
        words = line.split()
        if budget <= 0:
            break
        out.append(" ".join(words[:budget]))
        budget -= len(words)
    return "\n".join(out)


def with_footer(text: str, site: str) -> str:
    return f"{text}\n{FOOTERS[site]}"


def build(n_originals: int = 200, seed: int = 13) -> list[Doc]:
    """The labelled set: clusters of copies plus every kind of negative."""
    rng = random.Random(seed)
    bodies = load_bodies()
    rng.shuffle(bodies)
    vocab = [w for body in bodies[:200] for w in body.split()]
    originals, others = bodies[:n_originals], bodies[n_originals:]
    docs: list[Doc] = []
    for i, text in enumerate(originals):
        docs.extend(_cluster(f"c{i}", text, others[i % len(others)], vocab, rng))
    quoted_from = rng.sample(range(n_originals), min(n_originals // 2, len(others) // 2))
    pool = others[n_originals // 2 :]
    for j, i in enumerate(quoted_from):
        docs.append(_quote(f"q{j}", pool[j], originals[i], rng))
    rest = pool[len(quoted_from) :]
    for j, text in enumerate(rest[: n_originals // 2]):
        docs.append(Doc(f"u{j}", text, f"u{j}", "unrelated"))
    for j, text in enumerate(rest[n_originals // 2 : n_originals]):
        docs.append(Doc(f"b{j}", with_footer(text, "boiler"), f"b{j}", "boilerplate", "boiler"))
    docs.extend(same_topic_docs())
    return docs


def _cluster(
    cid: str, text: str, intro_source: str, vocab: list[str], rng: random.Random
) -> list[Doc]:
    intro = " ".join(intro_source.split()[:40])
    lines = text.split("\n")
    keep = max(1, round(len(lines) * rng.uniform(0.65, 0.85)))
    return [
        Doc(f"{cid}-original", text, cid, "original"),
        Doc(f"{cid}-verbatim", with_footer(text, "copy-a"), cid, "verbatim", "copy-a"),
        Doc(
            f"{cid}-teaser",
            with_footer(
                head_words(text, rng.uniform(0.3, 0.6)) + "\nRead more on origin.example", "copy-b"
            ),
            cid,
            "teaser",
            "copy-b",
        ),
        Doc(
            f"{cid}-spin10",
            with_footer(spin(text, 0.1, vocab, rng), "copy-c"),
            cid,
            "spin10",
            "copy-c",
        ),
        Doc(
            f"{cid}-spin30",
            with_footer(spin(text, 0.3, vocab, rng), "copy-a"),
            cid,
            "spin30",
            "copy-a",
        ),
        Doc(
            f"{cid}-intro",
            with_footer(intro + "\n" + "\n".join(lines[:keep]), "copy-b"),
            cid,
            "intro",
            "copy-b",
        ),
    ]


def _quote(qid: str, own: str, original: str, rng: random.Random) -> Doc:
    """An article of its own that quotes one paragraph of ``original``."""
    paragraphs = [p for p in original.split("\n") if len(p.split()) >= 25] or original.split("\n")
    quoted = rng.choice(paragraphs)
    lines = own.split("\n")
    at = rng.randrange(1, len(lines))
    body = [*lines[:at], f"As another outlet reported: “{quoted}”", *lines[at:]]
    return Doc(qid, with_footer("\n".join(body), "quote"), qid, "quote", "quote")


def same_topic_docs() -> list[Doc]:
    """Seeds 000/001 (one story) and 002-004, and the demo outlet's two Taliban stories."""
    seeds = sorted(SEEDS.glob("0*.txt"))
    docs = [
        Doc(f"seed{p.name[:3]}", p.read_text(encoding="utf-8"), "", "seed", p.name[:3])
        for p in seeds
    ]
    docs = [
        Doc(
            d.doc_id,
            d.text,
            "seed-asiatimes" if d.doc_id in ("seed000", "seed001") else d.doc_id,
            "seed",
            d.site,
        )
        for d in docs
    ]
    for path in sorted(DEMO_PAGES.glob("0[12]-*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        docs.append(Doc(f"demo-{path.stem}", body, f"demo-{path.stem}", "same-topic", "demo"))
    return docs


def scale_docs(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct synthetic articles (60 % of a corpus body's words replaced), for
    throughput and memory at 10k/100k: same vocabulary and lengths as real news."""
    rng = random.Random(seed)
    bodies = load_bodies()
    vocab = [w for body in bodies[:300] for w in body.split()]
    return [spin(bodies[i % len(bodies)], 0.6, vocab, rng) for i in range(count)]
