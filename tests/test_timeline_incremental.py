"""The timeline merged again from the last merge's placements equals a merge from scratch.

Hand-built events on a few neighbouring days (so that clusters, echoes and reports dated only by
their article's day meet), a corpus changed by new documents, documents whose events changed
and documents whose events read other actors: :func:`cluster_events` with a
:class:`PreviousMerge` must give the clusters, in order and member by member, and the entries
that a merge of the changed corpus from scratch gives.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.link.timeline import PreviousMerge, cluster_entry, cluster_events, placements
from storyline.records import Event, EventDate, Span

PARTIES = ("Velmora", "Castavia", "Ostrel", "Dunmark")
TRIGGERS = ("meeting", "met", "shelling", "talks", "attack")
CATEGORIES = ("CONSULT", "ASSAULT", "COOPERATE")

# One report: its document, its day (of a week), dated in words or by its article's day, what
# happened, the parties named around it, and its sentence.
report = st.tuples(st.integers(0, 7), st.integers(0, 5), st.booleans(), st.sampled_from(TRIGGERS),
                   st.sampled_from(CATEGORIES), st.sets(st.sampled_from(PARTIES), min_size=1, max_size=3),
                   st.integers(0, 3))


def event(doc: str, day: int, dated: bool, trigger: str, category: str, parties: frozenset[str],
          sentence: int, start: int) -> Event:
    text = f"A {trigger} of {','.join(sorted(parties))}."
    value = date(2031, 5, 8 + day).isoformat()
    return Event(doc=doc, start=start, end=start + len(text), text=text,
                 trigger=Span(start + 2, start + 2 + len(trigger), trigger), category=category, mode="happened",
                 date=EventDate(value, "timex" if dated else "published", start, start + 1), sentence=sentence,
                 confidence=0.8)


def parties_of(e: Event) -> frozenset[str]:
    return frozenset(e.text.split(" of ")[1].rstrip(".").split(","))


def corpus(reports: list[tuple]) -> list[tuple[int, Event]]:
    """(event id, event) pairs; each document's reports in order, 100 characters apart."""
    events = []
    for n, (doc, day, dated, trigger, category, parties, sentence) in enumerate(reports):
        events.append((n + 1, event(f"d{doc}", day, dated, trigger, category, frozenset(parties), sentence,
                                    start=100 * n)))
    return events


def shape(clusters) -> list[tuple[int, list[int]]]:
    return [(cluster.creator, [i for i, _, _ in cluster.members]) for cluster in clusters]


def merged_again(before: list[tuple[int, Event]], after: list[tuple[int, Event]], changed: set[str],
                 actors_before=parties_of, actors_after=parties_of):
    last = cluster_events(before, actors_before)
    previous = PreviousMerge(dict(placements(last, actors_before, lambda i, e: e.text)), changed)
    return cluster_events(after, actors_after, previous=previous), previous


@settings(max_examples=300, deadline=None)
@given(st.lists(report, min_size=1, max_size=40), st.lists(report, max_size=12), st.sets(st.integers(0, 7)))
def test_new_and_changed_documents_merge_as_from_scratch(old: list[tuple], new: list[tuple],
                                                         rewritten: set[int]) -> None:
    before = corpus(old)
    # New documents' reports get new ids; a rewritten document (re-dated, re-analysed) loses its
    # reports and gets the new ones written for it, under ids the store may give again.
    kept = [(i, e) for i, e in before if int(e.doc[1:]) not in rewritten]
    fresh = [(i + 1000 if n % 2 else i, e) for n, (i, e) in enumerate(corpus(new))]
    fresh = [(i, e) for i, e in fresh if i not in {k for k, _ in kept}]
    after = kept + [(i, e) for i, e in fresh]
    changed = {e.doc for _, e in fresh} | {f"d{doc}" for doc in rewritten}
    again, previous = merged_again(before, after, changed)
    scratch = cluster_events(after, parties_of)
    assert shape(again) == shape(scratch)
    assert [cluster_entry(c, lambda e: "", None, lambda e: None) for c in again] == \
        [cluster_entry(c, lambda e: "", None, lambda e: None) for c in scratch]
    # what no dirty cluster covers is exactly the last merge's
    last = {cluster.creator: [i for i, _, _ in cluster.members] for cluster in cluster_events(before, parties_of)}
    for creator, members in shape(again):
        if creator not in previous.dirty:
            assert last.get(creator) == members


@settings(max_examples=200, deadline=None)
@given(st.lists(report, min_size=2, max_size=40), st.sets(st.integers(0, 7), min_size=1), st.sampled_from(PARTIES))
def test_a_document_whose_events_name_another_party_merges_as_from_scratch(old: list[tuple], renamed: set[int],
                                                                           party: str) -> None:
    # The same events, but in the renamed documents a name now stands for ``party`` (a changed
    # actor index, a new name in the gazetteer): they are placed again.
    events = corpus(old)
    docs = {f"d{doc}" for doc in renamed}

    def actors_after(e: Event) -> frozenset[str]:
        return parties_of(e) | {party} if e.doc in docs else parties_of(e)

    again, _ = merged_again(events, events, docs, actors_after=actors_after)
    assert shape(again) == shape(cluster_events(events, actors_after))


def test_an_unchanged_corpus_is_placed_as_before_with_nothing_dirty() -> None:
    events = corpus([(0, 1, True, "meeting", "CONSULT", {"Velmora", "Castavia"}, 0),
                     (1, 1, False, "meeting", "CONSULT", {"Velmora", "Castavia"}, 0),
                     (2, 2, False, "shelling", "ASSAULT", {"Ostrel", "Dunmark"}, 1),
                     (3, 2, False, "shelling", "ASSAULT", {"Ostrel", "Dunmark"}, 0)])
    again, previous = merged_again(events, events, set())
    assert shape(again) == shape(cluster_events(events, parties_of)) == [(1, [1, 2]), (3, [3, 4])]
    assert previous.dirty == set()


def test_a_new_report_dirties_only_the_clusters_it_can_see() -> None:
    # Two meetings a week apart; a new report of the first joins it, the second is not looked at.
    week = [(0, 0, True, "meeting", "CONSULT", {"Velmora", "Castavia"}, 0),
            (1, 5, True, "talks", "CONSULT", {"Ostrel", "Dunmark"}, 0),
            (2, 5, False, "talks", "CONSULT", {"Ostrel", "Dunmark"}, 0)]
    before = corpus(week)
    after = before + [(99, event("d7", 0, False, "meeting", "CONSULT", frozenset({"Velmora", "Castavia"}), 0, 900))]
    again, previous = merged_again(before, after, {"d7"})
    assert shape(again) == shape(cluster_events(after, parties_of)) == [(1, [1, 99]), (2, [2, 3])]
    assert previous.dirty == {1}


# -- the steps on a store: a build of new articles, then a full relink, change nothing ------------

ARTICLES = [
    ("2021-05-12", "Velmora and Castavia hold border talks",
     "Foreign Minister Ilsa Brandvold of Velmora met Castavian envoy Tomas Reich in Korvath on Monday. "
     "\"We demand the withdrawal of all troops from the border,\" Brandvold said after the talks. "
     "Reich rejected the demand for a withdrawal and warned of sanctions."),
    ("2021-05-12", "Border talks end without a deal",
     "Velmora and Castavia held talks in Korvath on Monday. Brandvold met Reich for three hours. "
     "Castavia refused the withdrawal of its troops, Reich said."),
    ("2021-05-13", "Ostrel backs Velmora",
     "President Anna Lisk of Ostrel said on Tuesday that she supports the withdrawal of Castavian troops. "
     "\"Ostrel stands with Velmora,\" Lisk told reporters in Ostrel City."),
    ("2021-05-14", "Shelling near Korvath",
     "Castavian forces shelled villages near Korvath on Wednesday, Velmora's defence ministry said. "
     "Brandvold accused Castavia of breaking the ceasefire and demanded new talks."),
    ("2021-05-13", "Dunmark offers to mediate",
     "Dunmark's prime minister Olaf Tern offered on Tuesday to host new talks between Velmora and Castavia. "
     "Tern met Brandvold in Korvath and called for the withdrawal of troops."),
    ("2021-05-15", "Second round of talks",
     "Brandvold and Reich met again in Dunmark on Thursday. Castavia agreed to the withdrawal of some troops, "
     "Reich said. \"This is a first step,\" Tern said."),
]


def _articles(tmp_path, rows, name):
    import json as _json

    path = tmp_path / name
    path.write_text("".join(_json.dumps({"outlet": "Korvath Courier", "published": day, "title": title,
                                         "text": text}) + "\n" for day, title, text in rows), encoding="utf-8")
    return path


def test_a_build_of_new_articles_links_as_a_full_relink_does(tmp_path) -> None:
    import io
    import json as _json

    from storyline.builder import build, default_stages, reanalyser
    from storyline.link.corpus import default_steps
    from storyline.link.runner import CorpusRunner
    from storyline.pipeline import split_at_parse
    from storyline.serve.export import export
    from storyline.store import Store

    def exported(db) -> list[str]:
        out = io.StringIO()
        with Store.open(db) as store:
            export(store, out, "jsonl")
        return sorted(_json.dumps(_json.loads(line), sort_keys=True) for line in out.getvalue().splitlines())

    db = tmp_path / "s.db"
    first, second = ARTICLES[::2], ARTICLES[1::2]
    build([_articles(tmp_path, first, "a.jsonl")], db=db)
    build([_articles(tmp_path, second, "b.jsonl")], db=db)
    with Store.open(db) as store:
        assert store.timeline(include_filtered=True) and store.timeline_placements()
    incremental = exported(db)
    with Store.open(db) as store:
        CorpusRunner(default_steps()).run(store, reanalyser(split_at_parse(default_stages())[1]), everything=True)
    assert exported(db) == incremental
