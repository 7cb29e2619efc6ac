"""Positions: where each actor stands on each issue, statement by statement, over time.

A corpus step (:class:`Positions`, after ``speakers``). For every stored sentence that names an
issue by a keyword, its stance reading (stored per sentence by the ``stance`` stage, read for the
issue by :func:`storyline.analyse.stance.stance_on`) says whether it is for the issue's
proposition, against it or only about it, and which stance word says so; the position is then
given to an actor:

1. the speaker of the quote whose content holds the issue (quotes carry canonical speakers once
   the ``speakers`` step ran: "he" resolved to Stoltenberg);
2. else the source of an event of a stance category in that sentence whose trigger governs the
   issue's keyword (it is a word of the reading's head chain; REQUEST → demand, REJECT →
   refuse, ACCUSE/PROTEST → oppose, THREATEN → warn, AGREE → commit, SUPPORT → support), which
   also gives the stance kind when the sentence's words give none;
3. else the one who holds the stance as written: the stance word's subject or possessor ("NATO
   will not compromise …", "Russia's demand for …"), linked to its canonical actor.

Only a person, an organisation or a state holds a position (:func:`can_hold`): never a nationality
("Western officials said", "Russian"), nor a news agency, which reports what others hold ("BelTA
reported"); such a quote or event is passed over for the next of the three. And a speaker who
reports another person's stance ("Johnson suggested a cease-fire", quoted from Putin or under a
reporter's name) gives it to that person (:func:`reports_another`).

A sentence with none of these, a question or a supposition ("asked whether NATO could accept")
gives no position. The position's date is the document's publication day, or the day its event's
time expression gives the statement when the text dates the statement itself ("said on Friday").

The issues are the analyst's (stored by ``build --issues FILE``) or, when none is given, induced
here from the noun phrases stance words govern (:func:`storyline.link.issues.induce_issues`).

:func:`changes` lists each actor's reversals on an issue; :func:`matrix` the actor × issue table;
:func:`conflicts` the issues where named actors stand on opposite sides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyse.language import has_rules_for
from storyline.analyse.lexicon.calendar import CALENDAR_VALUE
from storyline.analyse.lexicon.stance import NEWS_AGENCIES
from storyline.analyse.stance import keyword_pattern, read_sentences, stance_on
from storyline.link.issues import induce_issues
from storyline.link.mentions import MentionIndex
from storyline.link.runner import Changed, Corpus, CorpusStep, StepResult
from storyline.link.writes import ReplaceIssues, ReplacePositions, ReplacePositionsOf, SetCorpusState, UpdateIssues
from storyline.records import Event, Issue, Position, PositionSide, Quote, SentenceStance, Stance, Timex

# Event categories that are themselves a stance, and the kind each is.
STANCE_CATEGORIES: dict[str, Stance] = {
    "REQUEST": "demand", "REJECT": "refuse", "ACCUSE": "oppose", "PROTEST": "oppose", "THREATEN": "warn",
    "AGREE": "commit", "SUPPORT": "support", "CONCEDE": "commit",
}
# Who can hold a position: a person, an organisation or a state. Not a nationality or a group
# named by one ("Western", "Russian" of "Russian officials said"), nor a place that is no state.
HOLDER_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# Positions less sure than this are not kept: with the reader's confidences (0.5 for a side read
# from the grammar alone, 0.7 with a stance word, +0.1 through a quote or an event; x0.6 when
# hedged or when no side is taken) this leaves out every position that takes no side, the hedged
# ones, and a side no stance word and no attribution says. On the hand-checked sample of seed 19
# (docs/benchmarks.md) those were right 5 times in 24, the rest 16 times in 26.
MIN_CONFIDENCE = 0.55
# A position read through a quote or an event has its actor from the attribution, not from the
# sentence's grammar alone: that much more sure.
ATTRIBUTED_BONUS = 0.1
# Stances that hold out for something, and those that give ground: a move from the one to the
# other, on one issue, is a change even with the same polarity.
FIRM_STANCES = frozenset({"demand", "refuse"})
YIELDING_STANCES = frozenset({"propose", "commit"})

Parse = Callable[[Sequence[str]], Iterable[Any]]
# The corpus_state key saying each document's phrases issues are induced from are kept.
ISSUE_PHRASES_KEPT = "issue_phrases_kept"


def default_parse(model: str | None = None) -> Parse:
    """A parser over document texts with the installed English pipeline, loaded on first use."""
    loaded: list[Any] = []

    def parse(texts: Sequence[str]) -> Iterable[Any]:
        if not loaded:
            from storyline.analyse.nlp import DEFAULT_MODEL, load_model
            loaded.append(load_model(model or DEFAULT_MODEL))
        return loaded[0].pipe(texts, batch_size=32)

    return parse


@dataclass(frozen=True)
class KeepIssuePhrases:
    """The (document, phrase, head) triples issues are induced from, of ``docs`` (None: of all)."""

    docs: tuple[str, ...] | None
    phrases: tuple[tuple[str, str, str], ...]

    def apply(self, store: Any) -> None:
        store.replace_issue_phrases(self.docs, self.phrases)


@dataclass(frozen=True)
class StoreStances:
    """The stance readings of a document stored before the ``stance`` stage existed."""

    doc: str
    readings: tuple[SentenceStance, ...]

    def apply(self, store: Any) -> None:
        store.add_stances(self.doc, self.readings)


class Positions(CorpusStep):
    """Positions of actors on issues, from quotes, stance events and the sentences' stored stance
    readings. Never parses, except once for each document stored before those readings were
    (migration 12): ``parse`` reads those, and the readings are stored."""

    name = "positions"
    requires = frozenset({"quote-actors", "event-actors", "sentences", "stance-readings", "inferred-dates",
                          "actors", "mention-actors"})
    assigns = frozenset({"positions"})

    def __init__(self, parse: Parse | None = None) -> None:
        self.parse = parse or default_parse()

    def run(self, corpus: Corpus) -> StepResult:
        # A position is read from one sentence on one issue, and reads only what is its
        # document's own (its readings, quotes and their speakers, events and their actors,
        # mentions' actors, date, time expressions) and that issue. So the documents one of those
        # changed for are read again on every issue, the others only on the issues that changed
        # (an induced issue gains keywords as phrases recur), and the positions on the issues
        # that stayed are kept. The issues are induced from every document's phrases, each
        # document's kept between runs (migration 21).
        store = corpus.store
        index: MentionIndex = corpus.facts["mention_index"]
        documents = {d.id: d for d in store.documents()}
        writes: list[object] = []
        unread = self._read_unread(store, documents, writes)
        scope = corpus.changed("quote-actors", "event-actors", "sentences", "stance-readings", "inferred-dates",
                               "mention-actors") | Changed.of(unread)
        if store.corpus_state(ISSUE_PHRASES_KEPT) != "1":  # a store from before they were kept
            scope = Changed.every_document()
        docs = None if scope.everything else scope.docs
        quotes: dict[str, list[tuple[int, Quote]]] = {}
        for row, quote in store.quote_rows():
            quotes.setdefault(quote.doc, []).append((row, quote))
        events: dict[tuple[str, int], list[tuple[int, Event]]] = {}
        for row, event in corpus.facts.get("event_rows") or store.event_rows():
            events.setdefault((event.doc, event.sentence), []).append((row, event))
        issues = store.issues(induced=False)
        if not issues:
            def stance_event(doc: str, sentence: int, _: str) -> bool:
                return any(e.category in STANCE_CATEGORIES for _, e in events.get((doc, sentence), ()))

            # what stance events are about: the noun phrases of their sentences
            phrases = [(r.doc, phrase, head) for r in _readings(store, unread, stance_event, docs)
                       for phrase, head in r.phrases]
            writes.append(KeepIssuePhrases(None if docs is None else tuple(sorted(docs)), tuple(phrases)))
            if docs is not None:  # the other documents' phrases, as the last run found them
                phrases += store.issue_phrases(exclude=docs)
            issues = list(induce_issues(phrases))
        published = {d.id: d.published for d in documents.values()}

        def read_on(on: Sequence[Issue], of: Collection[str] | None) -> list[Position]:
            names = issue_filter(on)
            return read_positions(_readings(store, unread, lambda _doc, _i, text: bool(names(text)), of), on,
                                  quotes, events, index, published, store.timexes(docs=of))

        if docs is None:
            found = read_on(issues, None)
            writes += [ReplaceIssues(tuple(issues)), ReplacePositions(tuple(found))]
            total, read = len(found), len(documents)
        else:
            stored = {issue.id: issue for issue in store.issues()}
            changed = [issue for issue in issues if stored.get(issue.id) != issue]
            gone = tuple(sorted(set(stored) - {issue.id for issue in issues}))
            others = [d for d in documents if d not in docs]
            found = read_on(issues, docs) + (read_on(changed, others) if changed else [])
            # (an issue stored again takes its positions with it: only the changed ones are)
            writes += [UpdateIssues(gone, tuple(changed)), ReplacePositionsOf(tuple(sorted(docs)), tuple(found))]
            total = store.count_positions(exclude=docs, issues=[*gone, *(issue.id for issue in changed)]) + len(found)
            read = len(docs) + (len(others) if changed else 0)
        writes.append(SetCorpusState(ISSUE_PHRASES_KEPT, "1"))
        return StepResult(writes, {"positions": found},
                          {"positions": total, "issues": len(issues), "positions_documents_read": read},
                          {"positions": Changed.every_document() if docs is None else Changed.of(docs)})

    def _read_unread(self, store: Any, documents: dict[str, Any],
                     writes: list[object]) -> dict[str, tuple[SentenceStance, ...]]:
        """Read for stance the documents stored without readings; their writes store them."""
        unread = [documents[doc] for doc in store.unread_for_stance() if doc in documents]
        english = [d for d in unread if has_rules_for(d)]  # type: ignore[arg-type]
        parsed = self.parse([d.text for d in english]) if english else ()
        read = {d.id: read_sentences(d.id, doc) for d, doc in zip(english, parsed)}
        writes.extend(StoreStances(d.id, read.get(d.id, ())) for d in unread)
        return read


def _readings(store: Any, unread: dict[str, tuple[SentenceStance, ...]],
              wanted: Callable[[str, int, str], bool], docs: Collection[str] | None = None) -> list[SentenceStance]:
    """The stored readings and those just read that ``wanted`` accepts, by document and sentence
    (of ``docs``, or of every document)."""
    readings = list(store.stances(wanted, docs=docs))
    readings += [r for doc, listed in unread.items() if docs is None or doc in docs
                 for r in listed if wanted(r.doc, r.sentence, r.text)]
    return sorted(readings, key=lambda r: (r.doc, r.sentence))


def issue_filter(issues: Sequence[Issue]) -> Callable[[str], list[Issue]]:
    """The issues a sentence's text may name: those one of whose keywords has every word in it (as
    written, or as the start of a longer word: "joining" holds "join"). A cheap test on the text,
    so only the readings of sentences that pass it are decoded and matched."""
    patterns = [(issue, [frozenset(w.rstrip("*") for w in keyword_pattern(k)) for k in issue.keywords
                         if keyword_pattern(k)]) for issue in issues]
    words = sorted({word for _, listed in patterns for pattern in listed for word in pattern})

    def named(text: str) -> list[Issue]:
        low = text.lower().replace("’", "'")
        present = {word for word in words if word in low}  # each word looked for once
        return [issue for issue, listed in patterns if any(pattern <= present for pattern in listed)]

    return named


def read_positions(readings: Iterable[SentenceStance], issues: Sequence[Issue],
                   quotes: dict[str, list[tuple[int, Quote]]], events: dict[tuple[str, int], list[tuple[int, Event]]],
                   index: MentionIndex, published: dict[str, str | None],
                   timexes: Iterable[Timex] = ()) -> list[Position]:
    """The positions the sentences of ``readings`` state on ``issues``; the calendar dates among
    ``timexes`` (in document order) say what a statement is about."""
    dates: dict[tuple[str, int], list[Timex]] = {}
    for timex in timexes:
        if CALENDAR_VALUE.fullmatch(timex.value or ""):
            dates.setdefault((timex.doc, timex.sentence), []).append(timex)
    names = issue_filter(issues)
    found: dict[str, Position] = {}
    for sentence in readings:
        doc, i = sentence.doc, sentence.sentence
        for issue in names(sentence.text):
            reading = stance_on(sentence, issue)
            if reading is None or not reading.asserted:
                continue
            actor, quote_row, event_row, stance = None, None, None, reading.stance
            quote = next(((row, q) for row, q in quotes.get(doc, ())
                          if q.actor and q.start <= reading.anchor.start < q.end), None)
            event = next(((row, e) for row, e in events.get((doc, i), ())
                          if e.category in STANCE_CATEGORIES and e.source_actor and e.mode != "negated"
                          and speaks_for(e, reading.path)), None)
            date, basis, dating = published.get(doc), "published" if published.get(doc) else None, None
            # the holder's head word must be a mention: "the Finnish parliament" is no position of
            # Finland's, nor "Russian forces" of Russia's
            holder = index.actor(doc, reading.holder_head) if reading.holder_head is not None else None
            holder = holder if holder is not None and can_hold(index, holder) else None
            if quote is not None and not can_hold(index, quote[1].actor):
                quote = None  # "Western officials said", "BelTA reported": no one's position
            if event is not None and not can_hold(index, event[1].source_actor):
                event = None
            if quote is not None and not reports_another(index, quote[1].actor, holder):
                quote_row, actor = quote[0], quote[1].actor
            elif event is not None and not reports_another(index, event[1].source_actor, holder):
                event_row, actor = event[0], event[1].source_actor
            else:
                quote, event, actor = None, None, holder
            if actor is None:
                continue
            if event is not None and (quote is None or event[1].source_actor == actor):
                event_row = event[0]
                if stance == "assess":
                    stance = STANCE_CATEGORIES[event[1].category]
                value = event[1].date.value
                if event[1].date.basis == "timex" and value and len(value) == 10 and (date is None or value <= date):
                    date, basis, dating = value, "timex", event[1].date.start
            confidence = min(1.0, reading.confidence + (ATTRIBUTED_BONUS if quote_row or event_row else 0.0))
            if confidence < MIN_CONFIDENCE:
                continue
            position = Position(doc, sentence.start, sentence.end, sentence.text, actor, issue.id, stance,
                                reading.polarity, date, round(confidence, 2), basis, quote_row, event_row,
                                reading.cue, reading.rule,
                                about=next((t.value for t in dates.get((doc, i), ()) if t.start != dating), None))
            found.setdefault(position.id, position)
    return sorted(found.values(), key=lambda p: (p.actor, p.issue, p.date or "", p.doc, p.start))


def speaks_for(event: Event, path: Sequence[tuple[int, int]]) -> bool:
    """Whether an event's trigger is one of the words the reading climbed from the issue's
    keyword: "Finland, which refused Moscow's demands …, after western countries imposed sanctions"
    has a refusal, but the sanctions are not what was refused. A reading built without a path takes
    any stance event of its sentence."""
    return not path or any(start < event.trigger.end and event.trigger.start < end for start, end in path)


def can_hold(index: MentionIndex, actor: str | None) -> bool:
    """Whether a canonical actor can hold a position: a person, an organisation or a state
    (:data:`HOLDER_LABELS`), and no news agency, which reports what others hold."""
    return actor is not None and index.labels.get(actor) in HOLDER_LABELS \
        and index.canonical_names.get(actor, "").lower() not in NEWS_AGENCIES


def reports_another(index: MentionIndex, speaker: str | None, holder: str | None) -> bool:
    """Whether a speaker reports another person's stance rather than their own: in "Johnson
    suggested a cease-fire" or "Johnson believes …", quoted from Putin or written under his name in
    a live blog, the stance is Johnson's. A holder that is an organisation or a state is left to
    the speaker, who may speak for it (Lavrov: "Russia demands …")."""
    return holder is not None and holder != speaker and index.labels.get(holder) == "PERSON"


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
    with store.transaction():
        store.replace_issues(issues)
        result = Positions(parse).run(linked_corpus(store))
        for write in result.writes:
            write.apply(store)
    return result.counts.get("positions", 0)


def linked_corpus(store: Any) -> Corpus:
    """The corpus as last linked, as the positions step sees it: the store and its actors' index."""
    from storyline.records import Actor
    mentions = store.actor_mentions()
    actors = [Actor(a.id, a.name, a.label, a.aliases, tuple(mentions.get(a.id, ())), a.roles) for a in store.actors()]
    return Corpus(store, lambda *_: None, {"mention_index": MentionIndex(actors)},
                  changes=dict.fromkeys(Positions.requires, Changed.every_document()), readable=Positions.requires)
