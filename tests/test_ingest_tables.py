"""CSV/TSV exports: rows as raw records, per-row failures, bounded rows (invented tables)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.ingest import tables
from storyline.ingest.readers import ReadOptions, read_paths
from storyline.ingest.tables import parse_column_map, parse_csv
from storyline.records import Failure, RawDocument


def rows(text: str, **options) -> list[RawDocument | Failure]:  # type: ignore[no-untyped-def]
    return list(parse_csv(io.StringIO(text, newline=""), "t.csv", **options))


def test_default_columns_and_extra_fields() -> None:
    (row,) = rows("Headline,Body,Date,Link,Publisher,topic\nT,\"Para one.\nPara two.\",2022-01-03,https://x.example/a,X,war\n")
    assert isinstance(row, RawDocument) and row.format == "record" and row.source == "t.csv:2"
    assert row.content == "Para one.\nPara two."
    assert row.fields == {"title": "T", "published": "2022-01-03", "url": "https://x.example/a",
                          "outlet": "X", "topic": "war"}


def test_column_map_names_the_columns() -> None:
    mapping = parse_column_map("text=story_body, published=when")
    (row,) = rows("story_body,when,text\nThe body.,2021-02-03,not this\n", columns=mapping)
    assert isinstance(row, RawDocument) and row.content == "The body." and row.fields["published"] == "2021-02-03"
    with pytest.raises(InputError, match="unknown field"):
        parse_column_map("bogus=x")
    with pytest.raises(InputError, match="FIELD=COLUMN"):
        parse_column_map("text")
    (failure,) = rows("a,b\n1,2\n", columns={"text": "missing"})
    assert isinstance(failure, Failure) and "no such column" in failure.reason


def test_bom_semicolons_and_tabs(tmp_path: Path) -> None:
    (tmp_path / "eu.csv").write_bytes("title;text\nA;Café au lait, bitte.\n".encode("utf-8-sig"))
    (tmp_path / "t.tsv").write_text("title\ttext\nB\tTabbed, text; here.\n", encoding="utf-8")
    (tmp_path / "u16.csv").write_text("title,text\nC,Sixteen.\n", encoding="utf-16")
    eu, tab, u16 = read_paths(tmp_path)
    assert isinstance(eu, RawDocument) and eu.content == "Café au lait, bitte." and eu.fields["title"] == "A"
    assert isinstance(tab, RawDocument) and tab.content == "Tabbed, text; here."
    assert isinstance(u16, RawDocument) and u16.content == "Sixteen."


def test_malformed_rows_fail_alone_with_their_line() -> None:
    items = rows('title,text\nA,fine\nB,"open quote\nC,ok\n')
    assert [type(i).__name__ for i in items][:1] == ["RawDocument"]
    items = rows('title,text\nA,fine\n"B"x,bad quoting\nC,one,too many\nD,\nE,last\n')
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [("RawDocument", "t.csv:2"), ("Failure", "t.csv:3"), ("Failure", "t.csv:4"),
                     ("Failure", "t.csv:5"), ("RawDocument", "t.csv:6")]
    assert "3 cells, the header has 2" in items[2].reason  # type: ignore[union-attr]
    assert "no article text" in items[3].reason  # type: ignore[union-attr]


def test_no_text_column_is_one_failure_naming_the_fix() -> None:
    (failure,) = rows("a,b\n1,2\n")
    assert isinstance(failure, Failure) and failure.source == "t.csv" and "--csv-map text=" in failure.reason


def test_huge_rows_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "MAX_ROW_CHARS", 1000)
    items = rows("title,text\nA," + "x" * 5000 + "\nB,after\n" + 'C,"' + "y\n" * 800 + '"\nD,end\n')
    assert [type(i).__name__ for i in items][:2] == ["Failure", "RawDocument"]
    assert "larger than" in items[0].reason and items[0].source == "t.csv:2"  # type: ignore[union-attr]
    assert items[1].content == "after"  # type: ignore[union-attr]
    assert any(isinstance(i, Failure) and "larger than" in i.reason for i in items[2:])


def test_csv_map_reaches_the_reader(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("body\nHello there.\n", encoding="utf-8")
    (row,) = read_paths(tmp_path, options=ReadOptions(csv_columns={"text": "body"}))
    assert isinstance(row, RawDocument) and row.content == "Hello there."


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
                max_size=60)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=8), st.sampled_from([",", ";", "\t"]))
def test_rows_written_by_csv_come_back(table: list[tuple[str, str]], delimiter: str) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["title", "text"])
    writer.writerows(table)
    read = rows(out.getvalue(), delimiter=delimiter)
    kept = [(r.fields.get("title", ""), r.content) for r in read if isinstance(r, RawDocument)]
    expected = [(title.strip(), text) for title, text in table if text.strip()]
    assert kept == expected


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=1500))
def test_any_text_gives_records_or_failures_never_an_exception(text: str) -> None:
    for item in rows("title,text\n" + text):
        assert isinstance(item, (RawDocument, Failure))
