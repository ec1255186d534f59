"""Schema.org JSON-LD: the article object a page describes itself with."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml import html

from newscrawl.extraction.pagekind import ARTICLE_TYPE_RANK

_ARTICLE_TYPES = (*ARTICLE_TYPE_RANK, "webpage")  # a WebPage node when no article
_MAX_NODES = 500


def _walk(value: Any, budget: list[int]) -> Iterator[dict[str, Any]]:
    """Every dict inside ``value``: lists, @graph and nested objects, bounded in count."""
    if budget[0] <= 0:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, budget)
    elif isinstance(value, dict):
        budget[0] -= 1
        yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _walk(graph, budget)


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).lower() for v in values if v]


def json_ld_nodes(tree: html.HtmlElement) -> list[dict[str, Any]]:
    """All top-level and @graph objects of the page's JSON-LD blocks."""
    nodes: list[dict[str, Any]] = []
    budget = [_MAX_NODES]
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        nodes.extend(_walk(data, budget))
    return nodes


def page_types(nodes: list[dict[str, Any]]) -> set[str]:
    """The lower-cased @type values of ``nodes``."""
    return {kind for node in nodes for kind in _types(node)}


def article_node(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """The most article-like of the page's JSON-LD objects, or an empty dict."""
    best: dict[str, Any] = {}
    best_rank = len(_ARTICLE_TYPES)
    for node in nodes:
        for kind in _types(node):
            rank = _ARTICLE_TYPES.index(kind) if kind in _ARTICLE_TYPES else best_rank
            if rank < best_rank or (
                rank == best_rank
                and rank < len(_ARTICLE_TYPES)
                and "headline" in node
                and "headline" not in best
            ):
                best, best_rank = node, rank
    return best


def names(value: Any) -> list[str]:
    """Names in a schema.org Person/Organization value (string, dict or list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in names(item)]
    return []


def text_value(node: dict[str, Any], key: str) -> str | None:
    """A string property (first of a list), stripped; None when absent or not text."""
    value = node.get(key)
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None
