"""Copies of the demo outlet's stories (short texts written for this project), made the way
aggregators and spinners make them: teasers, truncations, word swaps, quotes, footers."""

from __future__ import annotations

import random

from newscrawl.demo.stories import load_stories

FOOTER = (
    "Disclaimer: the views expressed in this article are those of the author and do not "
    "necessarily reflect the editorial policy of this publication. All rights reserved. "
    "Reproduction in whole or in part without written permission is prohibited. Follow us "
    "on social media and subscribe to our newsletter for the day's top stories every morning."
)


def story(n: int) -> str:
    """The body of demo story number ``n`` (1-14), one paragraph per line."""
    return "\n".join(load_stories()[n - 1].paragraphs)


def spun(text: str, share: float, seed: int = 1) -> str:
    """``share`` of the words replaced by words of other stories."""
    rng = random.Random(seed)
    vocab = " ".join(story(n) for n in range(5, 15)).split()
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        for i in rng.sample(range(len(words)), round(len(words) * share)):
            words[i] = rng.choice(vocab)
        lines.append(" ".join(words))
    return "\n".join(lines)


def teaser(text: str, share: float, source: str = "origin.example") -> str:
    words = text.split(" ")
    return " ".join(words[: round(len(words) * share)]) + f"\nRead more on {source}"


def quoting(own: str, quoted: str) -> str:
    """``own`` with one paragraph of ``quoted`` cited in its middle."""
    lines = own.split("\n")
    paragraph = max(quoted.split("\n"), key=len)
    middle = len(lines) // 2
    return "\n".join([*lines[:middle], f"As another paper put it: “{paragraph}”", *lines[middle:]])
