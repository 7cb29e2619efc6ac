"""The merged timeline and inferred publication dates: unit tests on hand-built events, and the
golden end-to-end checks on the sample corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dataclasses import replace

from storyline.link.mentions import TimexIndex
from storyline.link.dates import infer_dates
from storyline.link.timeline import (
    NO_COUNTERPART,
    NO_NAMED_ACTOR,
    PRESENT_TENSE_STATEMENT,
    SPEAKER_INTENTION,
    VAGUE_LONE_REPORT,
    UNDATED_LONE_REPORT,
    in_own_voice,
    judge_salience,
    keep_timeline,
    merge_timeline,
    readable_title,
    reads_alone,
    summarise_days,
    summary_candidates,
    title_span,
)
from storyline.records import Event, EventDate, Span, Timex
from storyline.store import Store
from storyline.records import TimelineEntry


def event(doc: str, category: str, mode: str, value: str | None, actors: str, *, basis: str = "timex",
          trigger: str = "meeting", sentence: int = 0, start: int = 0) -> Event:
    text = f"A {trigger} of {actors}."
    return Event(doc=doc, start=start, end=start + len(text), text=text,
                 trigger=Span(start + 2, start + 2 + len(trigger), trigger), category=category, mode=mode,
                 date=EventDate(value, basis if value else None, start, start + 1), sentence=sentence,
                 confidence=0.8)


def actors_of(e: Event) -> frozenset[str]:
    return frozenset(e.text.split(" of ")[1].rstrip(".").split(","))


def test_reports_of_one_meeting_merge_and_keep_every_date_claim() -> None:
    events = [
        (1, event("a", "CONSULT", "scheduled", "2031-05-09", "Velmora,Castavia")),
        (2, event("b", "CONSULT", "happened", "2031-05-10", "Velmora,Castavia,Ostrel")),
        (3, event("c", "CONSULT", "scheduled", "2031-05-10", "Castavia,Velmora")),
        (4, event("d", "CONSULT", "scheduled", "2031-05-10", "Ostrel,Dunmark")),  # other parties
        (5, event("e", "ASSAULT", "happened", "2031-05-10", "Velmora,Castavia", trigger="shelling")),  # other happening
    ]
    values = {1: ("2031-05-09", "2031-05-10")}
    lookup = {id(e): values.get(i, ()) for i, e in events}
    entries = merge_timeline(events, actors_of, lambda e: lookup[id(e)])
    merged = [(entry, ids) for entry, ids in entries if len(ids) > 1]
    assert len(entries) == 3 and len(merged) == 1
    entry, ids = merged[0]
    assert ids == [1, 2, 3] and entry.sources == ("a", "b", "c")
    assert entry.date == "2031-05-10"  # all three sources support the 10th; one also the 9th
    assert {c.value for c in entry.date_claims} == {"2031-05-09/2031-05-10", "2031-05-10"}


def test_undated_hypothetical_and_weakly_dated_events() -> None:
    events = [
        (1, event("a", "CONSULT", "scheduled", "2031-05-10", "Velmora,Castavia")),
        (2, event("b", "CONSULT", "hypothetical", "2031-05-10", "Velmora,Castavia")),
        (3, event("c", "CONSULT", "happened", "2031-05-11", "Velmora,Castavia", basis="published", trigger="meet")),
        (4, event("d", "CONSULT", "happened", "2031-05-11", "Velmora,Castavia", basis="published", trigger="talks")),
        (5, event("e", "CONSULT", "happened", None, "Velmora,Castavia")),
    ]
    (entry, ids), (talks, talk_ids) = merge_timeline(events, actors_of)
    assert ids == [1, 3]  # the next day's report of a meeting joins; "talks" on its own date does not
    assert talk_ids == [4] and talks.filtered is not None  # it starts its own entry, not shown


def test_a_passing_echo_of_a_landmark_event_joins_its_entry() -> None:
    landmark = [(i, event(doc, "ASSAULT", "happened", "2031-02-24", "Velmora,Castavia", trigger="invasion"))
                for i, doc in enumerate("abc", start=1)]
    events = landmark + [
        (4, event("d", "ASSAULT", "happened", "2031-02-24", "Velmora", trigger="invaded")),  # "Velmora's invasion"
        (5, event("e", "ASSAULT", "happened", "2031-02-24", "Velmora,Dunmark", trigger="invasion")),  # another party
        (6, event("f", "ASSAULT", "happened", "2031-02-24", "Velmora", trigger="shelling")),  # another happening
    ]
    merged = sorted(tuple(ids) for _, ids in merge_timeline(events, actors_of))
    assert merged == [(1, 2, 3, 4), (5,), (6,)]


def test_a_report_dated_by_its_publication_neither_names_the_day_nor_joins_by_a_state_of_affairs() -> None:
    events = [
        (1, event("a", "ASSAULT", "happened", "2031-02-24", "Velmora,Castavia", trigger="attack")),
        # printed the day before and after, naming the same parties and kind of act
        *[(i, event(doc, "ASSAULT", "happened", "2031-02-23", "Velmora,Castavia", basis="published", trigger="attacked"))
          for i, doc in ((2, "b"), (3, "c"))],
        # "the war": no act of that day
        (4, event("d", "ASSAULT", "happened", "2031-02-24", "Velmora,Castavia", basis="published", trigger="war")),
    ]
    ((entry, ids),) = [(e, i) for e, i in merge_timeline(events, actors_of) if 1 in i]
    assert ids == [1, 2, 3]
    assert entry.date == "2031-02-24"  # the one report that dates it outweighs two printing days


def test_one_article_with_two_dates_describes_two_events() -> None:
    events = [
        (1, event("a", "CONSULT", "scheduled", "2031-05-10", "Velmora,Castavia")),
        (2, event("a", "CONSULT", "scheduled", "2031-05-11", "Velmora,Castavia", start=50)),
    ]
    assert len(merge_timeline(events, actors_of)) == 2


def test_a_report_dated_by_its_publication_joins_the_event_of_its_own_day_on_a_tie() -> None:
    events = [
        (1, event("a", "CONSULT", "scheduled", "2031-05-11", "Velmora,Castavia,Ostrel")),
        (2, event("b", "CONSULT", "scheduled", "2031-05-12", "Velmora,Castavia,Dunmark", start=50)),
        # shares two names with each; printed on the 12th, the day of the second meeting
        (3, event("c", "CONSULT", "happened", "2031-05-12", "Velmora,Castavia", basis="published")),
    ]
    merged = {tuple(ids) for _, ids in merge_timeline(events, actors_of)}
    assert merged == {(1,), (2, 3)}


def test_publication_date_inferred_between_past_and_coming_events() -> None:
    undated = {"u": [event("u", "ASSAULT", "happened", "XXXX-02-10", "Velmora,Castavia", sentence=0),
                     event("u", "CONSULT", "scheduled", "XXXX-03-10", "Velmora,Ostrel", sentence=1)]}
    timexes = {"u": [Timex("u", 0, 1, "February 10", "DATE", "XXXX-02-10", 0, ("XXXX-02-10",)),
                     Timex("u", 0, 1, "March 10", "DATE", "XXXX-03-10", 1, ("XXXX-03-10",))]}
    (found,) = infer_dates(undated, timexes, [], [date(2031, 1, 5), date(2031, 6, 1)], actors_of)
    assert found.value == "2031-02-24" and not found.corroborated
    assert "after 2031-02-10" in found.evidence and "before 2031-03-10" in found.evidence


def test_another_article_confirms_the_year() -> None:
    undated = {"u": [event("u", "CONSULT", "scheduled", "XXXX-05-10", "Velmora,Castavia")]}
    timexes = {"u": [Timex("u", 0, 1, "May 10", "DATE", "XXXX-05-10", 0, ("XXXX-05-10",))]}
    dated = [event("k", "CONSULT", "scheduled", "2032-05-10", "Castavia,Velmora")]
    (found,) = infer_dates(undated, timexes, dated, [date(2031, 1, 5), date(2031, 6, 1), date(2032, 5, 2)],
                           actors_of)
    assert found.value == "2032-05-10" and found.corroborated and found.confidence > 0.5


def test_no_dated_words_no_guess() -> None:
    undated = {"u": [event("u", "CONSULT", "happened", None, "Velmora,Castavia")]}
    assert infer_dates(undated, {}, [], [date(2031, 1, 5)], actors_of) == []


# -- salience: which entries a reader of the timeline wants ----------------------------------------

def report(doc: str, category: str, *, source: str | None = None, target: str | None = None,
           mode: str = "happened", basis: str = "timex") -> Event:
    return replace(event(doc, category, mode, "2031-05-10", "x", basis=basis), source_actor=source, target_actor=target)


def entry(category: str, *docs: str, actors: tuple[str, ...] = (), mode: str = "happened") -> TimelineEntry:
    return TimelineEntry(id="e", date="2031-05-10", title="t", category=category, mode=mode, sources=docs,
                         date_claims=(), actors=actors)


def judged(entry_: TimelineEntry, reports: list[Event], date_text: str = "10 May",
           labels: dict[str, str] | None = None) -> TimelineEntry:
    return judge_salience(entry_, reports, lambda e: date_text, labels)


def test_an_event_needs_a_named_actor_doing_or_suffering_it() -> None:
    # "Today we discussed the transport sector": nobody named.
    assert judged(entry("CONSULT", "a"), [report("a", "CONSULT")], "today").filtered == NO_NAMED_ACTOR
    kept = judged(entry("ASSAULT", "a", actors=("velmora", "castavia")),
                  [report("a", "ASSAULT", source="velmora", target="castavia")])
    assert kept.filtered is None


def test_a_written_date_and_two_parties_named_around_the_event_stand_in_for_a_parsed_actor() -> None:
    # "As of 10 May, corridors were agreed between Velmora and Castavia."
    two = judged(entry("AGREE", "a", actors=("velmora", "castavia")), [report("a", "AGREE")])
    assert two.filtered is None
    assert judged(entry("AGREE", "a", actors=("velmora", "castavia")), [report("a", "AGREE")],
                  "on Thursday").filtered is None
    # A nationality stands for its country: "Velmoran" and Velmora are one party.
    one = judged(entry("AGREE", "a", actors=("velmoran", "velmora")), [report("a", "AGREE")],
                 labels={"velmoran": "NORP", "velmora": "GPE"})
    assert one.filtered == NO_NAMED_ACTOR
    # "We agreed it with Velmora and Castavia today": a speech dating itself.
    assert judged(entry("AGREE", "a", actors=("velmora", "castavia")), [report("a", "AGREE")],
                  "today").filtered == NO_NAMED_ACTOR


def test_a_meeting_needs_a_counterpart_unless_several_sources_report_it() -> None:
    alone = [report("a", "CONSULT", source="orvo")]  # "Today, Orvo and I discussed ..."
    assert judged(entry("CONSULT", "a", actors=("orvo",)), alone).filtered == NO_COUNTERPART
    assert judged(entry("CONSULT", "a", actors=("orvo", "castavia")), alone).filtered is None
    corroborated = alone + [report("b", "CONSULT", source="orvo")]
    assert judged(entry("CONSULT", "a", "b", actors=("orvo",)), corroborated).filtered is None
    # An article that joins only by its publication day does not corroborate: it dates nothing.
    printed = alone + [report("b", "CONSULT", source="orvo", basis="published")]
    assert judged(entry("CONSULT", "a", "b", actors=("orvo",)), printed).filtered == NO_COUNTERPART


def test_a_lone_report_dated_only_today_must_say_who_acted() -> None:
    # "wounded in Castavia today": a target, no actor; "Velmora shelled Castavia today" names one.
    assert judged(entry("ASSAULT", "a", actors=("castavia",)), [report("a", "ASSAULT", target="castavia")],
                  "today").filtered == VAGUE_LONE_REPORT
    assert judged(entry("ASSAULT", "a", actors=("castavia",)), [report("a", "ASSAULT", target="castavia")],
                  "10 May").filtered is None
    assert judged(entry("ASSAULT", "a", actors=("velmora", "castavia")),
                  [report("a", "ASSAULT", source="velmora", target="castavia")], "today").filtered is None
    # "Today Castavia is fighting for its freedom": a present-tense statement, not an event.
    ongoing = judged(entry("ASSAULT", "a", actors=("castavia",), mode="ongoing"),
                     [report("a", "ASSAULT", source="castavia", mode="ongoing")], "today")
    assert ongoing.filtered == PRESENT_TENSE_STATEMENT


def test_a_speakers_own_plan_for_today_is_not_yet_an_event() -> None:
    # "Today we will reach a clear understanding": the speaker's "we", scheduled, one source.
    plan = replace(report("a", "AGREE", source="velmora", mode="scheduled"), source=Span(0, 2, "we"))
    assert judged(entry("AGREE", "a", actors=("velmora",), mode="scheduled"), [plan], "today").filtered \
        == SPEAKER_INTENTION
    # "Today we sent aid to Castavia": a done act by the speaker's side stays.
    done = replace(plan, mode="happened")
    assert judged(entry("AGREE", "a", actors=("velmora",)), [done], "today").filtered is None


def test_salience_points_favour_corroborated_dated_events_and_filtered_entries_are_kept() -> None:
    events = [
        (1, report("a", "CONSULT", source="velmora", target="castavia")),
        (2, report("b", "CONSULT", source="castavia", target="velmora")),
        (3, replace(report("c", "CONSULT"), start=40)),  # "we discussed it today"
    ]
    actors = {1: frozenset({"velmora", "castavia"}), 2: frozenset({"velmora", "castavia"}), 3: frozenset()}
    by_event = {id(e): actors[i] for i, e in events}
    entries = merge_timeline(events, lambda e: by_event[id(e)], date_text_of=lambda e: "10 May")
    assert len(entries) == 2  # the anonymous statement is returned, marked, not dropped
    (shown, shown_ids), (hidden, hidden_ids) = sorted(entries, key=lambda pair: pair[0].filtered is not None)
    assert shown.filtered is None and shown_ids == [1, 2]
    assert hidden.filtered == NO_NAMED_ACTOR and hidden_ids == [3]
    assert shown.salience > hidden.salience


def test_the_store_keeps_filtered_entries_out_of_the_default_timeline(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.replace_timeline([(replace(entry("CONSULT", "a"), id="shown", salience=3.0), []),
                                    (replace(entry("CONSULT", "a"), id="hidden", filtered=NO_NAMED_ACTOR), [])])
        assert [e.id for e in store.timeline()] == ["shown"]
        everything = {e.id: e for e in store.timeline(include_filtered=True)}
        assert everything["hidden"].filtered == NO_NAMED_ACTOR and everything["shown"].salience == 3.0


# -- golden: the sample corpus -------------------------------------------------------------------

def docs_by_name(store: Store) -> dict[str, str]:
    return {Path(d.source).name[:3]: d.id for d in store.documents()}


def test_nato_russia_council_meeting_appears_once_citing_three_articles(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        ids = docs_by_name(store)
        meetings = [e for e in store.timeline(start="2022-01-12", end="2022-01-12")
                    if {ids["002"], ids["003"], ids["004"]} <= set(e.sources)]
        assert len(meetings) == 1
        assert meetings[0].category == "CONSULT"
        same_day = [e for e in store.timeline(start="2022-01-12", end="2022-01-12") if e.category == "CONSULT"]
        assert len(same_day) == 1


def test_invasion_and_summit_are_dated(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        ids = docs_by_name(store)
        invasion = store.timeline(start="2022-02-24", end="2022-02-24")
        assert any(e.category == "ASSAULT" and ids["000"] in e.sources for e in invasion)
        summit = store.timeline(start="2022-03-24", end="2022-03-24")
        assert any(e.category == "CONSULT" and e.mode == "scheduled" and ids["000"] in e.sources for e in summit)


def test_geneva_talks_merge_despite_different_dates(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        ids = docs_by_name(store)
        geneva = [e for e in store.timeline(start="2022-01-10", end="2022-01-10")
                  if {ids["003"], ids["004"]} <= set(e.sources) and "Geneva" in " ".join(x.text for x in e.events)]
        assert len(geneva) == 1
        assert len({c.value for c in geneva[0].date_claims}) >= 2  # "Monday and Tuesday" vs "January 10"


def test_undated_emergency_meeting_article_gets_an_inferred_date_in_march_2022(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        doc = store.document(docs_by_name(store)["000"])
        assert doc.published_basis == "inferred"
        assert doc.published is not None and doc.published.startswith("2022-03")
        assert doc.published_confidence is not None and 0 < doc.published_confidence < 1
        assert doc.published_evidence
        stated = store.document(docs_by_name(store)["003"])
        assert (stated.published, stated.published_basis, stated.published_confidence) == ("2022-01-07", "dateline", None)


def test_timeline_filters_by_actor(seeds_db: Path) -> None:
    with Store.open(seeds_db) as store:
        assert store.timeline(actor="Geneva")
        assert store.timeline(actor="no such actor anywhere") == []


def test_an_event_dated_by_the_documents_first_words_finds_its_temporal_expression() -> None:
    # "Today, Velmora is fighting ..." — the expression starts at offset 0
    today = Timex("a", 0, 5, "Today", "DATE", "2031-05-10", 0, ("2031-05-10",))
    dated = replace(event("a", "ASSAULT", "ongoing", "2031-05-10", "Velmora"),
                    date=EventDate("2031-05-10", "timex", 0, 5))
    assert TimexIndex([today]).of(dated) is today
    assert TimexIndex([today]).of(replace(dated, date=EventDate("2031-05-10", "published"))) is None


def test_one_happening_is_one_entry_whatever_category_each_report_got() -> None:
    events = [
        (1, event("a", "CONSULT", "happened", "2031-05-10", "Velmora,Castavia", trigger="talks")),
        (2, event("b", "REQUEST", "happened", "2031-05-10", "Velmora,Castavia", trigger="talked")),
    ]
    entries = merge_timeline(events, actors_of)
    assert [ids for _, ids in entries] == [[1, 2]]


def test_a_report_dated_only_by_its_article_day_starts_an_entry() -> None:
    events = [(i, replace(event(doc, "SANCTION", "happened", "2031-05-10", "Velmora,Castavia", basis="published",
                                trigger="verdict"), source_actor="Velmora")) for i, doc in ((1, "a"), (2, "b"))]
    lone = merge_timeline(events[:1], actors_of)
    assert len(lone) == 1 and lone[0][0].filtered == UNDATED_LONE_REPORT
    both = merge_timeline(events, actors_of)
    assert [ids for _, ids in both] == [[1, 2]] and both[0][0].filtered is None


def test_titles_stand_alone() -> None:
    assert readable_title("ORVANDA | Thu Mar 3, 2031 11:45 am EST Velmora offered to mediate between "
                          "the two sides.") == "Velmora offered to mediate between the two sides."
    assert readable_title("Dunmark council approves harbour plan The Dunmark council has approved a plan "
                          "for the harbour on Tuesday.") == ("The Dunmark council has approved a plan for "
                                                             "the harbour on Tuesday.")
    # One word said again is no headline and its lead: these are single sentences.
    for sentence in ("The Regent congratulated the Regent of the Orvel League on the anniversary of the treaty.",
                     "On the Day of Castavian Shipwrights, the Regent met the Castavian guild masters."):
        assert readable_title(sentence) == sentence
    plain = "The Castavia minister met her Velmoran counterpart in the capital."
    assert readable_title(plain) == plain and reads_alone(plain)
    assert not reads_alone("to be sentenced on 29 November")


def test_the_kept_timeline_ranks_days_by_the_articles_that_refer_to_them() -> None:
    def entry(id: str, day: str, sources: tuple[str, ...]) -> TimelineEntry:
        return TimelineEntry(id, day, f"Title {id}.", "CONSULT", "happened", sources, ())

    entries = [entry("x", "2031-05-10", ("a",)), entry("y", "2031-05-11", ("b", "c")),
               entry("z", "2031-05-11", ("d",)), entry("w", "2031-05-12", ("e",))]
    # Four articles name the 10th; on the 11th, d is a copy of c, so y has two independent reports.
    references = {"2031-05-10": {"f", "g", "h", "i"}}
    kept = keep_timeline(entries, references, {"d": "c"}, {"b": 3}, top=2, per_day=1)
    assert [day.date for day in kept] == ["2031-05-10", "2031-05-11"]
    assert kept[0].references == 5 and kept[1].references == 2  # b, c (d is c's copy)
    best = kept[1].entries[0]
    assert best.entry.id == "y" and best.publications == 4 and best.independent == 2


def sentence(start: int, text: str) -> Span:
    """A sentence of an invented article, starting at ``start``."""
    return Span(start, start + len(text), text)


def test_a_day_is_told_by_the_sentences_nearest_what_its_articles_say_of_it() -> None:
    flood = sentence(0, "The river Orvel flooded the lower town of Castavia on Monday.")
    again = sentence(100, "On Monday the river Orvel flooded the lower town of Castavia again.")
    aside = sentence(200, "Tickets for the spring fair in Castavia went on sale on Monday.")
    report = sentence(300, "Rescuers said the Orvel flood in Castavia had reached the town hall by Monday.")
    candidates = {"2031-05-12": [("a", flood), ("b", aside), ("c", again), ("d", report), ("e", flood)]}
    told = summarise_days(candidates, 2)["2031-05-12"]
    # The flood is what the day's articles say; the second flood sentence says the first again.
    assert [s.text for s in told] == [flood.text, report.text]
    assert told[0].sources == ("a", "e") and (told[0].start, told[0].end) == (0, len(flood.text))
    # The same candidates in another order tell the day the same way.
    shuffled = {"2031-05-12": list(reversed(candidates["2031-05-12"]))}
    assert summarise_days(shuffled, 2) == summarise_days(candidates, 2)


def test_a_day_is_told_by_what_happened_before_what_somebody_said_of_it() -> None:
    # A letter to the editor shares the day's words with the report, a few more of them; the
    # report says what happened.
    letter = sentence(0, "We watched the Orvel flood the lower town of Castavia and nobody in Castavia came.")
    report = sentence(100, "The river Orvel flooded the lower town of Castavia on Monday.")
    aside = sentence(200, "Rescuers reached the lower town of Castavia by boat.")
    candidates = {"2031-05-12": [("a", letter), ("b", report), ("c", aside)]}
    told = summarise_days(candidates, 1)["2031-05-12"]
    assert [s.text for s in told] == [report.text]


def test_a_sentence_in_own_voice_is_a_quote_or_the_first_or_second_person() -> None:
    assert in_own_voice("We must rebuild Castavia before the winter.")
    assert in_own_voice("The mayor called it “a disaster for every family”.")
    assert in_own_voice("Your article on the Orvel flood missed the point.")
    assert not in_own_voice("The US sent two ships to Castavia on Monday.")  # the country, not "us"
    assert not in_own_voice("The river Orvel flooded the lower town of Castavia on Monday.")


def test_a_day_summary_reads_sentences_naming_it_and_the_leads_printed_on_it() -> None:
    def timex(doc: str, sentence: int, value: str) -> Timex:
        return Timex(doc, 0, 6, "Monday", "DATE", value, sentence)

    published = {"a": "2031-05-12", "b": "2031-05-14", "c": "2031-06-30", "d": "2031-05-11"}
    timexes = [timex("b", 7, "2031-05-12"), timex("c", 4, "2031-05-12"), timex("d", 2, "2031-05-12")]
    wanted = summary_candidates(timexes, published, ["2031-05-12"])
    assert set(wanted["a"]) == {0, 1, 2}  # printed that day: its lead
    assert wanted["b"] == {7: {"2031-05-12"}}  # two days later, naming it
    assert "c" not in wanted  # seven weeks later: it looks back on the day
    assert "d" not in wanted  # printed before it: a plan, not what happened


def test_a_title_span_cuts_the_dateline_and_stays_a_span_of_the_text() -> None:
    text = "PORT ASTERLY (Reuters) - The harbour guild of Port Asterly voted to strike on Tuesday."
    span = title_span(Span(40, 40 + len(text), text))
    assert span.text == "The harbour guild of Port Asterly voted to strike on Tuesday."
    assert text[span.start - 40:span.end - 40] == span.text
