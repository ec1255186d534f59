"""Per-site extraction overrides, declared by site spiders."""

from __future__ import annotations

from dataclasses import dataclass

from cssselect import GenericTranslator, SelectorError
from lxml import etree, html


@dataclass(frozen=True)
class SiteRules:
    """What a site spider tells extraction about its pages.

    ``drop``: CSS selectors (or XPath expressions starting with "/" or "(") whose elements
    are removed before extraction. ``body``: a selector for the element that holds the
    article body; when it matches, extraction only looks inside it (plus the page head for
    metadata). ``site_name``: the outlet's display name.
    """

    drop: tuple[str, ...] = ()
    body: str | None = None
    site_name: str | None = None


def _xpath_for(selector: str) -> str:
    """XPath for a CSS selector; XPath expressions (starting with "/" or "(") pass through."""
    selector = selector.strip()
    if selector.startswith(("/", "(")):
        return selector
    return str(GenericTranslator().css_to_xpath(selector))


def _select(tree: html.HtmlElement, selector: str) -> list[html.HtmlElement]:
    try:
        found = tree.xpath(_xpath_for(selector))
    except (SelectorError, etree.XPathError):
        return []
    return [e for e in found if isinstance(e, html.HtmlElement)]


def apply_site_rules(tree: html.HtmlElement, rules: SiteRules) -> None:
    """Drop the ``rules.drop`` elements, then keep only the ``rules.body`` root if it matches.

    Works in place on the tree handed to the body extractor; invalid selectors are ignored.
    """
    for selector in rules.drop:
        for element in _select(tree, selector):
            if element.getparent() is not None:
                element.drop_tree()
    if not rules.body:
        return
    matched = _select(tree, rules.body)
    chosen = set(matched)
    roots = [r for r in matched if not any(a in chosen for a in r.iterancestors())]
    body = tree.find("body")
    if not roots or body is None:
        return
    for child in list(body):
        body.remove(child)
    for root in roots:
        root.tail = None
        body.append(root)
