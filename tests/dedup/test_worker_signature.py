"""The signature is made where the article is extracted: in the worker's task."""

from __future__ import annotations

from newscrawl.dedup.signature import Signature, compute_signature
from newscrawl.discovery.links import LinkPolicy
from newscrawl.extraction import SiteRules
from newscrawl.tasks import PageTask, analyze_page
from tests.dedup.texts import story


def test_an_extracted_article_carries_its_signature() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in story(3).split("\n"))
    page = (
        "<html><head><title>Tuna pact</title><meta property='og:type' content='article'>"
        f"</head><body><article><h1>Tuna pact</h1>{paragraphs}</article></body></html>"
    )
    task = PageTask(
        url="https://example.com/2024/05/21/tuna-pact",
        body=page.encode(),
        encoding="utf-8",
        rules=SiteRules(),
        policy=LinkPolicy(hosts=("example.com",), max_depth=1),
    )
    article = analyze_page(task).article
    assert article is not None and article.dedup_signature is not None
    signature = Signature.from_bytes(article.dedup_signature)
    assert signature.to_bytes() == compute_signature(article.text).to_bytes()
    assert signature.size > 100
    assert "dedup_signature" not in article.to_record()
