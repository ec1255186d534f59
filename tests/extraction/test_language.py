"""Language: identified on the article text; the page's declaration is only a hint."""

from __future__ import annotations

import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.language import identify_language, language_code

URL = "https://news.example/2024/03/01/story"
TEXTS = {
    "de": "Die Bürgermeisterin erklärte am Dienstag, dass die Brücke im Frühjahr für Autos "
    "gesperrt wird. Fußgänger und Radfahrer dürfen sie während der Arbeiten weiter nutzen.",
    "en": "The mayor said on Tuesday that the bridge would close to cars in spring. People on "
    "foot and on bikes can keep using it while the works go on for two years.",
    "es": "La alcaldesa dijo el martes que el puente se cerrará a los coches en primavera. Los "
    "peatones y ciclistas podrán seguir usándolo mientras duren las obras.",
    "ja": "市長は火曜日、橋は春から車の通行が禁止されると述べた。歩行者と自転車は工事期間中も"
    "引き続き利用できる。工事は二年間続く予定だという。市によると、新しい橋の設計は昨年の"
    "住民説明会で示された案を基にしており、完成後は路面電車も通れるようになる。",
    "ru": "Мэр заявил во вторник, что мост будет закрыт для машин весной. Пешеходы и "
    "велосипедисты смогут пользоваться им во время работ.",
}


def _page(text: str, lang: str | None = None, locale: str | None = None) -> str:
    attribute = f' lang="{lang}"' if lang else ""
    meta = f'<meta property="og:locale" content="{locale}">' if locale else ""
    body = "".join(f"<p>{i}. {text}</p>" for i in range(3))
    return (
        f"<html{attribute}><head><title>Bridge</title>{meta}</head>"
        f"<body><article><h1>Bridge to close</h1>{body}</article></body></html>"
    )


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_every_article_gets_the_language_of_its_text(language: str) -> None:
    article = extract(_page(TEXTS[language]), URL)
    assert article is not None
    assert article.language == language


def test_a_wrong_declaration_does_not_beat_the_text() -> None:
    article = extract(_page(TEXTS["de"], lang="en-US", locale="en_GB"), URL)
    assert article is not None and article.language == "de"


def test_the_declaration_decides_when_the_text_is_too_short() -> None:
    assert identify_language("Ok.", hint="pt-BR") == "pt"
    assert identify_language("Ok.") is None
    assert identify_language(TEXTS["en"][:200] + " Bom dia.", hint="pt") == "en"


def test_the_declaration_breaks_a_near_tie_between_close_languages() -> None:
    malay_or_indonesian = "Kerajaan akan membina jambatan baharu di kawasan itu tahun depan."
    declared = {identify_language(malay_or_indonesian, hint=h) for h in ("ms", "id")}
    assert declared == {"ms", "id"}


def test_codes_are_iso_639_1() -> None:
    assert language_code("pt_BR") == "pt"
    assert language_code("EN-us") == "en"
    assert language_code("yue") == "zh"
    assert language_code("x-klingon") is None
