"""``newscrawl dupes``: stories with their copies, as text for people or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Literal, TextIO

from newscrawl.db.dupes import Cluster

DupesFormat = Literal["text", "jsonl"]


def write_clusters(clusters: Iterable[Cluster], fmt: DupesFormat, out: TextIO) -> tuple[int, int]:
    """Write every cluster; return (clusters, copies) written."""
    groups = copies = 0
    for cluster in clusters:
        groups += 1
        copies += len(cluster.articles) - 1
        if fmt == "jsonl":
            record = {"cluster_id": cluster.cluster_id, "articles": cluster.articles}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(_text(cluster))
    return groups, copies


def _text(cluster: Cluster) -> str:
    lines = [f"story {cluster.cluster_id}: {len(cluster.articles)} articles"]
    for article in cluster.articles:
        if article["duplicate_of"] is None:
            how = "first seen"
        else:
            how = (
                f"{article['duplicate_relation']} copy of {article['duplicate_of']} "
                f"(similarity {article['similarity']:.2f})"
            )
        title = f"  {article['title']}" if article["title"] else ""
        lines.append(f"  {article['id']:>8}  {how:<40} {article['url']}{title}")
    return "\n".join(lines) + "\n\n"
