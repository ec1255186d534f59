"""The article's language, identified on its text by py3langid (model shipped in the package).

``<html lang>`` and ``og:locale`` are hints only: they decide when the text is too short to
say, and break near-ties between close languages (Bosnian/Croatian/Serbian, Malay/Indonesian,
Danish/Norwegian). Codes are ISO 639-1 (``en``, ``de``, ``zh``).
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SLICE_CHARS = 1600  # identify on a bounded slice: plenty for any language, cheap on long texts
MIN_CHARS = 40  # below this much text the identifier guesses; the page's declaration decides
_SHORT_CHARS = 300  # short texts: a declared language with a fair share of the vote wins
_TIE_SHARE = 0.35  # a declared language this close to the winner's probability wins the tie
_SHORT_SHARE = 0.05

# Labels of the model that are not ISO 639-1, folded into the macrolanguage that has a code.
_FOLD = {
    "arz": "ar",
    "ary": "ar",
    "yue": "zh",
    "wuu": "zh",
    "uzs": "uz",
    "hbo": "he",
    "grc": "el",
    "gug": "gn",
    "sdh": "ku",
    "ltg": "lv",
    "pcm": "en",  # Nigerian Pidgin: news in it is rare, English news is often scored as it
}


@cache
def _identifier() -> LanguageIdentifier:
    """The model, loaded once per process (~0.6 s; the worker warm-up pays it)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_code(value: str | None) -> str | None:
    """ISO 639-1 primary subtag of a declared language (``en-US``, ``pt_BR``) or None."""
    primary = (value or "").strip().replace("_", "-").split("-")[0].lower()
    primary = _FOLD.get(primary, primary)
    return primary if len(primary) == 2 and primary.isalpha() else None


def language_scores(text: str) -> dict[str, float]:
    """Probability per ISO 639-1 code for ``text`` (a bounded slice of it), best first."""
    folded: dict[str, float] = {}
    for label, probability in _identifier().rank(_slice(text)):
        code = language_code(label)
        if code is not None:
            folded[code] = folded.get(code, 0.0) + probability
    return dict(sorted(folded.items(), key=lambda item: item[1], reverse=True))


def _slice(text: str) -> str:
    """The start of the text and a piece of its middle: bounded work, robust to a odd lede."""
    text = " ".join(text.split())
    if len(text) <= SLICE_CHARS:
        return text
    half = SLICE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + " " + text[middle : middle + half]


def identify_language(text: str, hint: str | None = None) -> str | None:
    """The language of ``text``; ``hint`` (a declared language) decides ties and short texts."""
    declared = language_code(hint)
    if len(text.strip()) < MIN_CHARS:
        return declared
    scores = language_scores(text)
    if not scores:
        return declared
    best, top = next(iter(scores.items()))
    if declared is None or declared == best:
        return best
    share = _SHORT_SHARE if len(text) < _SHORT_CHARS else _TIE_SHARE
    return declared if scores.get(declared, 0.0) >= share * top else best
