"""Only for ``scrapyd-deploy``, which builds the project's egg with ``setup.py bdist_egg``.

Everything is declared in pyproject.toml, including the ``scrapy`` entry point that tells
Scrapyd the settings module.
"""

from setuptools import setup

setup()
