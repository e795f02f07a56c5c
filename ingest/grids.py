"""Tables that sites build from <div>s, turned back into <table>s, and the
signs that quote tables show only by styling.

Quote pages and movers lists (Yahoo Finance, exchange and broker sites)
draw their tables as CSS grids or flex rows of <div>s; trafilatura keeps
<table> rows but drops such grids as layout. Before extraction, three shapes
are rewritten as real tables, so their rows reach the text as
"Kioxia | 285A.T | +8.3%" lines like any other table:

- ARIA tables: role="table"/"grid" with role="row" and cell roles;
- rows of cells: a container whose children all hold the same number (2 or
  more) of short leaf cells, with a figure in some of them;
- flat grids: cells directly in a container whose column count is stated by
  an inline grid-template-columns or by its run of header cells.

A grid without a figure in it is left alone (menus and link lists also come
in rows); so is anything inside a real table.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_TABLE_ROLES = ("table", "grid", "treegrid")
_CELL_ROLES = ("cell", "gridcell", "columnheader", "rowheader")
_HEADER_CLASS = re.compile(r"(?:^|[\s_-])(?:head|header|heading|th|thead|label)(?:$|[\s_-])", re.I)
_FIGURE = re.compile(r"\d")
_BLOCKS = frozenset(("div", "p", "section", "article", "ul", "ol", "li", "table", "h1", "h2", "h3", "h4",
                     "h5", "h6", "figure", "header", "footer", "aside", "nav", "form", "blockquote"))
_CONTAINERS = ("div", "section", "ul", "ol", "dl")
_ROWS = frozenset(("div", "li", "a", "span", "section"))
_MAX_CELL_CHARS = 80
_TRACK = re.compile(r"repeat\(\s*(\d+)\s*,|minmax\([^)]*\)|fit-content\([^)]*\)|[\w.%-]+")


def tables_from_grids(tree) -> int:
    """Rewrite every div-built table in ``tree`` as a <table>; returns how many."""
    found = 0
    for element in list(tree.iter(*_CONTAINERS)):
        if element.getparent() is None or _inside_table(element):
            continue
        rows = _aria_rows(element) if element.get("role") in _TABLE_ROLES else None
        if rows is None and element.get("role") not in _TABLE_ROLES:
            rows = _row_cells(element) or _flat_grid(element)
        if rows and _has_figures(rows):
            _replace(element, rows)
            found += 1
    return found


def _inside_table(element) -> bool:
    return any(parent.tag == "table" for parent in element.iterancestors())


def _aria_rows(table) -> list[list[tuple[str, bool]]] | None:
    """(text, is header) of each cell, row by row; a header cell counts as
    one only in the first row (a rowheader further down is a name)."""
    rows = []
    for row in table.iter():
        if row.get("role") != "row":
            continue
        cells = [(_text(cell), not rows and cell.get("role") in ("columnheader", "rowheader"))
                 for cell in row.iter() if cell.get("role") in _CELL_ROLES]
        if cells:
            rows.append(cells)
    return rows if len(rows) >= 2 else None


def _row_cells(container) -> list[list[tuple[str, bool]]] | None:
    """Children that are rows of the same number of leaf cells."""
    children = [child for child in container if isinstance(child.tag, str)]
    if len(children) < 2 or any(child.tag not in _ROWS for child in children):
        return None
    rows = []
    for child in children:
        cells = [cell for cell in child if isinstance(cell.tag, str)]
        if len(cells) < 2 or not all(_is_leaf(cell) for cell in cells):
            return None
        rows.append([(_text(cell), _is_header_cell(cell)) for cell in cells])
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        return None
    return rows


def _flat_grid(container) -> list[list[tuple[str, bool]]] | None:
    """Cells laid directly in a grid container: its inline column template,
    or its leading run of header cells, says how many columns it has."""
    cells = [cell for cell in container if isinstance(cell.tag, str)]
    if len(cells) < 4 or not all(_is_leaf(cell) and cell.tag in ("div", "span") for cell in cells):
        return None
    width = _template_columns(container.get("style", ""))
    if width is None:
        width = 0
        while width < len(cells) and _is_header_cell(cells[width]):
            width += 1
    if width < 2 or len(cells) % width or len(cells) == width:
        return None
    return [[(_text(cell), _is_header_cell(cell)) for cell in cells[i:i + width]]
            for i in range(0, len(cells), width)]


def _template_columns(style: str) -> int | None:
    match = re.search(r"grid-template-columns\s*:\s*([^;]+)", style, re.I)
    if not match:
        return None
    count = 0
    for track in _TRACK.finditer(match.group(1)):
        if track.group(1):
            return int(track.group(1))
        count += 1
    return count or None


def _is_leaf(cell) -> bool:
    """A cell holds a short run of text, no block elements."""
    return (not any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in cell.iterdescendants())
            and len(_text(cell)) <= _MAX_CELL_CHARS)


def _is_header_cell(cell) -> bool:
    return cell.tag == "th" or cell.get("role") == "columnheader" or bool(_HEADER_CLASS.search(cell.get("class", "")))


def _has_figures(rows) -> bool:
    """Some data row holds a number: a table of figures, not a menu."""
    return sum(1 for row in rows if any(_FIGURE.search(text) for text, _ in row[1:])) >= max(1, len(rows) // 2)


def _text(cell) -> str:
    return " ".join(cell.text_content().split())


def _replace(element, rows) -> None:
    table = lxml_html.Element("table")
    for row in rows:
        tr = etree.SubElement(table, "tr")
        for text, header in row:
            etree.SubElement(tr, "th" if header else "td").text = text
    table.tail = element.tail
    element.getparent().replace(element, table)


_UNSIGNED = re.compile(r"^\(?\d[\d,]*(?:\.\d+)?\s?%?\)?$")
# Not colours: red means down in New York and up in Tokyo.
_DOWN = re.compile(r"(?:^|[\s_-])(?:neg|negative|down|loss|losses|minus|decline|declining|fall|falling)"
                   r"(?:$|[\s_-])", re.I)
_UP = re.compile(r"(?:^|[\s_-])(?:pos|positive|up|gain|gains|plus|rise|rising)(?:$|[\s_-])", re.I)


def signs_from_classes(tree) -> int:
    """Quote tables often print a fall as "2.8%" in red with a down-arrow
    icon: the direction is only in the markup. An unsigned figure whose
    element (or its cell) is classed as down/negative gets its minus sign,
    up/positive its plus sign. Returns how many figures were signed."""
    signed = 0
    for element in list(tree.iter("span", "td", "div", "strong", "b", "fin-streamer")):
        if element.getparent() is None:   # inside a cell already signed
            continue
        text = element.text_content().strip()
        if not _UNSIGNED.match(text) or len(element) > 1:
            continue
        labels = [element.get("class", "")]
        parent = element.getparent()
        if parent is not None and parent.tag in ("td", "div", "span", "li"):
            labels.append(parent.get("class", ""))
        labels += [" ".join(filter(None, (child.get("class"), child.get("alt")))) for child in element]
        down = any(_DOWN.search(label) for label in labels)
        up = any(_UP.search(label) for label in labels)
        if down == up:
            continue
        sign = "-" if down else "+"
        for child in list(element):
            child.drop_tree()
        element.text = sign + text.strip("()")
        signed += 1
    return signed
