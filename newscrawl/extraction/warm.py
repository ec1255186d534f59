"""First-use costs of the extraction libraries, paid once per process before any page.

htmldate hands the date strings it cannot read itself to dateparser, which builds the tables
of every locale it knows the first time: about 2 s of CPU, paid otherwise by whichever page
first needs it, in the middle of a crawl. Crawl workers (``workers/warmup.py``) and the
extraction bench call ``warm_date_parser`` once when they start.
"""

from __future__ import annotations

from htmldate import find_date

# A date htmldate's own patterns do not read, so that it asks dateparser.
_UNREAD_DATE = "<html><body><p>(31 Dec 07 | Premier League )</p></body></html>"


def warm_date_parser() -> None:
    """Make htmldate load dateparser and its locale tables now."""
    find_date(_UNREAD_DATE, extensive_search=True, original_date=True)
