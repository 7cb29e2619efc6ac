from __future__ import annotations

from datetime import date

import pytest

from storyline.clean.metadata import Metadata, find_dateline, outlet_from_url, parse_dateline, parse_given_date
from storyline.records import Article, RawDocument


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on January 7 2022, 18:48pm", date(2022, 1, 7)),
        ("11:48 14.11.2023", date(2023, 11, 14)),
        ("14.11.2023", date(2023, 11, 14)),
        ("Published: 3 March 2021", date(2021, 3, 3)),
        ("Updated Sept. 30, 2020 at 9:15 a.m. ET", date(2020, 9, 30)),
        ("Thursday, February 24, 2022", date(2022, 2, 24)),
        ("2021-06-01 08:00", date(2021, 6, 1)),
    ],
)
def test_datelines(line: str, expected: date) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On February 24, 2022, the army of Velmora crossed the border near the river.",
        "31.02.2022",
        "Talks are set for March 3",
        "2 min read",
        "",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_dateline_is_looked_for_near_top_and_bottom_only() -> None:
    body = "\n".join(f"Paragraph {n} about the Velmora talks." for n in range(40))
    assert find_dateline(f"Title\n\n{body}\n\n5 May 2021\n\n{body}") is None
    assert find_dateline(f"Title\n5 May 2021\n{body}") == date(2021, 5, 5)


def test_given_dates_and_outlets() -> None:
    assert parse_given_date("2022-01-12T10:00:00Z") == date(2022, 1, 12)
    assert parse_given_date("not a date") is None
    assert outlet_from_url("https://www.example.org/news/1") == "example.org"
    assert outlet_from_url(None) is None


def test_stage_records_the_basis() -> None:
    stage = Metadata()
    given = Article(raw=RawDocument("f.jsonl:1", "record", "Body.", {"published": "2022-01-12", "url": "https://www.example.org/x"}), text="Body.")
    dated = Article(raw=RawDocument("a.txt", "text", "Title\n\nPosted on January 7 2022, 18:48pm\n\nBody."), text="Body.")
    undated = Article(raw=RawDocument("b.txt", "text", "Title\n\nBody without a date."), text="Body without a date.")
    assert (stage.process(given).published, stage.process(given).published_basis) == ("2022-01-12", "given")
    assert stage.process(given).outlet == "example.org"
    assert (stage.process(dated).published, stage.process(dated).published_basis) == ("2022-01-07", "dateline")
    assert (stage.process(undated).published, stage.process(undated).published_basis) == (None, None)
