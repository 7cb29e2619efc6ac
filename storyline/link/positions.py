"""Positions: where each actor stands on each issue, statement by statement, over time.

A corpus step (:class:`Positions`, after ``speakers``). For every stored sentence that names an
issue by a keyword, the polarity reader (:func:`storyline.analyse.stance.read_stance`) says
whether it is for the issue's proposition, against it or only about it, and which stance word
says so; the position is then given to an actor:

1. the speaker of the quote whose content holds the issue (quotes carry canonical speakers once
   the ``speakers`` step ran: "he" resolved to Stoltenberg);
2. else the source of an event of a stance category in that sentence (REQUEST → demand, REJECT →
   refuse, ACCUSE/PROTEST → oppose, THREATEN → warn, AGREE → commit, SUPPORT → support), which
   also gives the stance kind when the sentence's words give none;
3. else the one who holds the stance as written: the stance word's subject or possessor ("NATO
   will not compromise …", "Russia's demand for …"), linked to its canonical actor.

A sentence with none of these, a question or a supposition ("asked whether NATO could accept")
gives no position. The position's date is the document's publication day, or the day its event's
time expression gives the statement when the text dates the statement itself ("said on Friday").

The issues are the analyst's (stored by ``build --issues FILE``) or, when none is given, induced
here from the noun phrases stance words govern (:func:`storyline.link.issues.induce_issues`).

:func:`changes` lists each actor's reversals on an issue; :func:`matrix` the actor × issue table;
:func:`conflicts` the issues where named actors stand on opposite sides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyse.stance import keyword_pattern, read_stance
from storyline.link.issues import induce_issues
from storyline.link.mentions import MentionIndex
from storyline.link.runner import Corpus, CorpusStep, StepResult
from storyline.link.writes import ReplaceIssues, ReplacePositions
from storyline.records import Event, Issue, Position, PositionSide, Quote, Span, Stance

# Event categories that are themselves a stance, and the kind each is.
STANCE_CATEGORIES: dict[str, Stance] = {
    "REQUEST": "demand", "REJECT": "refuse", "ACCUSE": "oppose", "PROTEST": "oppose", "THREATEN": "warn",
    "AGREE": "commit", "SUPPORT": "support", "CONCEDE": "commit",
}
# A position read through a quote or an event has its actor from the attribution, not from the
# sentence's grammar alone: that much more sure.
ATTRIBUTED_BONUS = 0.1
# Sentences longer than this are usually run-on scrapes (lists, tables): not read.
MAX_SENTENCE_CHARS = 1200
# Stances that hold out for something, and those that give ground: a move from the one to the
# other, on one issue, is a change even with the same polarity.
FIRM_STANCES = frozenset({"demand", "refuse"})
YIELDING_STANCES = frozenset({"propose", "commit"})

Parse = Callable[[Sequence[str]], Iterable[Any]]


# What reading a stance needs of the parse: tags, dependencies and lemmas, not entities (the
# mentions are stored); leaving the recogniser out saves about a fifth of each parse.
UNNEEDED_PIPES = ("ner",)


def default_parse(model: str | None = None) -> Parse:
    """A parser over sentence texts with the installed English pipeline, loaded on first use."""
    loaded: list[Any] = []

    def parse(texts: Sequence[str]) -> Iterable[Any]:
        if not loaded:
            from storyline.analyse.nlp import DEFAULT_MODEL, load_model
            loaded.append(load_model(model or DEFAULT_MODEL))
        nlp = loaded[0]
        return nlp.pipe(texts, batch_size=256, disable=[name for name in UNNEEDED_PIPES if name in nlp.pipe_names])

    return parse


def parsed_once(parse: Parse) -> Parse:
    """``parse`` remembering what it parsed in one run of the step: the sentences issues are induced
    from are mostly the ones their positions are then read from."""
    seen: dict[str, Any] = {}

    def parse_new(texts: Sequence[str]) -> list[Any]:
        new = list(dict.fromkeys(text for text in texts if text not in seen))
        seen.update(zip(new, parse(new)))
        return [seen[text] for text in texts]

    return parse_new


class Positions(CorpusStep):
    """Positions of actors on issues, from quotes, stance events and stance statements."""

    name = "positions"
    requires = frozenset({"quote-actors", "event-actors", "sentences", "inferred-dates", "actors"})
    assigns = frozenset({"positions"})

    def __init__(self, parse: Parse | None = None) -> None:
        self.parse = parse or default_parse()

    def run(self, corpus: Corpus) -> StepResult:
        parse = parsed_once(self.parse)
        store = corpus.store
        index: MentionIndex = corpus.facts["mention_index"]
        documents = {d.id: d for d in store.documents()}
        quotes: dict[str, list[tuple[int, Quote]]] = {}
        for row, quote in store.quote_rows():
            quotes.setdefault(quote.doc, []).append((row, quote))
        events: dict[tuple[str, int], list[tuple[int, Event]]] = {}
        for row, event in corpus.facts.get("event_rows") or store.event_rows():
            events.setdefault((event.doc, event.sentence), []).append((row, event))
        sentences = [(doc, i, s) for doc in sorted(documents) for i, s in enumerate(store.sentences(doc))
                     if len(s.text) <= MAX_SENTENCE_CHARS]
        writes: list[object] = []
        issues = store.issues(induced=False)
        if not issues:
            issues = list(self._induce(sentences, events, parse))
            writes.append(ReplaceIssues(tuple(issues), induced=True))
        else:
            writes.append(ReplaceIssues((), induced=True))  # given issues replace induced ones
        found = read_positions(sentences, issues, parse, quotes, events, index,
                               {d.id: d.published for d in documents.values()})
        writes.append(ReplacePositions(tuple(found)))
        return StepResult(writes, {"positions": found}, {"positions": len(found), "issues": len(issues)})  # type: ignore[arg-type]

    def _induce(self, sentences: list[tuple[str, int, Span]],
                events: dict[tuple[str, int], list[tuple[int, Event]]], parse: Parse) -> tuple[Issue, ...]:
        """What stance events are about: the noun phrases under their triggers."""
        candidates = [(doc, s) for doc, i, s in sentences
                      if any(e.category in STANCE_CATEGORIES for _, e in events.get((doc, i), ()))]
        phrases = []
        for (doc, _), parsed in zip(candidates, parse([s.text for _, s in candidates])):
            for chunk in parsed.noun_chunks:
                head = chunk.root
                if head.pos_ != "NOUN" or head.dep_ not in ("dobj", "pobj") or len(chunk) > 4:
                    continue
                words = [t.lemma_.lower() for t in chunk if t.pos_ in ("NOUN", "PROPN", "ADJ")]
                if words:
                    phrases.append((doc, " ".join(words), head.lemma_.lower()))
        return induce_issues(phrases)


def read_positions(sentences: Sequence[tuple[str, int, Span]], issues: Sequence[Issue], parse: Parse,
                   quotes: dict[str, list[tuple[int, Quote]]], events: dict[tuple[str, int], list[tuple[int, Event]]],
                   index: MentionIndex, published: dict[str, str | None]) -> list[Position]:
    """The positions the ``sentences`` (doc, index, sentence) state on ``issues``."""
    # Only sentences holding every word of a keyword (as written, or as the start of a longer
    # word: "joining" holds "join") are parsed: a parse is the step's whole cost.
    patterns = {issue.id: [tuple(w.rstrip("*") for w in keyword_pattern(k)) for k in issue.keywords
                           if keyword_pattern(k)] for issue in issues}

    def names(issue_id: str, text: str) -> bool:
        return any(all(word in text for word in pattern) for pattern in patterns[issue_id])

    lowered = [(doc, i, s, s.text.lower().replace("’", "'")) for doc, i, s in sentences]
    wanted = [(doc, i, s, low) for doc, i, s, low in lowered if any(names(issue.id, low) for issue in issues)]
    found: dict[str, Position] = {}
    for (doc, i, sentence, low), parsed in zip(wanted, parse([s.text for _, _, s, _ in wanted])):
        for issue in issues:
            if not names(issue.id, low):
                continue
            reading = read_stance(parsed, issue, offset=sentence.start)
            if reading is None or not reading.asserted:
                continue
            actor, quote_row, event_row, stance = None, None, None, reading.stance
            quote = next(((row, q) for row, q in quotes.get(doc, ())
                          if q.actor and q.start <= reading.anchor.start < q.end), None)
            event = next(((row, e) for row, e in events.get((doc, i), ())
                          if e.category in STANCE_CATEGORIES and e.source_actor and e.mode != "negated"), None)
            date, basis = published.get(doc), "published" if published.get(doc) else None
            if quote is not None:
                quote_row, actor = quote[0], quote[1].actor
            elif event is not None:
                event_row, actor = event[0], event[1].source_actor
            elif reading.holder is not None:
                actor = index.actor(doc, reading.holder)
            if actor is None:
                continue
            if event is not None and (quote is None or event[1].source_actor == actor):
                event_row = event[0]
                if stance == "assess":
                    stance = STANCE_CATEGORIES[event[1].category]
                value = event[1].date.value
                if event[1].date.basis == "timex" and value and len(value) == 10 and (date is None or value <= date):
                    date, basis = value, "timex"
            confidence = min(1.0, reading.confidence + (ATTRIBUTED_BONUS if quote_row or event_row else 0.0))
            position = Position(doc, sentence.start, sentence.end, sentence.text, actor, issue.id, stance,
                                reading.polarity, date, round(confidence, 2), basis, quote_row, event_row,
                                reading.cue, reading.rule)
            found.setdefault(position.id, position)
    return sorted(found.values(), key=lambda p: (p.actor, p.issue, p.date or "", p.doc, p.start))


# -- over time: changes, the matrix, conflict lines -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """An actor's move on an issue between two statements: ``kind`` is "reversal" (polarity
    turned) or "softening" (from a demand or refusal to a proposal or commitment)."""

    actor: str
    issue: str
    kind: str
    before: Position
    after: Position


def changes(positions: Iterable[Position]) -> list[Change]:
    """Each actor's reversals and softenings on each issue, in date order (positions with
    polarity 0 neither start nor end one)."""
    by_pair: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        if p.polarity != 0:
            by_pair.setdefault((p.actor, p.issue), []).append(p)
    found = []
    for (actor, issue), listed in sorted(by_pair.items()):
        listed.sort(key=lambda p: (p.date or "", p.doc, p.start))
        for before, after in zip(listed, listed[1:]):
            if before.polarity != after.polarity:
                found.append(Change(actor, issue, "reversal", before, after))
            elif before.stance in FIRM_STANCES and after.stance in YIELDING_STANCES:
                found.append(Change(actor, issue, "softening", before, after))
    return found


@dataclass(frozen=True, slots=True)
class MatrixCell:
    actor: str
    issue: str
    net: int  # for minus against
    support: int
    against: int
    neutral: int
    first: str | None
    last: str | None

    @property
    def count(self) -> int:
        return self.support + self.against + self.neutral


def matrix(positions: Iterable[Position | PositionSide]) -> list[MatrixCell]:
    """The actor × issue table: net stance, counts and first and last date of each cell (of whole
    positions, or of their sides as :meth:`storyline.store.Store.position_sides` reads them)."""
    cells: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        cells.setdefault((p.actor, p.issue), []).append(p)
    result = []
    for (actor, issue), listed in sorted(cells.items()):
        dates = sorted(p.date for p in listed if p.date)
        support = sum(1 for p in listed if p.polarity > 0)
        against = sum(1 for p in listed if p.polarity < 0)
        result.append(MatrixCell(actor, issue, support - against, support, against, len(listed) - support - against,
                                 dates[0] if dates else None, dates[-1] if dates else None))
    return result


def conflicts(cells: Iterable[MatrixCell]) -> dict[str, tuple[list[str], list[str]]]:
    """The issues where named actors stand on opposite sides: issue → (actors for, actors against),
    by each cell's net stance."""
    sides: dict[str, tuple[list[str], list[str]]] = {}
    for cell in cells:
        if cell.net:
            sides.setdefault(cell.issue, ([], []))[0 if cell.net > 0 else 1].append(cell.actor)
    return {issue: s for issue, s in sorted(sides.items()) if s[0] and s[1]}


def reread_positions(store: Any, issues: Sequence[Issue], parse: Parse | None = None) -> int:
    """Store ``issues`` as the given issues and read every position again on them, with the
    corpus as last linked (``storyline issues --rename/--merge``); returns the positions found.
    The same step the build runs, its writes applied here as the runner would, in one transaction."""
    actors = [_stored_actor(store, summary) for summary in store.actors()]
    mentions = store.actor_mentions()
    actors = [type(a)(a.id, a.name, a.label, a.aliases, tuple(mentions.get(a.id, ())), a.roles) for a in actors]
    with store.transaction():
        store.replace_issues(issues)
        corpus = Corpus(store, lambda *_: None, {"mention_index": MentionIndex(actors)})
        result = Positions(parse).run(corpus)
        for write in result.writes:
            write.apply(store)
    return result.counts.get("positions", 0)


def _stored_actor(store: Any, summary: Any) -> Any:
    from storyline.records import Actor
    return Actor(summary.id, summary.name, summary.label, summary.aliases, (), summary.roles)
