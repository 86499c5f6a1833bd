"""Citations of a paragraph, in the styles people paste.

    default  A/RES/57/210, op. 11 (General Assembly, 77th plenary meeting, 18 December 2002)
    un       General Assembly resolution 57/210 of 18 December 2002, para. 11
             Commission on Human Rights resolution 2003/73 of 25 April 2003, fourth preambular paragraph

Only metadata the document prints (or the catalog states) is used: nothing is invented, so a text
without a symbol or a number is named by what it has (body, date, title).
"""

from __future__ import annotations

import re

from .labels import date_words, ordinal_words, resolution_number, un_label  # noqa: F401 (re-exported)
from .records import Document, Paragraph

STYLES = ("default", "un")


def document_name(doc: Document) -> str:
    if doc.symbol:
        return doc.symbol
    if doc.title:
        return f"\u201c{doc.title}\u201d"
    return doc.id


def document_label(doc: Document) -> str:
    """A name that tells documents apart even without a symbol: two versions of one text share a title,
    so a text without a symbol is named by its title, body and date."""
    if doc.symbol:
        return doc.symbol
    details = ", ".join(x for x in (doc.body, date_words(doc.date)) if x)
    return document_name(doc) + (f" ({details})" if details else "")


def citation(doc: Document, paragraph: Paragraph) -> str:
    """A/RES/57/210, op. 11 (General Assembly, 77th plenary meeting, 18 December 2002)"""
    details = [x for x in (doc.body, doc.meeting) if x]
    when = date_words(doc.date)
    if doc.status == "draft":
        details.append(f"draft of {when}" if when else "draft")
    elif when:
        details.append(when)
    label = paragraph.citation_label if (doc.body or doc.symbol) else f"\u00b6 {paragraph.label}"
    return f"{document_name(doc)}, {label}" + (f" ({', '.join(details)})" if details else "")


def cite(doc: Document, paragraph: Paragraph, style: str = "default") -> str:
    """The citation of `paragraph` in the named style ("default" or "un")."""
    if style == "un":
        return un_citation(doc, paragraph)
    return citation(doc, paragraph)


# ---------------------------------------------------------------- the UN editorial form
def un_citation(doc: Document, paragraph: Paragraph) -> str:
    """General Assembly resolution 57/210 of 18 December 2002, para. 11"""
    return f"{un_document(doc)}, {un_paragraph(paragraph)}"


def un_document(doc: Document) -> str:
    """How UN documents name a text: "General Assembly resolution 57/210 of 18 December 2002",
    "Commission on Human Rights draft resolution E/CN.4/2002/L.108 of 22 April 2002"."""
    when = date_words(doc.date)
    kind = "decision" if re.search(r"/DEC/", doc.symbol or "", re.I) else "resolution"
    number = doc.number or resolution_number(doc.symbol)
    if doc.status == "draft":
        kind = "draft " + kind
        name = doc.symbol  # a draft is known by its symbol, never by the number it was to get
    else:
        name = number or doc.symbol
    words = [doc.body, kind if doc.body else kind.capitalize()]
    if name:
        words.append(name)
    text = " ".join(w for w in words if w)
    if when:
        text += f" of {when}"
    if not name:
        # no symbol and no number: the title tells the reader which text it is
        if doc.title:
            text += f" entitled \u201c{doc.title}\u201d"
        elif not when:
            text += f" {doc.id}"
    return text


def un_paragraph(p: Paragraph) -> str:
    """"para. 11", "para. 8 (c)", "fourth preambular paragraph", "footnote 2"."""
    return un_label(p.kind, p.label)
