"""Tests for storyline.clean.plaintext: hand-written pages, properties, and the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.plaintext import CleanedText, clean_plain_text, reads_as_headline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

BODY = [
    "The harbour council of Velmora voted on Tuesday to close the old ferry pier for repairs.",
    "Councillor Ines Tarrow said the work would take at least four months.",
    "“We cannot keep patching a structure that is older than most of us,” she said.",
    "Ferry operators will use the northern jetty until then",
    "Residents asked for a shuttle bus.",
    "“Nobody will be left stranded” – Tarrow said.",
]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def kept(result: CleanedText) -> list[str]:
    return result.text.split("\n\n") if result.text else []


def reasons(result: CleanedText) -> dict[str, str]:
    return {span.text: span.reason for span in result.removed}


# --- hand-built pages -------------------------------------------------------------------------


def test_clean_article_is_kept_whole() -> None:
    result = clean_plain_text(page(*BODY))
    assert kept(result) == BODY
    assert result.removed == ()


def test_title_and_its_repeats_are_removed() -> None:
    title = "Velmora to close old ferry pier"
    result = clean_plain_text(page(title, title, *BODY, title), title=title)
    assert kept(result) == BODY
    assert [s.reason for s in result.removed] == ["title"] * 3


def test_title_with_site_suffix_matches_bare_headline() -> None:
    headline = "Velmora to close old ferry pier"
    raw = page(f"{headline} | The Velmora Courier", "Home\nNews\nSport\nWeather", headline, *BODY)
    result = clean_plain_text(raw, title=f"{headline} | The Velmora Courier")
    assert kept(result) == BODY
    assert reasons(result)[headline] == "title"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("AD", "ad"),
        ("Advertisement", "ad"),
        ("2 min read", "read-time"),
        ("Leave a Comment", "comment-prompt"),
        ("Leave a Reply", "comment-prompt"),
        ("No comments yet. Why don’t you start the discussion?", "comment-prompt"),
        ("Your email address will not be published.", "comment-prompt"),
        ("Comment on this post", "comment-prompt"),
        ("To be informed of the latest articles, subscribe:", "subscribe-prompt"),
        ("Share this article", "share-prompt"),
        ("Facebook Twitter WhatsApp Email", "share-prompt"),
        ("Read also: Harbour fees to rise next spring", "read-also"),
        ("Photo AP", "photo-credit"),
        ("Posted on March 3 2021, 09:15am", "dateline"),
        ("09:15 03.03.2021", "dateline"),
        ("Updated: 4 March 2021", "dateline"),
        ("Edit post Follow this blog Administration + Create my blog", "site-chrome"),
        ("© 2021 Velmora Courier. All rights reserved.", "site-chrome"),
        ("Click to share on Facebook (Opens in new window)", "share-prompt"),
        ("The old ferry pier on Monday, seen from the harbour. (AP Photo/Jane Doe, File)", "photo-credit"),
        ("Councillor Ines Tarrow at the harbour. Photograph: Jane Doe/Velmora Courier", "photo-credit"),
        ("In this March 3, 2021, file photo, the old ferry pier stands in Velmora harbour.", "photo-credit"),
        ("Leia também", "read-also"),
    ],
)
def test_common_chrome_is_removed_with_its_reason(line: str, reason: str) -> None:
    # Comment, subscribe and related-link prompts end an article; the rest may sit inside it.
    if reason in ("comment-prompt", "subscribe-prompt", "read-also"):
        raw = page(*BODY, line)
    else:
        raw = page(*BODY[:2], line, *BODY[2:])
    result = clean_plain_text(raw)
    assert reasons(result).get(line) == reason
    assert kept(result) == BODY


def test_menu_cluster_at_top_and_teasers_at_bottom_are_dropped() -> None:
    menu = "Home\nNews\nSport\nBusiness\nCulture\nWeather"
    footer = "About us\nContact us\nPrivacy Policy\nTerms of Use"
    result = clean_plain_text(page(menu, *BODY, "Related articles", footer))
    assert kept(result) == BODY
    assert {s.reason for s in result.removed} <= {"navigation", "site-chrome", "read-also",
                                                  "outside-body", "short-line-cluster"}


def test_short_lines_inside_body_are_kept() -> None:
    body = [BODY[0], "Why now?", BODY[1], "Ferries resume in May", BODY[2]]
    assert kept(clean_plain_text(page(*body))) == body


def test_repeated_site_name_is_chrome() -> None:
    result = clean_plain_text(page("Velmora Daily", "Velmora Daily", *BODY))
    assert kept(result) == BODY
    assert set(reasons(result).values()) == {"site-chrome"}


def test_cookie_banner_is_removed_even_when_long() -> None:
    banner = (
        "This website uses cookies to improve your experience while you navigate through the "
        "website, and third-party cookies help us analyse how you use it; you can opt out."
    )
    result = clean_plain_text(page(*BODY, banner))
    assert kept(result) == BODY
    assert reasons(result)[banner] == "site-chrome"


COMMENT = (
    "I have taken that ferry every morning for twenty years and I would gladly wait a few "
    "months more if it means the new pier is built properly this time."
)


def test_comment_thread_after_the_article_is_cut_off() -> None:
    thread = [
        "2 Comments",
        "Marta Quell on March 4, 2021 at 9:12 am said:",
        COMMENT,
        "Reply",
        "Ovid Brann on March 4, 2021 at 11:40 am said:",
        COMMENT.replace("twenty", "thirty"),
        "Rating: 12 Votes",
    ]
    result = clean_plain_text(page(*BODY, *thread))
    assert kept(result) == BODY
    assert reasons(result)[thread[2]] == "comment-thread"


def test_comment_count_under_the_headline_does_not_cut_the_article() -> None:
    headline = "Velmora to close old ferry pier"
    result = clean_plain_text(page(headline, "3 Comments", *BODY, "Leave a Reply"), title=headline)
    assert kept(result) == BODY


def test_sentence_case_headlines_after_the_article_are_dropped() -> None:
    related = [
        "1",
        "Man charged after crash on the old harbour road in the night",
        "2",
        "School board votes to close two schools at the end of the year",
        "3",
        "Storm warning issued for the coast as the winds pick up again",
    ]
    result = clean_plain_text(page(*BODY, *related))
    assert kept(result) == BODY


def test_truncated_excerpts_are_not_body() -> None:
    teasers = [
        "The council has announced a new plan for the northern jetty, which will be …",
        "Residents of the old town gathered on Sunday to protest against the new parking…",
        "After years of delay the museum finally opened its doors to the public, and [...]",
    ]
    result = clean_plain_text(page(*BODY, *teasers))
    assert kept(result) == BODY


def test_labelled_list_of_other_articles_is_cut_at_its_label() -> None:
    more = ["More Velmora Courier"]
    for n, topic in enumerate(("harbour fees", "the bus strike", "the new library")):
        more += [
            f"What the council still will not tell us about {topic}",
            f"Writer Number{n}",
            f"For months the council has promised answers about {topic}, and for months it has said nothing.",
        ]
    result = clean_plain_text(page(*BODY, *more))
    assert kept(result) == BODY
    assert reasons(result)["More Velmora Courier"] == "read-also"


def test_inline_related_box_does_not_cut_the_article() -> None:
    box = [
        "Related stories",
        "Harbour fees to rise next spring for all boat owners",
        "Bus strike ends after the council agrees to new pay",
        "New library opens its doors in the old customs house",
    ]
    result = clean_plain_text(page(*BODY[:2], *box, *BODY[2:4], BODY[0].replace("Tuesday", "Monday")))
    assert kept(result)[-3:] == [*BODY[2:4], BODY[0].replace("Tuesday", "Monday")]


def test_list_announced_by_the_last_paragraph_is_kept() -> None:
    dates = [
        "June 9 -- Northern jetty, Velmora harbour",
        "June 16 -- Old customs house, Velmora",
        "June 23 -- Lighthouse point, Carrow Bay",
        "June 30 -- Town square, Velmora",
    ]
    body = [*BODY[:3], "The ferry operators will run extra sailings on these dates:", *dates]
    result = clean_plain_text(page(*body, "Contact", "Newsletter"))
    assert kept(result) == body


def test_empty_and_blank_input() -> None:
    assert clean_plain_text("") == CleanedText(text="", removed=())
    assert clean_plain_text(" \n\n\t\n") == CleanedText(text="", removed=())


def test_offsets_point_into_raw_with_crlf_and_indentation() -> None:
    raw = "  AD  \r\n\r\n" + "\r\n\r\n".join(BODY) + "\r\n   Leave a Reply\r\n"
    result = clean_plain_text(raw)
    assert kept(result) == BODY
    for span in result.removed:
        assert raw[span.start : span.end] == span.text


# --- properties -------------------------------------------------------------------------------

_lines = st.lists(
    st.one_of(
        st.sampled_from(BODY + ["AD", "Home", "Leave a Reply", "2 min read", "", "  ", "Read also: x"]),
        st.text(max_size=60),
    ),
    max_size=25,
)
_separators = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])


def _check_invariants(raw: str, result: CleanedText) -> None:
    spans = sorted(result.removed, key=lambda s: s.start)
    for span in spans:
        assert raw[span.start : span.end] == span.text
        assert span.text.strip() == span.text and span.text
        assert span.reason
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start
    paragraphs = kept(result)
    for paragraph in paragraphs:
        assert paragraph and paragraph in raw
        assert paragraph.strip() == paragraph


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=40)))
def test_never_crashes_and_spans_are_exact(raw: str, title: str | None) -> None:
    _check_invariants(raw, clean_plain_text(raw, title=title))


@settings(max_examples=150, deadline=None)
@given(_lines, _separators)
def test_kept_and_removed_cover_every_nonblank_line(lines: list[str], sep: str) -> None:
    # Build inputs whose lines contain no other line-break characters, so "a line" is unambiguous.
    lines = [" ".join(line.split()) for line in lines]
    raw = sep.join(lines)
    result = clean_plain_text(raw, title=lines[0] if lines else None)
    _check_invariants(raw, result)
    expected = sorted(line.strip() for line in lines if line.strip())
    got = sorted(kept(result) + [span.text for span in result.removed])
    assert got == expected


# --- golden: the seed corpus ------------------------------------------------------------------

# Per seed: lines that are boilerplate (must be removed) and headline lines (removed, but neither
# body nor chrome). Every other non-blank line is an article paragraph and must be kept verbatim.
SEED_BOILERPLATE: dict[str, set[str]] = {
    "000": set(),
    "001": {"11:48 14.11.2023", "2 min read", "AD"},
    "002": {
        "Leave a Comment",
        "No comments yet. Why don’t you start the discussion?",
        "Leave a Reply",
        "Your email address will not be published.",
    },
    "003": {
        "Edit post Follow this blog Administration + Create my blog",
        "World News24",
        "Posted on January 7 2022, 18:48pm",
        "To be informed of the latest articles, subscribe:",
        "Comment on this post",
    },
    "004": {"Photo АР", "Read also:\xa0 Russia’s Military Escalation Against Ukraine (LIVE UPDATES)"},
}
SEED_HEADLINES: dict[str, set[str]] = {
    "001": {"NATO Secretary General comments on possibility of Ukraine-Russia talks: Ukraine decides this"},
    "003": {"NATO chief pledges 'good faith' in Russia talks on Ukraine, security"},
}


def _seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS}")
@pytest.mark.parametrize("path", _seed_files(), ids=lambda p: p.name[:3])
def test_seed_keeps_every_paragraph_and_drops_chrome(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    title = lines[0]
    key = path.name[:3]
    boilerplate = SEED_BOILERPLATE[key]
    headlines = SEED_HEADLINES.get(key, set()) | {title}
    result = clean_plain_text(raw, title=title)
    paragraphs = kept(result)
    removed = {span.text for span in result.removed}

    for line in lines:
        if line in boilerplate or line in headlines:
            assert line not in paragraphs, f"{key}: boilerplate kept: {line!r}"
            assert line in removed
        else:
            assert line in paragraphs, f"{key}: article paragraph dropped: {line[:80]!r}"
    assert len(paragraphs) == len(set(paragraphs))
    _check_invariants(raw, result)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed corpus not found at {SEEDS}")
def test_seed_spot_checks() -> None:
    by_prefix = {p.name[:3]: p.read_text(encoding="utf-8") for p in _seed_files()}
    first = lambda raw: next(line.strip() for line in raw.splitlines() if line.strip())  # noqa: E731
    text_003 = clean_plain_text(by_prefix["003"], title=first(by_prefix["003"])).text
    assert "Brussels: \xa0NATO Secretary General Jens Stoltenberg pledged" in text_003
    assert "Speaking in Paris, French President Emmanuel Macron" in text_003
    text_004 = clean_plain_text(by_prefix["004"], title=first(by_prefix["004"])).text
    endings = [p[-25:] for p in text_004.split("\n\n")]
    assert any(p.endswith("– Stoltenberg said.") for p in endings)
    assert any(p.endswith("– she said.") for p in endings)
    removed_001 = clean_plain_text(by_prefix["001"], title=first(by_prefix["001"])).removed
    assert {s.reason for s in removed_001 if s.text == "11:48 14.11.2023"} == {"dateline"}


def test_a_single_unfinished_line_of_prose_is_kept() -> None:
    raw = ("Minister Arlo Penhale met the envoys of Castavia in the old harbour hall of Velmora on a cold "
           "morning, and the two sides spoke for hours about the river border, the grain convoys and the "
           "prisoners still held on both banks, until the talks broke off when the envoy of the north said that")
    cleaned = clean_plain_text(raw, title="Talks in Velmora")
    assert cleaned.text == raw


def test_a_live_blog_stamp_glued_between_entries_is_cut_out() -> None:
    raw = ("The talks in Velmora went on late into the night and ended without a deal, officials said.\n\n"
           "Follow our other live blog: Velmora crisis latest newsRead moreUpdated at 23.50 GMT 24 Feb "
           "202223.33Asked when the minister would act, the president said the penalties were severe.")
    cleaned = clean_plain_text(raw)
    assert "Asked when the minister would act" in cleaned.text
    assert "202223.33" not in cleaned.text and "\n\nAsked when" in cleaned.text
    (stamp,) = [r for r in cleaned.removed if "GMT" in r.text]
    assert raw[stamp.start:stamp.end] == "Read moreUpdated at 23.50 GMT 24 Feb 202223.33"


def test_a_picture_credit_glued_to_the_next_entry_is_cut_out() -> None:
    raw = ("The talks in Velmora went on late into the night and ended without a deal, officials said.\n\n"
           "Volunteers unload boxes of aid in Tarn. Photograph: Ivo Brandt/SOPA Images/REX/ShutterstockThe "
           "mayor of Tarn said the convoys would resume on Monday. Castavia's envoy arrived later.Updated at "
           "16.09 BST 4d ago15.24Asked when the minister would act, the president said nothing.")
    cleaned = clean_plain_text(raw)
    assert "Ivo Brandt" not in cleaned.text and "4d ago" not in cleaned.text
    assert "\n\nThe mayor of Tarn said" in cleaned.text and "\n\nAsked when" in cleaned.text
    credit = next(r for r in cleaned.removed if "Photograph" in r.text)
    assert raw[credit.start:credit.end] == "Photograph: Ivo Brandt/SOPA Images/REX/Shutterstock"


@pytest.mark.parametrize("caption", [
    "Volunteers unload boxes of aid in Tarn. (Photo: Getty Images)",
    "Guards of the Tarn regiment carry a copy of the charter (Ivo Brandt/AP)",
])
def test_a_caption_ending_in_its_credit_is_removed_whole(caption: str) -> None:
    raw = ("The talks in Velmora went on late into the night and ended without a deal, officials said.\n\n"
           f"{caption}\n\n"
           "The mayor of Tarn said the convoys would resume on Monday, after the storm had passed.")
    cleaned = clean_plain_text(raw)
    assert caption not in cleaned.text and "The mayor of Tarn" in cleaned.text


def test_a_credit_glued_to_an_opening_quote_is_cut_out() -> None:
    raw = ("The talks in Velmora went on late into the night and ended without a deal, officials said.\n\n"
           "The envoy arrived at the harbour on Friday. Photograph: Ivo Brandt/AP “But everybody in "
           "Velmora had better get used to it,” the mayor of Tarn said on Saturday morning.")
    cleaned = clean_plain_text(raw)
    assert "Ivo Brandt" not in cleaned.text and "\n\n“But everybody" in cleaned.text


# --- no silent loss (issue 11) ----------------------------------------------------------------

TRANSCRIPT = [
    "Minister Arlo Penhale had a working meeting with the harbour council of Velmora.",
    "Minister Arlo Penhale: Good afternoon, colleagues. " + " ".join(
        f"On point {n} of the agenda, the council reported that the repairs of the old ferry pier are on "
        "schedule and that the northern jetty can take the ferries until the work is done." for n in range(12)
    ) + " Councillor Ines Tarrow: Thank you. We will report again in May. <…>",
]


def test_a_paragraph_ending_in_an_elision_mark_is_no_teaser() -> None:
    # "<…>" is the text's own mark that the published transcript stops there, not an excerpt cut
    # short to link to another page: the transcript is the article, at any length.
    for mark in ("<…>", "<...>", "(…)"):
        body = [TRANSCRIPT[0], TRANSCRIPT[1].replace("<…>", mark)]
        assert kept(clean_plain_text(page(*body), title="Meeting with the harbour council")) == body


def test_long_prose_that_names_privacy_is_no_legal_banner() -> None:
    paragraph = " ".join(
        [f"The council said that personal data of ferry passengers, their privacy and their consent to "
         f"cameras on pier {n} would be discussed with the harbour police before any decision." for n in range(6)]
    )
    assert kept(clean_plain_text(page(BODY[0], paragraph, BODY[1]))) == [BODY[0], paragraph, BODY[1]]


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    sentence = "By tradition, the ceremony will be held in the old customs hall of Velmora."
    result = clean_plain_text(page(BODY[0], sentence, *BODY[1:]))
    assert sentence in kept(result)
    byline = clean_plain_text(page("By Ines Tarrow, Velmora Courier", *BODY))
    assert reasons(byline) == {"By Ines Tarrow, Velmora Courier": "byline"}


def test_a_subheading_opening_with_like_is_no_comment_button() -> None:
    subheading = "‘Like rolling a dice’"
    result = clean_plain_text(page(*BODY[:2], subheading, *BODY[2:]))
    assert subheading in kept(result)
    for button in ("Like this:", "Like us on Facebook", "Like (3)"):
        assert reasons(clean_plain_text(page(*BODY, button))).get(button) == "comment-prompt"


def test_a_text_of_a_few_short_sentences_is_kept_whole() -> None:
    # No line reads as a paragraph on its own, so there is no body for them to be outside of.
    short = ["Velmora closes its pier.", "The council voted on Tuesday.", "Work takes four months."]
    assert kept(clean_plain_text(page(*short))) == short


# Lines that are chrome by their wording alone: removed from extracted text too.
WORDING_CHROME = [
    ("Read also: Harbour fees to rise next spring", "read-also"),
    ("Share this article", "share-prompt"),
    ("Photograph: Ivo Brandt/AP", "photo-credit"),
    ("Advertisement", "ad"),
    ("Updated at 16.09 BST 4d ago15.24", "site-chrome"),
    ("Subscribe to our weekly email newsletter", "subscribe-prompt"),
]


@pytest.mark.parametrize(("line", "reason"), WORDING_CHROME)
def test_extracted_text_loses_only_chrome_by_its_wording(line: str, reason: str) -> None:
    result = clean_plain_text(page(*BODY[:3], line, *BODY[3:]), extracted=True)
    assert kept(result) == BODY
    assert reasons(result) == {line: reason}


def test_extracted_text_keeps_what_a_page_would_lose_for_where_it_sits() -> None:
    closing = "The council meets again on 4 May"  # no full stop: a related headline on a page
    participants = "Taking part:\nInes Tarrow\nArlo Penhale\nOvid Brann"  # a menu, on a page
    raw = page(*BODY, participants, "* * *", BODY[0].replace("Tuesday", "Monday"), "* * *", closing)
    scraped = clean_plain_text(raw)
    assert closing not in kept(scraped) and "Ines Tarrow" not in kept(scraped)
    result = clean_plain_text(raw, extracted=True)
    assert result.removed == ()
    assert result.text == raw.replace("\n", "\n\n").replace("\n\n\n\n", "\n\n")


def test_extracted_text_still_loses_its_given_title() -> None:
    title = "Velmora to close old ferry pier"
    result = clean_plain_text(page(title, *BODY), title=title, extracted=True)
    assert kept(result) == BODY and reasons(result) == {title: "title"}


def test_extracted_transcript_is_kept_whole() -> None:
    assert kept(clean_plain_text(page(*TRANSCRIPT), extracted=True)) == TRANSCRIPT


@settings(max_examples=150, deadline=None)
@given(_lines, _separators, st.booleans())
def test_extracted_mode_covers_every_line_too(lines: list[str], sep: str, title_first: bool) -> None:
    lines = [" ".join(line.split()) for line in lines]
    raw = sep.join(lines)
    result = clean_plain_text(raw, title=lines[0] if lines and title_first else None, extracted=True)
    _check_invariants(raw, result)
    expected = sorted(line.strip() for line in lines if line.strip())
    assert sorted(kept(result) + [span.text for span in result.removed]) == expected
    # Extracted text loses a line only for its wording, so a line's fate does not depend on the
    # others: cleaning it alone gives the same verdict (the title aside, which is given).
    for line in {line.strip() for line in lines if line.strip()}:
        alone = clean_plain_text(line, title=lines[0] if title_first else None, extracted=True)
        assert (line in kept(result)) == (alone.text == line)


# --- the kept share ---------------------------------------------------------------------------


def test_kept_share_counts_characters_of_lines_and_leaves_the_title_aside() -> None:
    title = "Velmora to close old ferry pier"
    result = clean_plain_text(page(title, "AD", *BODY), title=title)
    body_chars = sum(map(len, BODY))
    assert result.kept_share == pytest.approx(body_chars / (body_chars + len("AD")))
    assert result.removed_chars() == {"title": len(title), "ad": 2}
    assert clean_plain_text(page(*BODY)).kept_share == 1.0
    assert clean_plain_text("").kept_share == 1.0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_kept_share_is_a_share(raw: str, extracted: bool) -> None:
    result = clean_plain_text(raw, extracted=extracted)
    assert 0.0 <= result.kept_share <= 1.0
    assert (result.kept_share == 1.0) == all(span.reason == "title" for span in result.removed)


@pytest.mark.parametrize(("line", "expected"), [
    ("Velmora to close old ferry pier", True),
    ("Is the old pier safe?", True),
    ("Tarrow: “The pier must close”", True),
    ("The harbour council voted on Tuesday to close the old pier.", False),
    ("Tarrow said: “The pier must close.”", False),
    ("Velmora, Castavia (Courier) —", False),  # a dateline leading into the first paragraph
    (" ".join(["word"] * 46), False),  # a paragraph that lost its full stop
    ("", False),
])
def test_reads_as_headline(line: str, expected: bool) -> None:
    assert reads_as_headline(line) is expected
