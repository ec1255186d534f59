"""Spiders: ``base.NewsSpider`` crawls any outlet from its homepage; one small file per site."""
