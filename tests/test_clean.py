"""Tests for the Clean stage (storyline.clean.cleaner): titles, record text, and no silent loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.builder import build
from storyline.clean.cleaner import Clean, headline
from storyline.errors import ExtractionError, KEPT_UNDER_HALF
from storyline.records import Article, RawDocument
from storyline.store import Store

LEAD = "The harbour council of Velmora voted on Tuesday to close the old ferry pier for repairs."
PARAGRAPHS = [
    LEAD,
    "Councillor Ines Tarrow said the work would take at least four months.",
    "Ferry operators will use the northern jetty until then, the council said.",
]
CAPTIONS = [f"Volunteers unload boxes of aid on pier {n}. Photograph: Ivo Brandt/AP" for n in range(6)]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def clean_text_file(content: str) -> Article:
    return Clean().process(Article(raw=RawDocument(source="a.txt", format="text", content=content)))


def clean_record(text: str, title: str | None = "Velmora to close old ferry pier") -> Article:
    fields = {"title": title} if title else {}
    return Clean().process(Article(raw=RawDocument(source="a.jsonl:1", format="record", content=text, fields=fields)))


# --- titles of scraped files ------------------------------------------------------------------


def test_a_file_without_a_headline_keeps_its_first_paragraph() -> None:
    article = clean_text_file(page(*PARAGRAPHS[:2]))
    assert article.title is None
    assert article.text == page(*PARAGRAPHS[:2])


def test_the_headline_above_the_body_is_the_title_not_the_first_paragraph() -> None:
    # Given no title, the cleaner leaves a short headline outside the body; the headline is that
    # line, and the first paragraph stays in the text.
    headline_line = "Instructions for the harbour council"
    article = clean_text_file(page(headline_line, LEAD))
    assert article.title == headline_line
    assert article.text == LEAD


def test_a_headline_printed_twice_is_the_title() -> None:
    title = "Velmora to close its old ferry pier for four months of repairs"
    raw = page("Velmora Courier", "Velmora Courier", title, "Posted on May 3 2021", title, *PARAGRAPHS)
    assert headline(raw) == title
    assert clean_text_file(raw).text == page(*PARAGRAPHS)


def test_a_file_of_three_short_paragraphs_is_not_refused() -> None:
    short = ["Velmora closes its pier.", "The council voted on Tuesday.", "Work takes four months."]
    assert clean_text_file(page(*short)).text == page(*short)


# --- JSONL records: extracted text ------------------------------------------------------------


def test_a_record_keeps_its_closing_line_and_its_transcript() -> None:
    transcript = "Minister Arlo Penhale: Good afternoon. " + " ".join([LEAD] * 40) + " <…>"
    text = page(LEAD, transcript, "The council meets again on 4 May")
    article = clean_record(text)
    assert article.text == text and article.removed == () and article.warnings == ()
    assert article.title == "Velmora to close old ferry pier"


def test_a_record_loses_chrome_by_its_wording() -> None:
    article = clean_record(page(PARAGRAPHS[0], "Read also: Harbour fees to rise", *PARAGRAPHS[1:], "Share this article"))
    assert article.text == page(*PARAGRAPHS)
    assert [span.reason for span in article.removed] == ["read-also", "share-prompt"]


# --- no silent loss ---------------------------------------------------------------------------


def test_a_document_that_keeps_less_than_half_is_warned_about() -> None:
    article = clean_record(page(LEAD, *CAPTIONS))
    (warning,) = article.warnings
    removed = sum(map(len, CAPTIONS))
    assert (warning.stage, warning.code, warning.source) == ("clean", KEPT_UNDER_HALF, "a.jsonl:1")
    assert warning.detail == {"kept_share": round(len(LEAD) / (len(LEAD) + removed), 4),
                              "removed": {"photo-credit": removed}}
    share = len(LEAD) / (len(LEAD) + removed)
    assert warning.reason == f"kept {share:.0%} of the input: 6 lines photo-credit ({removed} chars)"


def test_a_document_that_keeps_most_of_its_input_has_no_warning() -> None:
    assert clean_record(page(*PARAGRAPHS, CAPTIONS[0])).warnings == ()
    assert clean_text_file(page("Velmora to close old ferry pier", *PARAGRAPHS)).warnings == ()


def test_earlier_warnings_are_kept() -> None:
    from storyline.records import ItemWarning

    earlier = ItemWarning("a.jsonl:1", "read", "W100", "an earlier stage's doubt")
    raw = RawDocument(source="a.jsonl:1", format="record", content=page(LEAD, *CAPTIONS), fields={})
    article = Clean().process(Article(raw=raw, warnings=(earlier,)))
    assert article.warnings[0] == earlier and article.warnings[1].code == KEPT_UNDER_HALF


def test_a_record_of_chrome_only_is_refused_with_what_it_was() -> None:
    with pytest.raises(ExtractionError, match=r"every line was photo-credit, share-prompt"):
        clean_record(page(*CAPTIONS, "Share this article"))


def test_the_warning_is_stored_with_the_document(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({"title": "Pier to close", "text": page(LEAD, *CAPTIONS)}) + "\n", encoding="utf-8")
    report = build([items], db=tmp_path / "s.db", stages=[Clean()])
    assert report.stored == 1
    with Store.open(tmp_path / "s.db") as store:
        (warning,) = store.warnings()
        (doc,) = [row[0] for row in store.connection.execute("SELECT id FROM documents")]
    assert (warning.code, warning.doc, warning.source) == (KEPT_UNDER_HALF, doc, f"{items}:1")
    assert warning.detail["removed"] == {"photo-credit": sum(map(len, CAPTIONS))}
