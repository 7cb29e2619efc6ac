"""Incremental stories: arrivals placed into the stories within reach of their days, the rest kept."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest

import storyline.link.corpus as corpus_steps
from storyline.builder import build
from storyline.link.stories import (StoryInput, StoryParams, Vocabulary, cluster_corpus, cluster_stories,
                                    document_frequencies, neighbourhood, reach_days, text_bag, update_stories)
from storyline.store import Store

QUAKE = "A strong quake shook the island of Velmora on {day}, and the harbour town of Ostrik lost power."
TOLL = "Rescuers in Ostrik on Velmora counted the quake's victims on {day} as aftershocks shook the island."
STRIKE = "Dockers in Pellam went on strike on {day} over pay, and the port of Pellam stood still as the dockers marched."
TALKS = "The strike of the Pellam dockers went on on {day}: the dockers' union met the port owners of Pellam."
FILLER = ["A bakery in Tarn won a prize for its rye bread.", "The Tarn choir sang in the old church.",
          "A new library opened its doors in Brisk.", "Cyclists raced through the hills near Brisk."]


def article(doc: str, day: str, template: str, title: str) -> StoryInput:
    return StoryInput(doc, day, title, template.format(day=day))


def corpus() -> list[StoryInput]:
    docs = [article("q1", "2021-03-01", QUAKE, "Quake hits Velmora"), article("q2", "2021-03-02", TOLL, "Velmora toll"),
            article("s1", "2021-09-10", STRIKE, "Pellam dockers strike"),
            article("s2", "2021-09-11", TALKS, "Pellam strike talks")]
    docs += [StoryInput(f"f{n}", f"2021-0{n + 4}-15", None, text) for n, text in enumerate(FILLER)]
    return docs


def test_the_reach_is_where_the_time_discount_leaves_no_story_within_the_join_threshold() -> None:
    assert reach_days() == pytest.approx(14 * math.log(4))
    assert math.exp(-reach_days() / 14) == pytest.approx(0.25)


def test_a_neighbourhood_loads_the_stories_within_twice_the_reach_and_moves_those_within_it() -> None:
    reach = reach_days()
    days = {"near": 1000, "mid": int(1000 + 1.5 * reach), "far": int(1000 + 3 * reach), "undated": None}
    story_of = {"near": "story-a", "mid": "story-b", "far": "story-c", "undated": "story-d"}
    hood = neighbourhood([1000], days, story_of)
    assert hood.stories == {"story-a", "story-b"}
    assert hood.movable == {"near"}


def test_an_arrival_joins_its_standing_story_and_the_result_is_the_full_run_s() -> None:
    docs = corpus()
    params = StoryParams()
    full, vocabulary = cluster_corpus(docs, params)
    late = article("q3", "2021-03-03", QUAKE, "Velmora quake: power back in Ostrik")
    everyone = [*docs, late]
    standing_groups = cluster_stories(docs, params)
    by_id = {d.id: d for d in docs}
    words = Vocabulary(document_frequencies(text_bag(d, params) for d in everyone), vocabulary.entities, len(everyone))
    found = update_stories([[by_id[i] for i in g] for g in standing_groups], [late], (), words, params)
    assert ["q1", "q2", "q3"] in found
    assert sorted(found) == sorted(cluster_stories(everyone, params))
    # the standing stories' order and the arrivals' order do not matter
    again = update_stories([[by_id[i] for i in reversed(g)] for g in reversed(standing_groups)], [late], (), words,
                           params)
    assert again == found


def jsonl(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"title": title, "published": day, "text": text, "outlet": "Velmora Post"}) + "\n"
                            for day, title, text in rows), encoding="utf-8")
    return path


def story_rows(db: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each story's title and its documents' titles."""
    connection = sqlite3.connect(db)
    titles = dict(connection.execute("SELECT id, title FROM documents"))
    members: dict[str, list[str]] = {}
    for story, doc in connection.execute("SELECT story, doc FROM story_documents ORDER BY story, idx"):
        members.setdefault(story, []).append(titles[doc])
    return {story: (title, tuple(members[story])) for story, title in connection.execute("SELECT id, title FROM stories")}


def test_an_incremental_build_rewrites_only_the_stories_within_reach(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_steps, "REBUILD_GROWTH", math.inf)  # a corpus this small would always grow enough
    first = [("2021-03-01", "Quake hits Velmora", QUAKE.format(day="Monday")),
             ("2021-03-02", "Velmora toll rises", TOLL.format(day="Tuesday")),
             ("2021-09-10", "Pellam dockers strike", STRIKE.format(day="Friday")),
             ("2021-09-11", "Pellam strike talks", TALKS.format(day="Saturday")),
             *((f"2021-0{n + 4}-15", f"Town news {n}", text) for n, text in enumerate(FILLER))]
    later = [("2021-09-12", "Pellam strike goes on", TALKS.format(day="Sunday") + " The port stayed shut.")]
    db = tmp_path / "incremental.db"
    report = build([jsonl(tmp_path / "a.jsonl", first)], db=db, stories="incremental")
    assert report.stories_rewritten == report.stories  # no stories yet: a full run
    before = story_rows(db)
    report = build([jsonl(tmp_path / "b.jsonl", later)], db=db, stories="incremental")
    assert (report.stories, report.stories_rewritten) == (len(before), 1)  # the strike's story alone
    after = story_rows(db)
    quake = next(story for story, (_, titles) in before.items() if "Quake hits Velmora" in titles)
    assert after[quake] == before[quake]  # out of reach: kept as it was
    strike = next(story for story, (_, titles) in after.items() if "Pellam strike goes on" in titles)
    assert after[strike][1] == ("Pellam dockers strike", "Pellam strike talks", "Pellam strike goes on")
    clean = tmp_path / "clean.db"
    build([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], db=clean)
    assert sorted(titles for _, titles in after.values()) == sorted(titles for _, titles in story_rows(clean).values())
    with Store.open(db) as incremental, Store.open(clean) as exact:  # the frequencies kept are those counted afresh
        assert incremental.story_vocabulary() == exact.story_vocabulary()


def test_an_unknown_stories_mode_is_refused_before_the_store_is_created(tmp_path: Path) -> None:
    from storyline.errors import StorylineError

    with pytest.raises(StorylineError, match="stories mode"):
        build([jsonl(tmp_path / "a.jsonl", [])], db=tmp_path / "never.db", stories="sometimes")
    assert not (tmp_path / "never.db").exists()


def test_the_store_replaces_some_stories_and_counts_documents_in_and_out_of_the_vocabulary(tmp_path: Path) -> None:
    from storyline.records import Story

    with Store.open(tmp_path / "s.db") as store:
        with store.transaction():
            for doc in ("a", "b", "c"):
                store.connection.execute("INSERT INTO documents (id, source, format, text) VALUES (?, ?, 'text', ?)",
                                         (doc, f"{doc}.txt", doc))
            store.replace_stories([Story("story-a", "Quake", None, None, ("a",)), Story("story-b", "Strike", None, None, ("b",))])
            store.replace_story_vocabulary({"quake": 1, "strike": 1}, ["a", "b"])
        with store.transaction():  # c joins the strike's story; the quake's is left alone
            store.replace_stories([Story("story-b", "Strike goes on", None, None, ("b", "c"))], replacing={"story-b"})
            store.update_story_vocabulary({"strike": 1, "port": 1}, {"quake": 1}, ["c"], ["a"])
        assert store.story_of() == {"a": "story-a", "b": "story-b", "c": "story-b"}
        assert store.story("story-a").title == "Quake" and store.story("story-b").title == "Strike goes on"
        assert store.story_vocabulary() == ({"strike": 2, "port": 1}, frozenset({"b", "c"}))
