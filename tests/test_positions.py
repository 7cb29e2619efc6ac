"""Positions: the issues file, the step on the seeds (must-find and must-not-find), changes, the
matrix, the store round trip and the exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from storyline.errors import IssueFileError
from storyline.link.issues import induce_issues, load_issues, merge_issues, rename_issue
from storyline.link.positions import changes, conflicts, matrix
from storyline.records import Issue, Position
from storyline.serve.export import export
from storyline.store import Store

from conftest import SEEDS

SEED_ISSUES = """
[[issue]]
id = "nato-membership"
label = "Ukraine may join NATO"
keywords = ["NATO membership", "join NATO", "open door", "eastward enlargement", "membership in the Alliance",
            "Ukraine's membership", "Ukrainian membership", "admit Ukraine", "choose its own path"]

[[issue]]
id = "ukraine-decides"
label = "Ukraine alone decides the terms of any agreement"
keywords = ["Ukraine decides", "Ukraine will decide", "up to Ukraine"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "issues.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issues_file(tmp_path: Path) -> None:
    issues = load_issues(write(tmp_path, SEED_ISSUES))
    assert [i.id for i in issues] == ["nato-membership", "ukraine-decides"]
    assert issues[0].label == "Ukraine may join NATO" and "open door" in issues[0].keywords
    assert issues[0].kind == "proposal"


def test_an_issue_kind_is_read_and_stored(tmp_path: Path) -> None:
    (issue,) = load_issues(write(tmp_path, "[[issue]]\nid = \"heat\"\nlabel = \"Warming is a serious concern\"\n"
                                           "keywords = [\"warming\"]\nkind = \"concern\"\n"))
    assert issue.kind == "concern"
    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            store.replace_issues([issue])
        assert store.issues() == [issue]
    assert rename_issue([issue], "heat", "Heat")[0].kind == merge_issues([issue], [], "heat")[0].kind == "concern"


@pytest.mark.parametrize("text, says", [
    ("[[issue]]\nid = \"a\"\nlabel = \"A\"\nkeywords = [\"x\"\n", "line"),
    ("[[issue]]\nid = \"A B\"\nlabel = \"A\"\nkeywords = [\"x\"]\n", "id must be"),
    ("[[issue]]\nid = \"a\"\nlabel = \"A\"\nkeywords = []\n", "at least one keyword"),
    ("[[issue]]\nid = \"a\"\nlabel = \"A\"\nkeywords = [\"x\"]\n[[issue]]\nid = \"a\"\nlabel = \"B\"\nkeywords = [\"y\"]\n",
     "used twice"),
    ("title = \"no issues\"\n", "no [[issue]]"),
    ("[[issue]]\nid = \"a\"\nlabel = \"A\"\nkeywords = [\"x\"]\nkind = \"wish\"\n", "kind must be one of"),
])
def test_a_malformed_issues_file_says_what_and_where(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(IssueFileError) as error:
        load_issues(write(tmp_path, text))
    assert says in str(error.value) and error.value.code == "E600"


def test_induced_issues_are_named_by_their_central_phrase_and_reshaped() -> None:
    phrases = [(f"d{n}", "security guarantee", "guarantee") for n in range(3)] + [("d9", "written guarantee", "guarantee"),
              ("d1", "lone aside", "aside")]
    (issue,) = induce_issues(phrases)
    assert (issue.id, issue.label, issue.induced) == ("security-guarantee", "security guarantee", True)
    other = Issue("sanctions", "sanctions", ("sanctions",), induced=True)
    renamed = rename_issue([issue, other], "security-guarantee", "Russia gets written guarantees")
    assert renamed[0].label == "Russia gets written guarantees" and not any(i.induced for i in renamed)
    (merged,) = merge_issues(renamed, ["sanctions"], "security-guarantee")
    assert set(merged.keywords) == {"security guarantee", "sanctions"}


def position(actor: str, polarity: int, date: str, stance: str = "assess", issue: str = "i") -> Position:
    return Position("d", 0, 1, f"{actor} {date}", actor, issue, stance, polarity, date, 0.7)  # type: ignore[arg-type]


def test_changes_matrix_and_conflict_lines() -> None:
    listed = [position("a", -1, "2022-01-01", "demand"), position("a", -1, "2022-02-01", "propose"),
              position("a", 1, "2022-03-01"), position("b", 1, "2022-01-05"), position("b", 0, "2022-01-06")]
    assert [(c.actor, c.kind) for c in changes(listed)] == [("a", "softening"), ("a", "reversal")]
    cells = {c.actor: c for c in matrix(listed)}
    assert (cells["a"].net, cells["a"].support, cells["a"].against, cells["a"].first, cells["a"].last) == \
        (-1, 1, 2, "2022-01-01", "2022-03-01")
    assert (cells["b"].neutral, cells["b"].count) == (1, 2)
    assert conflicts(cells.values()) == {"i": (["b"], ["a"])}


@pytest.fixture(scope="module")
def seeds_positions_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.builder import build

    folder = tmp_path_factory.mktemp("positions")
    issues = folder / "issues.toml"
    issues.write_text(SEED_ISSUES, encoding="utf-8")
    db = folder / "seeds.db"
    report = build([SEEDS], db=db, issues=issues)
    assert report.stored == 5 and report.failed == 0
    return db


def found(db: Path) -> list[tuple[str, str, int, str, str]]:
    with Store.open(db) as store:
        names = store.actor_names()
        return [(names[p.actor], p.issue, p.polarity, p.stance, " ".join(p.text.split())) for p in store.positions()]


# Golden: (actor, issue, polarity, words of the sentence) that must be found, and must not.
MUST_FIND = [
    ("NATO", "nato-membership", 1, "NATO will not compromise with Russia on Ukraine"),  # the open-door refusal
    ("Vladimir Putin", "nato-membership", -1, "demanded that NATO rule out its further eastward enlargement"),
    ("Russia", "nato-membership", -1, "guarantees that Ukraine will not join NATO"),
    ("Jens Stoltenberg", "ukraine-decides", 1, "only Ukraine will decide"),
    ("Jens Stoltenberg", "ukraine-decides", 1, "Ukraine decides what are acceptable terms"),
]
MUST_NOT_FIND = [
    ("NATO", "nato-membership", -1),  # NATO is never against the open door
    ("Jens Stoltenberg", "nato-membership", -1),
    ("Vladimir Putin", "nato-membership", 1),
    ("Russia", "nato-membership", 1),
    ("Jens Stoltenberg", "ukraine-decides", -1),
]


def test_seeds_must_find(seeds_positions_db: Path) -> None:
    positions = found(seeds_positions_db)
    for actor, issue, polarity, words in MUST_FIND:
        assert any(a == actor and i == issue and p == polarity and words in text
                   for a, i, p, _, text in positions), (actor, issue, polarity, words, positions)


def test_seeds_must_not_find(seeds_positions_db: Path) -> None:
    positions = found(seeds_positions_db)
    for actor, issue, polarity in MUST_NOT_FIND:
        assert not any((a, i, p) == (actor, issue, polarity) for a, i, p, _, _ in positions), (actor, issue, polarity)


def test_positions_export_with_offsets_into_the_text(seeds_positions_db: Path) -> None:
    with Store.open(seeds_positions_db) as store:
        out = io.StringIO()
        export(store, out, "jsonl")
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        texts = {r["id"]: r["text"] for r in records if r["type"] == "document"}
        positions = [r for r in records if r["type"] == "position"]
        issues = [r for r in records if r["type"] == "issue"]
        assert {i["id"] for i in issues} == {"nato-membership", "ukraine-decides"}
        assert positions and all(texts[p["doc"]][p["start"]:p["end"]] == p["text"] for p in positions)
        assert set(positions[0]) == {"type", "id", "doc", "start", "end", "text", "actor", "issue", "stance",
                                     "polarity", "date", "about", "quote", "event", "confidence"}
        dna = io.StringIO()
        rows = export(store, dna, "positions-dna")
        table = list(csv.reader(io.StringIO(dna.getvalue())))
        assert table[0][:4] == ["actor", "concept", "agreement", "date"] and len(table) == rows + 1
        assert {row[2] for row in table[1:]} <= {"0", "1"}


def test_the_step_reads_stored_readings_and_never_parses(seeds_positions_db: Path, tmp_path: Path) -> None:
    from storyline.link.positions import Positions, linked_corpus

    def refuse(texts: object) -> list[object]:
        raise AssertionError("the positions step parsed")

    with Store.open(seeds_positions_db) as store:
        stored = sorted(p.id for p in store.positions())
        result = Positions(refuse).run(linked_corpus(store))
    assert sorted(p.id for p in result.facts["positions"]) == stored


def test_a_store_without_readings_is_read_once(seeds_positions_db: Path, tmp_path: Path) -> None:
    import shutil

    from storyline.link.positions import Positions, linked_corpus, default_parse

    db = tmp_path / "old.db"
    shutil.copy(seeds_positions_db, db)
    with Store.open(db) as store:
        expected = sorted((p.id, p.polarity, p.stance) for p in store.positions())
        with store.transaction():  # as a store analysed before migration 12
            store.connection.execute("DELETE FROM stance_readings")
            store.connection.execute("DELETE FROM stance_documents")
        parsed: list[int] = []
        parse = default_parse()

        def counting(texts: list[str]) -> object:
            parsed.append(len(texts))
            return parse(texts)

        result = Positions(counting).run(linked_corpus(store))
        assert parsed == [5]
        assert sorted((p.id, p.polarity, p.stance) for p in result.facts["positions"]) == expected
        with store.transaction():
            for write in result.writes:
                write.apply(store)
        assert store.unread_for_stance() == [] and len(list(store.stances())) > 0
        # after a change to the stance rules, chosen documents are marked to be read again
        chosen = sorted({p.doc for p in store.positions()})[:2]
        with store.transaction():
            store.mark_unread_for_stance(chosen)
        assert store.unread_for_stance() == chosen


def test_graphml_export_reads_back_as_the_matrix(seeds_positions_db: Path) -> None:
    networkx = pytest.importorskip("networkx")
    with Store.open(seeds_positions_db) as store:
        out = io.StringIO()
        edges = export(store, out, "graphml")
        cells = matrix(store.positions())
        names = store.actor_names()
    graph = networkx.read_graphml(io.StringIO(out.getvalue()))
    assert edges == len(cells) == graph.number_of_edges() > 0
    kinds = networkx.get_node_attributes(graph, "kind")
    assert {kinds[n] for n in graph.nodes} == {"actor", "issue"}
    assert all(kinds[a] != kinds[b] for a, b in graph.edges)  # bipartite: actor to issue only
    for cell in cells:
        edge = graph.edges[f"actor:{cell.actor}", f"issue:{cell.issue}"]
        assert (edge["net"], edge["support"], edge["against"], edge["count"], edge["first"]) == \
            (cell.net, cell.support, cell.against, cell.count, cell.first)
    nato = next(n for n in graph.nodes if graph.nodes[n].get("name") == "NATO")
    assert graph.edges[nato, "issue:nato-membership"]["sign"] == 1
    assert graph.nodes["issue:nato-membership"]["name"] == "Ukraine may join NATO"
    assert {graph.nodes[n]["name"] for n in graph.nodes if kinds[n] == "actor"} == {names[c.actor] for c in cells}


def test_a_position_keeps_the_day_said_apart_from_the_day_it_is_about() -> None:
    from storyline.builder import analyse_raw
    from storyline.link.mentions import MentionIndex
    from storyline.link.positions import read_positions
    from storyline.records import Actor, EntityMention, RawDocument

    text = "The Freedonian Council will impose new sanctions on Sylvania on 31 March."
    article = analyse_raw(RawDocument("a.jsonl:1", "record", text, {"published": "2022-03-01"}))
    start = text.index("Council")
    council = Actor("council", "Freedonian Council", "ORG", (),
                    (EntityMention(article.id, start, start + len("Council"), "Council", "ORG", 0),))
    issue = Issue("sanctions", "Sanctions should be imposed on Sylvania", ("sanctions",))
    (found,) = read_positions(article.stances, [issue], {}, {}, MentionIndex([council]),
                              {article.id: "2022-03-01"}, article.timexes)
    assert (found.actor, found.polarity, found.stance) == ("council", 1, "support")
    assert (found.date, found.about) == ("2022-03-01", "2022-03-31")


def _positions_with_speaker(text: str, speaker: tuple[str, str, str], named: list[tuple[str, str, str]]) -> list[Position]:
    """The positions of ``text`` whose one quote, its whole text, is said by ``speaker`` (actor id,
    label, name as written); ``named`` are the other actors (id, label, name as written)."""
    from storyline.builder import analyse_raw
    from storyline.link.mentions import MentionIndex
    from storyline.link.positions import read_positions
    from storyline.records import Actor, EntityMention, Quote, RawDocument

    article = analyse_raw(RawDocument("a.jsonl:1", "record", text, {"published": "2022-03-01"}))
    actors = []
    for actor_id, label, written in [speaker, *named]:
        start = text.index(written) if written in text else 0
        mentions = (EntityMention(article.id, start, start + len(written), written, label, 0),) if written in text else ()
        actors.append(Actor(actor_id, written, label, (), mentions))
    quote = Quote(article.id, 0, len(text), text, "indirect", None, None, None, "named", 0.9, actor=speaker[0])
    issue = Issue("sanctions", "Sanctions should be imposed on Sylvania", ("sanctions", "cease-fire"))
    return read_positions(article.stances, [issue], {article.id: [(1, quote)]}, {}, MentionIndex(actors),
                          {article.id: "2022-03-01"})


@pytest.mark.parametrize("speaker", [("western", "NORP", "Western"), ("agency", "ORG", "BelTA")])
def test_a_demonym_or_a_news_agency_holds_no_position(speaker: tuple[str, str, str]) -> None:
    positions = _positions_with_speaker("New sanctions on Sylvania must be imposed at once.", speaker, [])
    assert positions == []


def test_a_speaker_reporting_anothers_stance_act_gives_it_to_them() -> None:
    text = "Boris Aldana proposed a cease-fire with Sylvania."
    positions = _positions_with_speaker(text, ("marek", "PERSON", "Ivo Marek"), [("aldana", "PERSON", "Aldana")])
    assert [(p.actor, p.stance, p.quote) for p in positions] == [("aldana", "propose", None)]
    text = "Boris Aldana believes new sanctions on Sylvania are needed."
    positions = _positions_with_speaker(text, ("marek", "PERSON", "Ivo Marek"), [("aldana", "PERSON", "Aldana")])
    assert [(p.actor, p.polarity) for p in positions] == [("aldana", 1)]
    # a state the speaker speaks for leaves the position the speaker's
    text = "Sylvania demands new sanctions on Freedonia."
    positions = _positions_with_speaker(text, ("marek", "PERSON", "Ivo Marek"), [("sylvania", "GPE", "Sylvania")])
    assert [(p.actor, p.quote) for p in positions] == [("marek", 1)]
