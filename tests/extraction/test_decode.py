"""Decoding: real byte strings in, the text a reader sees out."""

from __future__ import annotations

import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.decode import decode_html

URL = "https://news.example/2024/03/01/bridge-works"
STORY = (
    "Midfielder Tomás Ruiz and João Gonçalves both scored as the visitors won in Bogotá; "
    "coach Zoë Müller praised the “fearless” display of a side that had lost four in a row. "
)


def _page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Match report</title></head><body><p>{text}</p></body></html>"


def _body(html: str) -> str:
    return html[html.index("<p>") + 3 : html.index("</p>")]


@pytest.mark.parametrize(
    "declaration",
    ['<meta charset="iso-8859-1">', '<meta charset="windows-1252">', '<meta charset="gb2312">'],
)
def test_valid_utf8_beats_a_contradicting_meta_charset(declaration: str) -> None:
    raw = _page("Café naïve — 北京 “quoted”", declaration).encode("utf-8")
    assert _body(decode_html(raw)) == "Café naïve — 北京 “quoted”"


@pytest.mark.parametrize("header", ["ISO-8859-1", "gb2312", "Shift_JIS", "koi8-r"])
def test_valid_utf8_beats_a_contradicting_http_header(header: str) -> None:
    raw = _page("Ångström’s café").encode("utf-8")
    assert _body(decode_html(raw, header)) == "Ångström’s café"


def test_declared_legacy_charsets_are_followed_when_the_bytes_are_not_utf8() -> None:
    chinese = _page("北京欢迎你，今天天气很好", '<meta charset="gb2312">').encode("gb18030")
    assert _body(decode_html(chinese)) == "北京欢迎你，今天天气很好"
    russian = _page("Москва - столица России").encode("koi8-r")
    assert _body(decode_html(russian, "koi8-r")) == "Москва - столица России"
    latin = _page("Señor Muñoz’s café").encode("cp1252")
    assert _body(decode_html(latin, "iso-8859-1")) == "Señor Muñoz’s café"


def test_pure_ascii_follows_its_declaration() -> None:
    # ISO-2022-JP is 7-bit: its bytes are ASCII, only the declared codec reads them right.
    raw = _page("日本語のニュース").encode("iso2022_jp")
    assert raw.isascii()
    assert _body(decode_html(raw, "iso-2022-jp")) == "日本語のニュース"
    assert _body(decode_html(_page("plain words").encode(), "utf-16")) == "plain words"


def test_a_utf8_page_with_stray_cp1252_bytes_keeps_both() -> None:
    raw = _page("café ").encode() + b"\x93quoted\x94 for \xa32"
    assert decode_html(raw, "utf-8").endswith("café </p></body></html>“quoted” for £2")


def test_an_undeclared_western_page_is_not_read_as_a_baltic_or_central_codepage() -> None:
    raw = _page(STORY * 3).encode("cp1252")
    assert _body(decode_html(raw)) == STORY * 3


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Lietuvos Respublikos Seimas šiandien priėmė įstatymą dėl švietimo reformos, "
            "kurią rėmė dauguma frakcijų. Ministrė teigė, kad pokyčiai įsigalios rugsėjį. ",
            "cp1257",
        ),
        (
            "Sejm przyjął ustawę o podatkach, a premier zapowiedział, że zmiany wejdą w życie "
            "w przyszłym roku. Opozycja skrytykowała źródła finansowania reformy. ",
            "cp1250",
        ),
        ("Правительство объявило о новых мерах поддержки малого бизнеса в регионах. ", "cp1251"),
    ],
)
def test_an_undeclared_page_in_its_own_codepage_keeps_it(text: str, codec: str) -> None:
    raw = _page(text * 3).encode(codec)
    assert _body(decode_html(raw)) == text * 3


@pytest.mark.parametrize("control", ["\x07", "\x00", "\x1b", "\x7f", "\ufffe"])
def test_control_characters_are_removed_and_the_article_kept(control: str) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the mayor said the works would start in spring and last two years, "
        "closing the bridge to cars but not to bikes.</p>"
        for i in range(4)
    )
    html = f"<html><body><article><h1>Bridge works</h1>{paragraphs}</article></body></html>"
    dirty = html.replace("spring", f"spr{control}ing")
    for page in (dirty, dirty.encode("utf-8", errors="surrogatepass")):
        article = extract(page, URL)
        assert article is not None
        assert "start in spring and last" in article.text
        assert control not in article.text


def test_form_feed_and_vertical_tab_separate_words() -> None:
    assert _body(decode_html(_page("one\x0ctwo\x0bthree").encode())) == "one two three"
