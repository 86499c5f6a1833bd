"""A saved web page (.html) -> its main text, in the layout the resolution parser reads.

Parsed with selectolax (the Lexbor HTML5 engine; encoding from the BOM or <meta charset>):

- the main text is <main> (or [role=main], or the <article>); without one, the element holding most
  paragraph text; site furniture is dropped wherever it is: navigation, headers and footers of the
  site, sidebars, forms, scripts, cookie banners, breadcrumbs, share buttons, hidden elements;
- each block (paragraph, heading, list item, table cell) is one line, a blank line between blocks;
  white space folds as a browser folds it; <br> is a line break, <hr> a rule;
- list items are numbered as the browser numbers them (<ol start>, <li value>, type="a"/"i"), written
  "1." for numbers and "(a)" for letters and roman numerals, as resolutions print their labels;
- footnotes: a superscript linking to a note on the page is "[^n]" where it stands; the note it links
  to (with its back-link) leaves the text and is written after it as "[^n]: text".
"""

from __future__ import annotations

import re

from ..errors import UnreadableFile
from .layout import SYMBOL_RE
from ..labels import letters, roman

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form",
              "button", "input", "select", "textarea", "nav", "aside", "dialog", "menu", "head")
_DROP_OUTSIDE_MAIN = ("header", "footer")
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|side-bar|cookies?|consent|banner|share|sharing|"
    r"social|skip|footer|site-header|masthead-site|toolbar|pagination|related|advert|ads?|promo|newsletter|"
    r"search|login|modal|popup)(?:$|[\s_-])", re.I)
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
           "blockquote", "pre", "tr", "td", "th", "table", "ul", "ol", "dl", "figure", "figcaption", "address",
           "header", "footer", "center", "caption", "body", "html"}
_WS = re.compile(r"[ \t\n\r\f]+")
_BR = "\u2028"  # a <br> until the line is written (white space in the source folds, a <br> does not)
_MARK = re.compile(r"^\s*\[?(\d{1,3}|\*{1,3}|[\u2020\u2021])\]?\s*$")


def html_text(data: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    try:
        tree = LexborHTMLParser(data, encoding=True)
    except (SelectolaxError, ValueError) as exc:  # what the engine cannot parse, or a page over its size limit
        raise UnreadableFile(f"it is not a readable web page ({exc})") from None
    root = tree.body or tree.root
    if root is None:
        raise UnreadableFile("the web page has no body")
    title = tree.css_first("title")
    symbols = [m.group(0).rstrip(".") for m in SYMBOL_RE.finditer(title.text() if title is not None else "")]
    _drop_furniture(root)
    main = _main(tree, root)
    notes = _footnotes(tree, main)
    lines: list[str] = []
    _Writer(notes, lines).block(main)
    out = _blank_separated(lines)
    if symbols and not any(symbols[0] in line for line in out):  # the page's title names the document
        out[:0] = [symbols[0], ""]
    defined = [(mark, text) for mark, text in notes.values() if mark and text]
    if defined:
        out.append("")
        for mark, text in dict.fromkeys(defined):
            out.append(f"[^{mark}]: {text}" if mark.isdigit() else f"{mark} {text}")
    text = "\n".join(out).strip()
    if not text:
        raise UnreadableFile("the web page holds no text")
    return text + "\n"


def _drop_furniture(root) -> None:
    for node in root.css(", ".join(_DROP_TAGS)):
        node.decompose()
    for node in root.css('[hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], '
                         '[role="contentinfo"], [role="complementary"], [role="search"]'):
        node.decompose()
    total = len(root.text(deep=True))
    for node in root.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _BOILERPLATE.search(names) and node.tag not in ("main", "article", "body", "html") \
                and len(node.text(deep=True)) < 0.5 * total:  # never the element that holds the page's text
            node.decompose()


def _main(tree, root):
    """<main>, [role=main] or <article>; else the innermost element holding most paragraph text."""
    for selector in ("main", '[role="main"]', "article"):
        found = root.css(selector)
        if found:
            return max(found, key=lambda n: len(n.text(deep=True)))
    for node in root.css(", ".join(_DROP_OUTSIDE_MAIN)):
        node.decompose()
    scored = [(sum(len(p.text(deep=True)) for p in node.css("p, li")), node) for node in root.css("div, section, td")]
    top = max((score for score, _ in scored), default=0)
    if not top:
        return root
    return min((node for score, node in scored if score >= 0.9 * top), key=lambda n: len(n.text(deep=True)))


def _footnotes(tree, main) -> dict[str, tuple[str, str]]:
    """In-page links from superscripts -> the notes they point to: id -> (mark, text). The notes are
    taken out of the page so that they are not read as paragraphs."""
    notes: dict[str, tuple[str, str]] = {}
    for sup in main.css("sup"):
        link = sup.css_first('a[href^="#"]') if sup.tag == "sup" else None
        mark = _MARK.match(sup.text(deep=True))
        if link is None or mark is None:
            continue
        target_id = (link.attributes.get("href") or "")[1:]
        if not target_id or target_id in notes:
            continue
        target = tree.css_first(f'[id="{target_id}"]') or tree.css_first(f'a[name="{target_id}"]')
        if target is None:
            continue
        if target.tag == "a" and target.parent is not None:  # an anchor inside the note
            target = target.parent
        for back in target.css('a[href^="#"]'):  # back-links to the reference
            back.decompose()
        text = _WS.sub(" ", target.text(deep=True)).strip()
        text = re.sub(rf"^\[?{re.escape(mark.group(1))}\]?[.)]?\s+", "", text)
        notes[target_id] = (mark.group(1), text)
        target.decompose()
    return notes


class _Writer:
    """Blocks -> lines. Inline content accumulates into the current line; a block element ends it."""

    def __init__(self, notes: dict[str, tuple[str, str]], lines: list[str]):
        self.notes = notes
        self.lines = lines
        self.current = ""

    def flush(self) -> None:
        parts = [_WS.sub(" ", part).strip() for part in self.current.split(_BR)]
        text = "\n".join(part for part in parts if part)
        if text:
            self.lines.append(text)
        self.lines.append("")
        self.current = ""

    def block(self, node, label: str = "") -> None:
        self.flush()
        if label:
            self.current = label + " "
        self.children(node)
        self.flush()

    def children(self, node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.current += child.text_content or ""
            elif tag in ("-comment", "-doctype"):
                continue
            elif tag == "br":
                self.current += _BR
            elif tag == "hr":
                self.flush()
                self.lines += ["_______________", ""]
            elif tag == "sup":
                self.sup(child)
            elif tag in ("ol", "ul"):
                self.list(child)
            elif tag == "pre":
                self.flush()
                self.lines += [(child.text(deep=True) or "").strip("\n"), ""]
            elif tag in _BLOCKS:
                self.block(child)
            else:
                self.children(child)

    def sup(self, node) -> None:
        link = node.css_first('a[href^="#"]')
        if link is not None:
            target = (link.attributes.get("href") or "")[1:]
            if target in self.notes:
                self.current += f"[^{self.notes[target][0]}]" if self.notes[target][0].isdigit() \
                    else self.notes[target][0]
                return
        self.current += node.text(deep=True) or ""

    def list(self, node) -> None:
        self.flush()
        ordered = node.tag == "ol"
        kind = (node.attributes.get("type") or "1") if ordered else ""
        try:
            value = int(node.attributes.get("start") or 1)
        except ValueError:
            value = 1
        for item in node.iter():
            if item.tag != "li":
                if item.tag in ("ol", "ul"):
                    self.list(item)
                continue
            if item.attributes.get("value"):
                try:
                    value = int(item.attributes["value"])
                except ValueError:
                    pass
            self.block(item, _list_label(value, kind) if ordered else "")
            value += 1
        self.flush()


def _list_label(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        return f"({letters(n).upper() if kind == 'A' else letters(n)})"
    if kind in ("i", "I"):
        return f"({roman(n).upper() if kind == 'I' else roman(n)})"
    return f"{n}."


def _blank_separated(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
