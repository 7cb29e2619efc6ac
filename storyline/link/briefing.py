"""The briefing: a short account of a story in which every sentence cites the text it rests on.

Read-side, computed on demand from what the corpus steps stored (the reader's timeline, quotes,
positions), not a corpus step of its own: what it says depends on the reader's question (which
story, since when, how long), and assembling it reads a few hundred stored rows, so storing one
briefing per question would buy nothing (docs/architecture.md).

It is extractive: every sentence is a span of one article, and ``text`` equals that span of the
document's text (``Store.document(doc).text[start:end]``), so no sentence can state what its
evidence does not. ``sources`` are every article that reports the same thing (an event's reports,
a speaker's articles quoting the same words). Four parts, in the order a reader asks:

- what happened: the days most articles refer to, each its best entry's sentence;
- who said what: the most widely quoted speakers, each their surest direct quote's sentence (one
  that reads alone and names them first);
- where the parties stand: the actors with the most positions on an issue, their latest statement
  that reads alone and names them (one that leans on an earlier sentence for its "he", or carries
  page chrome, only when none does);
- what changed since DATE: the days after it most articles refer to.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection

from storyline.link.timeline import kept_timeline, readable_title, reads_alone
from storyline.records import Briefing, BriefingSentence, Span, TimelineEntry

if TYPE_CHECKING:
    from storyline.store import Store

# A briefing's default length, and how its sentences are shared among its parts (what happened
# first: it is what a reader needs to follow the rest).
DEFAULT_SENTENCES = 8
SHARES = {"happened": 0.4, "said": 0.3, "stands": 0.3}
# The briefing ranks every day the reader's timeline could keep.
EVERY_DAY = sys.maxsize
# With --since, this share of "what happened" goes to what changed since then.
CHANGED_SHARE = 0.5
# The question each part answers, as a reader's heading ({since}: the --since date).
SECTION_HEADINGS = {"happened": "What happened", "said": "Who said what", "stands": "Where the parties stand",
                    "changed": "What changed since {since}"}


@dataclass
class _Texts:
    """Each document's text and sentences, read once."""

    store: "Store"

    def __post_init__(self) -> None:
        self._text: dict[str, str] = {}
        self._sentences: dict[str, list[Span]] = {}

    def text(self, doc: str) -> str:
        if doc not in self._text:
            self._text[doc] = self.store.document(doc).text
        return self._text[doc]

    def sentence(self, doc: str, index: int) -> Span | None:
        if doc not in self._sentences:
            self._sentences[doc] = self.store.sentences(doc)
        found = self._sentences[doc]
        return found[index] if 0 <= index < len(found) else None

    def cite(self, doc: str, start: int, end: int, section: str, sources: Collection[str]) -> BriefingSentence:
        text = self.text(doc)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return BriefingSentence(text[start:end], doc, start, end, tuple(dict.fromkeys([doc, *sorted(sources)])),
                                section)


def _entry_sentence(entry: TimelineEntry, texts: _Texts, section: str) -> BriefingSentence | None:
    """The sentence an entry's title was taken from, cut as the title is (no dateline, no glued
    headline) when the cut is a span of the text; else the whole sentence."""
    for event in sorted(entry.events, key=lambda e: (e.doc, e.start)):
        sentence = texts.sentence(event.doc, event.sentence)
        if sentence is None or readable_title(sentence.text) != entry.title:
            continue
        at = sentence.text.find(entry.title)
        if at >= 0:
            start = sentence.start + at
            return texts.cite(event.doc, start, start + len(entry.title), section, entry.sources)
        return texts.cite(event.doc, sentence.start, sentence.end, section, entry.sources)
    return None


def brief(store: "Store", *, story: str | None = None, since: str | None = None,
          sentences: int = DEFAULT_SENTENCES) -> Briefing:
    """The briefing of the store, or of one story: see the module docstring."""
    texts = _Texts(store)
    with store.snapshot():
        docs = set(store.story(story).docs) if story is not None else None
        story_id = store.story(story).id if story is not None else None
        wanted = {part: max(1, round(sentences * share)) for part, share in SHARES.items()}
        changed_wanted = round(wanted["happened"] * CHANGED_SHARE) if since else 0
        wanted["happened"] -= changed_wanted
        out: list[BriefingSentence] = []
        used: set[str] = set()
        days = kept_timeline(store, top=EVERY_DAY, per_day=1, story=story, summarise=False)
        ranked = sorted(days, key=lambda d: (-d.references, d.date))

        def take(section: str, pool, limit: int) -> None:
            chosen = []
            for day in pool:
                if len(chosen) == limit:
                    break
                entry = day.entries[0].entry
                if entry.id in used or entry.filtered is not None:
                    continue
                cited = _entry_sentence(entry, texts, section)
                if cited is not None:
                    used.add(entry.id)
                    chosen.append((day.date, cited))
            out.extend(cited for _, cited in sorted(chosen, key=lambda dc: dc[0]))

        take("happened", [d for d in ranked if since is None or d.date < since], wanted["happened"])
        out.extend(_said(store, texts, story_id, wanted["said"]))
        out.extend(_stands(store, texts, story_id, wanted["stands"]))
        if since:
            take("changed", [d for d in ranked if d.date >= since], changed_wanted)
        newest = max((day for doc, day in store.publication_days().items() if docs is None or doc in docs),
                     default=None)
    return Briefing(story_id, newest, since, tuple(out))


def _written_names(store: "Store", actors: Collection[str]) -> dict[str, list[str]]:
    """Each of ``actors``' name and aliases as written, to tell whether a sentence names its actor."""
    return {a.id: [a.name.casefold(), *(link.alias.casefold() for link in a.aliases)]
            for a in store.actors(ids=list(actors))}


def _names(text: str, actor: str, written: dict[str, list[str]]) -> bool:
    """Whether ``text`` names ``actor``: "He added that …" leans on the sentence before it."""
    folded = text.casefold()
    return any(name in folded for name in written.get(actor, ()))


def _said(store: "Store", texts: _Texts, story: str | None, limit: int) -> list[BriefingSentence]:
    """The speakers quoted by most articles, each with the sentence of their surest direct quote
    (an indirect one when they have none); a sentence that reads alone and names its speaker
    first (read in a briefing, "A so-called referendum was held …" says nobody said it); ties by
    name."""
    by_speaker = defaultdict(list)
    quoted = store.quotes(cue_class="speech") if story is None else store.story_quotes(story)
    for quote in quoted:
        if quote.actor is not None and quote.cue_class == "speech" and quote.sentences:
            by_speaker[quote.actor].append(quote)
    reach = {actor: len({q.doc for q in quotes}) for actor, quotes in by_speaker.items()}
    speakers = sorted(by_speaker, key=lambda a: (-reach[a], a))[:limit]
    written = _written_names(store, speakers)
    out = []
    for actor in speakers:
        cited = {}
        for q in by_speaker[actor]:
            first, last = texts.sentence(q.doc, q.sentences[0]), texts.sentence(q.doc, q.sentences[-1])
            if first is not None and last is not None:
                cited[id(q)] = texts.text(q.doc)[first.start:last.end].strip()
        candidates = [q for q in by_speaker[actor] if id(q) in cited]
        if not candidates:
            continue
        quote = max(candidates, key=lambda q: (reads_alone(" ".join(cited[id(q)].split())),
                                               _names(cited[id(q)], actor, written), q.kind == "direct",
                                               q.confidence, q.doc, -q.start))
        first, last = texts.sentence(quote.doc, quote.sentences[0]), texts.sentence(quote.doc, quote.sentences[-1])
        same = {q.doc for q in by_speaker[actor] if q.text == quote.text}
        out.append(texts.cite(quote.doc, first.start, last.end, "said", same))
    return out


def _stands(store: "Store", texts: _Texts, story: str | None, limit: int) -> list[BriefingSentence]:
    """The actors with most positions taking a side, each with their latest such statement on
    the issue they speak to most."""
    taken = [p for p in store.positions(story=story) if p.polarity != 0]
    count = Counter((p.actor, p.issue) for p in taken)
    written = _written_names(store, {p.actor for p in taken})

    out, seen_actors = [], set()
    for (actor, issue), _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(out) == limit:
            break
        if actor in seen_actors:
            continue
        latest = max((p for p in taken if (p.actor, p.issue) == (actor, issue)),
                     key=lambda p: (reads_alone(" ".join(p.text.split())), _names(p.text, actor, written),
                                    p.date or "", p.doc, p.start))
        if texts.text(latest.doc)[latest.start:latest.end] != latest.text:
            continue  # never cite a span that does not say it
        seen_actors.add(actor)
        out.append(texts.cite(latest.doc, latest.start, latest.end, "stands", ()))
    return out
