"""Saved web pages (.html, .htm): the article's text and metadata, extracted with trafilatura.

trafilatura finds the main text of a page from its markup (it leaves out menus, comments,
sidebars and footers); the extracted lines then get the same labels and reasons as a plain
capture (`framing.clean`), so captions, credits and related links that survive extraction are
still shown and dropped. Nothing is fetched: links and images in the page are never followed.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class Page:
    """What a page gives: its article text (one paragraph a line) and its own metadata."""

    text: str
    title: str = ""
    published: str = ""
    author: str = ""
    site: str = ""


def extract_page(data: bytes, url: str = "") -> Page:
    """The article of one saved page: text (one paragraph or list item a line) and metadata.

    Precision is favoured and reader comments are left out: the article, not the page, is
    the unit of every later analysis. An empty `text` means no article was found.
    """
    document = trafilatura.bare_extraction(
        data,
        url=url or None,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    if document is None:
        return Page(text="")
    return Page(
        text=document.text or "",
        title=document.title or "",
        published=document.date or "",
        author=document.author or "",
        site=document.sitename or document.hostname or "",
    )
