"""The article container is protected before any class-token rule runs."""

from __future__ import annotations

import pytest
from lxml import html

from newscrawl.extraction import extract
from newscrawl.extraction.boilerplate import remove_boilerplate

_POST_LINES = (
    "The harbour master closed the north quay on Monday after storm damage to the pier",
    "Fishing boats were moved to the south basin while engineers inspect the pilings",
    "Repairs are expected to take three weeks and cost the town about forty thousand pounds",
)
_COMMENT = (
    "<p>I walked past the quay yesterday and the damage looked much worse than the photos "
    "suggest, the railings are twisted and half the planks are gone near the end.</p>"
)


def _blog_page(post_classes: str, wrapper: str) -> str:
    """A blog post written with <br> (no <p>), outweighed by a comment section of <p>s."""
    post = "<br>".join(_POST_LINES)
    comments = f'<div class="comments-list">{_COMMENT * 6}</div>'
    return (
        "<html><head><title>Quay closed | Harbour Blog</title></head><body>"
        f'<div class="{wrapper}"><div class="{post_classes}"><h3>Quay closed</h3>'
        f'<div class="post-body">{post}</div></div></div>{comments}'
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("post_classes", "wrapper"),
    [
        # WordPress: taxonomy classes ("tag-…", "category-…") on the post itself
        ("post-7 post type-post hentry category-harbour tag-storm", "content"),
        # TypePad: the author's name as a class of the entry
        ("entry-author-jane_doe entry-type-post entry", "content"),
        # Blogger: every section of the page, the posts' one too, is a "widget"
        ("post hentry", "widget Blog"),
    ],
)
def test_a_marked_blog_post_survives_its_class_names(post_classes: str, wrapper: str) -> None:
    tree = html.fromstring(_blog_page(post_classes, wrapper))
    remove_boilerplate(tree)
    assert all(line in tree.text_content() for line in _POST_LINES)
    article = extract(_blog_page(post_classes, wrapper), "https://blog.example/2012/10/quay")
    assert article is not None
    for line in _POST_LINES:
        assert line in article.text


def test_the_pages_one_main_element_survives_its_skip_link_id() -> None:
    # <main id="skip-main"> is the target of the "skip to content" link, not the link
    post = "<br>".join(_POST_LINES)
    page = (
        "<html><body><a class='skip-link' href='#skip-main'>Skip to content</a>"
        f"<main id='skip-main'><div class='text'>{post}</div></main>"
        f"<div class='reader-notes'>{_COMMENT * 6}</div></body></html>"
    )
    tree = html.fromstring(page)
    remove_boilerplate(tree)
    assert all(line in tree.text_content() for line in _POST_LINES)
    assert "Skip to content" not in tree.text_content()


def test_a_caption_is_short_a_long_one_is_a_misnamed_post() -> None:
    # an unclosed <p class="wp-caption-text"> swallows the post that follows the photo
    story = " ".join(_POST_LINES) * 6
    page = (
        "<html><body><div class='post'>"
        "<div class='wp-caption'><img src='a.jpg'><span class='credit-caption'>Photo: AP</span>"
        f"<p class='wp-caption-text'>The pier on Monday. {story}</p></div>"
        "</div></body></html>"
    )
    tree = html.fromstring(page)
    remove_boilerplate(tree)
    assert _POST_LINES[2] in tree.text_content()
    assert "Photo: AP" not in tree.text_content()
