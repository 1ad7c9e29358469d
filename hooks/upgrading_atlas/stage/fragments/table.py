"""A comparison table, each cell citing its source, that fits its column or lets the reader choose
which papers to show."""

from __future__ import annotations

from typing import Any

from ...link.linker import LinkContext
from ...model import Row
from ..kit import PageKit

CHOOSER_MIN_PAPERS = 3
"""A table with this many paper columns offers a choice of the papers to show."""


def _in_paper_order(kit: PageKit, rows: list[Row]) -> list[Row]:
    """A table with one row per paper lists them in the atlas's one order of papers, as every page
    does; other tables keep the order their file gives."""
    papers = [row.paper for row in rows]
    if None in papers or len(set(papers)) != len(papers):
        return list(rows)
    order = {paper: position for position, paper in enumerate(kit.paper_order())}
    return sorted(rows, key=lambda row: order.get(row.paper or "", len(order)))


def comparison_table(kit: PageKit, table_id: str, source: str, context: LinkContext) -> str:
    """A comparison table as HTML."""
    table = kit.index.tables[table_id]
    rows: list[dict[str, Any]] = []
    for row in _in_paper_order(kit, table.rows):
        cells: list[dict[str, Any] | None] = []
        for column in table.columns:
            cell = row.cells.get(column.id)
            if cell is None:
                cells.append(None)
                continue
            at = []
            for location in cell.at:
                paper = location.paper or row.paper or ""
                where = kit.where(paper, location)
                # in a paper's own row the paper goes without saying
                text = where if paper == row.paper else f"{kit.paper_title(paper)}, {where}"
                at.append({"text": text, "href": kit.href(source, "papers", paper, location.section)})
            cells.append({"text": cell.text, "at": at})
        rows.append({"label": row.label, "paper": row.paper,
                     "href": kit.href(source, "papers", row.paper) if row.paper else None, "cells": cells})
    headers: list[dict[str, Any]] = [{"label": column.label, "paper": None, "href": None}
                                     for column in table.columns]
    if table.transpose:
        headers, rows = (
            [{"label": row["label"], "paper": row["paper"], "href": row["href"]} for row in rows],
            [{"label": column.label, "paper": None, "href": None, "cells": [row["cells"][i] for row in rows]}
             for i, column in enumerate(table.columns)],
        )
    paper_columns = [header for header in headers if header["paper"]]
    return kit.render(
        "table.html.j2", table=table, headers=headers, rows=rows, md=kit.safe_markdown(context, source),
        chooser=paper_columns if len(paper_columns) >= CHOOSER_MIN_PAPERS else [],
    ).strip()
