from __future__ import annotations

from datetime import date

import pytest

from storyline.clean.metadata import Metadata, find_dateline, outlet_from_url, parse_dateline, parse_given_date
from storyline.errors import DATE_FIELD_NOT_A_DATE
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


# --- given dates: the day they spell, or a warning -------------------------------------------

from hypothesis import given as given_examples, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from storyline.clean.metadata import (  # noqa: E402
    EARLIEST_YEAR,
    DateFieldError,
    latest_plausible_date,
    read_given_date,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20220110, date(2022, 1, 10)),
        ("20220110", date(2022, 1, 10)),
        (1641772800, date(2022, 1, 10)),  # epoch seconds
        (1641772800000, date(2022, 1, 10)),  # epoch milliseconds
        ("1641772800", date(2022, 1, 10)),
        ("2022-1-9", date(2022, 1, 9)),
        ("Posted on January 7 2022", date(2022, 1, 7)),
    ],
)
def test_given_dates_are_the_day_they_spell(value: object, expected: date) -> None:
    assert parse_given_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["2022-02-30", "soon", 20221340, 123, -5, 10**15, float("nan"), True, "1989-12-31", "2999-01-01",
     [2022, 1, 10], {"y": 2022}],
)
def test_values_that_are_no_plausible_date_are_refused_with_a_reason(value: object) -> None:
    with pytest.raises(DateFieldError) as info:
        read_given_date(value)
    assert str(info.value)
    assert parse_given_date(value) is None


def test_a_bad_date_field_leaves_the_document_undated_with_a_warning() -> None:
    raw = RawDocument("feed.jsonl:3", "record", "Body.", {"published": "2022-02-30"})
    article = Metadata().process(Article(raw=raw, text="Body."))
    assert (article.published, article.published_basis) == (None, None)
    (warning,) = article.warnings
    assert (warning.stage, warning.code, warning.source) == ("metadata", DATE_FIELD_NOT_A_DATE, "feed.jsonl:3")
    assert "'published'" in warning.reason and "2022-02-30" in warning.reason
    assert warning.doc == article.id and warning.detail["field"] == "published"


def test_a_missing_date_field_is_no_warning() -> None:
    raw = RawDocument("feed.jsonl:3", "record", "Body.", {"published": None})
    assert Metadata().process(Article(raw=raw, text="Body.")).warnings == ()


@settings(max_examples=300, deadline=None)
@given_examples(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=60),
                          st.lists(st.integers(), max_size=3)))
def test_given_date_parser_returns_a_plausible_date_or_refuses(value: object) -> None:
    try:
        found = read_given_date(value)
    except DateFieldError:
        return
    assert found is None or date(EARLIEST_YEAR, 1, 1) <= found <= latest_plausible_date()


@settings(max_examples=300, deadline=None)
@given_examples(st.dates(min_value=date(EARLIEST_YEAR, 1, 1), max_value=date.today()))
def test_given_dates_round_trip(day: date) -> None:
    assert parse_given_date(day.isoformat()) == day
    assert parse_given_date(int(day.strftime("%Y%m%d"))) == day
    assert parse_given_date(f"{day:%B} {day.day}, {day.year}") == day


@settings(max_examples=300, deadline=None)
@given_examples(st.text(max_size=120))
def test_dateline_parser_never_raises(line: str) -> None:
    found = parse_dateline(line)
    assert found is None or date(EARLIEST_YEAR, 1, 1) <= found <= latest_plausible_date()


@settings(max_examples=200, deadline=None)
@given_examples(st.dates(min_value=date(EARLIEST_YEAR, 1, 1), max_value=date.today()))
def test_datelines_round_trip(day: date) -> None:
    assert parse_dateline(f"Published: {day.day} {day:%B} {day.year}") == day
    assert parse_dateline(f"{day.day:02d}.{day.month:02d}.{day.year}") == day
