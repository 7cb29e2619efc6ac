"""Exports keep article text inert: no HTML or Markdown markup, no spreadsheet formulas."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Callable

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from storyline.serve.export import CSV_FORMULA_START, csv_cell, export, markdown_text
from storyline.records import Failure
from storyline.store import Store

from test_check import article, small_store

NewDb = Callable[[str], str]  # the new_db fixture (tests/conftest.py): a store on each back end

HOSTILE_TITLE = ('<script>alert(1)</script> </li><script>steal()</script> [click](javascript:alert(2)) '
                 '*loud* `code` ~gone~ {: onclick="x"} | cell | closing ##')
HOSTILE_TEXT = ('Colonel Ivo Marsk met envoys in Tarnby on Monday. "We will hold the line," Marsk said, '
                '"whatever it costs." </li><script>x()</script> ![img](javascript:y) <http://evil.example>')
# (no full stop in the first: the test article's first sentence ends after it)
FORMULAS = ('=HYPERLINK("https://evil/x","click")', "@SUM(1+1)", "+1+2", "-3+4", "\tTAB", "\rCR")

# Markdown as renderers read it: CommonMark with GFM's tables and strikethrough.
RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def hostile_store(new_db: NewDb) -> str:
    return small_store(new_db("s"), article(HOSTILE_TEXT, title=HOSTILE_TITLE))


def exported(db: str, fmt: str) -> str:
    out = io.StringIO()
    with Store.open(db) as store:
        export(store, out, fmt)  # type: ignore[arg-type]
    return out.getvalue()


def folded(text: str) -> str:
    return " ".join(text.split())


def test_markdown_writes_article_text_as_text(new_db: NewDb) -> None:
    markdown = exported(hostile_store(new_db), "markdown")
    assert "<script" not in markdown and "</li>" not in markdown
    assert not re.search(r"(?<!\\)\]\(", markdown)  # no link: every bracket from the article is escaped
    rendered = RENDERER.render(markdown)
    assert "<script" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "<em>" not in rendered.split("<h2>", 1)[1].split("</h2>")[0]  # the title's *loud* stays literal
    (heading,) = re.findall(r"<h2>(.*)</h2>", rendered)
    assert html.unescape(heading) == f"2022-01-10 — {folded(HOSTILE_TITLE)}"
    (item,) = re.findall(r"<li>(.*)</li>", rendered)
    assert folded(HOSTILE_TITLE) in html.unescape(item)


@given(st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))))
def test_escaped_text_renders_as_exactly_itself(text: str) -> None:
    escaped = markdown_text(text)
    assert "\n" not in escaped and "<" not in escaped
    assert html.unescape(RENDERER.renderInline(escaped)) == folded(text)
    if folded(text):
        heading = RENDERER.render(f"## 2022-01-10 — {escaped}\n")
        assert heading.startswith("<h2>") and html.unescape(heading[4:heading.rindex("</h2>")]) == \
            f"2022-01-10 — {folded(text)}"
        item = RENDERER.render(f"- [0123abcd] {escaped}: “{escaped}” (chars 1–2)\n")
        assert html.unescape(re.sub(r"</?(ul|li)>|\n", "", item)) == f"[0123abcd] {folded(text)}: “{folded(text)}” (chars 1–2)"


def test_timelinejs_escapes_every_html_field(new_db: NewDb) -> None:
    timeline = json.loads(exported(hostile_store(new_db), "timelinejs"))
    (slide,) = timeline["events"]
    assert html.unescape(slide["text"]["headline"]) == HOSTILE_TITLE
    assert "<script" not in slide["text"]["headline"] and "<script" not in slide["text"]["text"]
    cited = re.search(r"<li>(.*?) <small>", slide["text"]["text"])
    assert cited and html.unescape(cited.group(1)) == HOSTILE_TITLE


def test_csv_neutralises_formulas_in_every_column(new_db: NewDb) -> None:
    db = new_db("s")
    text = f"{FORMULAS[0]} Colonel Ivo Marsk met envoys in Tarnby on Monday. \"We will hold the line,\" Marsk said, " \
           "\"whatever it costs.\""
    small_store(db, article(text, title=FORMULAS[1], source=FORMULAS[2]))
    with Store.open(db) as store, store.transaction():
        for formula in FORMULAS:
            store.add_failure(Failure(source=formula, stage=formula, reason=formula, code=formula))
    rows = list(csv.reader(io.StringIO(exported(db, "csv"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(CSV_FORMULA_START)]
    for formula in FORMULAS:
        assert cells.count("'" + formula) >= 3  # the error rows' source, stage, code and reason at least
    header, *body = rows
    document = dict(zip(header, next(row for row in body if row[0] == "document")))
    assert document["title"] == "'" + FORMULAS[1] and document["text"] == "'" + text
    assert document["source"] == "'" + FORMULAS[2]


@given(st.text())
def test_csv_cell_prefixes_exactly_the_formula_starts(value: str) -> None:
    cell = csv_cell(value)
    assert not cell.startswith(CSV_FORMULA_START)
    assert cell == ("'" + value if value.startswith(CSV_FORMULA_START) else value)
    assert csv_cell(3) == 3 and csv_cell(None) is None


def test_csv_writes_each_piece_of_a_split_quote_as_its_own_citable_row(new_db: NewDb) -> None:
    db = small_store(new_db("s"), article())  # "We will hold the line," Marsk said, "whatever it costs."
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    (quote,) = [r for r in rows if r["type"] == "quote"]
    parts = [r for r in rows if r["type"] == "quote_part"]
    assert [p["text"] for p in parts] == ["We will hold the line,", "whatever it costs."]
    with Store.open(db) as store:
        text = store.document(quote["doc"]).text
    assert all(text[int(p["start"]):int(p["end"])] == p["text"] for p in parts)
    assert all(p["name"] == quote["name"] == "Ivo Marsk" and p["label"] == quote["label"] == "speech" for p in parts)
