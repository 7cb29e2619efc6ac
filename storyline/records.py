"""Typed, immutable records that flow through the pipeline.

An input item becomes a :class:`RawDocument` (ingest), then an :class:`Article` that each stage
extends with what it produces (clean text, metadata, sentences, entity mentions). Every extracted
fact carries its provenance: the document id and character offsets into the article's clean
``text``. Corpus-level linking turns mentions into canonical :class:`Actor` records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Mapping, NamedTuple

InputFormat = Literal["text", "html", "record"]
# Where a publication date came from: a JSONL/CSV field (given), a feed entry's own date (feed),
# the page's metadata, a dateline in the text, or the corpus-level inference. DATE_BASES lists them
# for whoever validates a basis; a WARC record's crawl date is never a publication date (it is kept
# as the raw field ``crawled``).
DateBasis = Literal["given", "feed", "metadata", "dateline", "inferred"]
DATE_BASES: tuple[str, ...] = ("given", "feed", "metadata", "dateline", "inferred")
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
# What a quote reports (storyline.analyse.lexicon.verbs): words said, a stance taken, a thought, a finding.
CueClass = Literal["speech", "stance", "cognition", "perception"]
EventMode = Literal["happened", "scheduled", "ongoing", "hypothetical", "negated"]
EventDateBasis = Literal["timex", "published", "inferred"]
# How a reference was resolved (storyline.analyse.references): a name in the phrase, a relative
# pronoun's antecedent, a pronoun's salient person, a title carried earlier, an organisation
# descriptor, the named subject of a governing clause; or not at all.
ReferenceRule = Literal["named", "relative", "pronoun", "role-title", "org-descriptor", "on-behalf",
                        "governing-subject", "unresolved"]


def content_id(fmt: str, content: str) -> str:
    """An input item's identity is its content: the same item read twice is recognised."""
    digest = hashlib.sha256(f"{fmt}\0{content}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def text_id(text: str) -> str:
    """A document's identity is its clean text, white space folded: the same article reached by
    another page, another outlet's feed or a file with a trailing newline is one document."""
    return content_id("text", " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input item as read: decoded content plus the metadata its container gave."""

    source: str  # "path" or "path:line" for one line of a JSONL file
    format: InputFormat
    content: str  # decoded page, scraped text, or the record's article text
    fields: Mapping[str, Any] = field(default_factory=dict)  # given metadata (url, outlet, ...)

    @property
    def id(self) -> str:
        return content_id(self.format, self.content)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a web page declares about itself, without its body text: headline, stated publication
    date (YYYY-MM-DD), site name, URL and author (storyline.clean.html)."""

    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    author: str | None


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span the cleaner dropped from the raw input, and why.

    Offsets index the raw input (``RawDocument.content`` for text; the extracted page text for
    HTML), because removed text is by definition absent from the clean text.
    """

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity mention with its offsets into the clean text of document ``doc``.

    ``role`` is a title or role written next to the name ("NATO Secretary General" before
    "Jens Stoltenberg"), with its own offsets, when the text gives one.
    """

    doc: str
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    sentence: int  # index into the article's sentences
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: character offsets into the article's clean text, and its text."""

    start: int
    end: int
    text: str


# A sentence of the clean text is a span like any other piece of evidence; the name says which
# spans a sequence holds.
Sentence = Span


@dataclass(frozen=True, slots=True)
class Reference:
    """What a phrase of a document refers to: ``mention`` is the phrase as written ("he", "the
    alliance chief"), ``antecedent`` the named mention of the same document it stands for (None
    when unresolved), ``rule`` how that was decided. ``on_behalf_of`` is whom a spokesperson
    speaks for ("a spokeswoman for Ivo Marek": Marek; the antecedent is the spokeswoman when the
    text names her, else Marek, rule "on-behalf"). Offsets index the document's text."""

    mention: Span
    antecedent: Span | None
    rule: ReferenceRule
    on_behalf_of: Span | None = None


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """One document's sentence vectors (storyline.analyse.embeddings): ``dimensions`` int8 values
    per sentence, the sentences in order, from the model ``model``."""

    model: str
    dimensions: int
    data: bytes

    def __post_init__(self) -> None:
        if self.dimensions <= 0 or len(self.data) % self.dimensions:
            raise ValueError(f"{len(self.data)} bytes are not rows of {self.dimensions} int8 values")

    @property
    def rows(self) -> int:
        return len(self.data) // self.dimensions


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised TIMEX3-style against the document's publication date.

    ``value`` is a TIMEX3 value: "2022-03-10", "2022-W11", "2022-01", "2022-01-10T15:00",
    "P3D", "PRESENT_REF", "XXXX-01-10" when the year cannot be known, ...
    ``values`` lists every calendar value a range or list stands for ("January 9 and 10" →
    ("2022-01-09", "2022-01-10")); for a single date it is ``(value,)``.
    """

    doc: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    sentence: int
    values: tuple[str, ...] = ()
    mod: str | None = None  # TIMEX3 mod: START, END, APPROX, BEFORE, AFTER, ...
    rule: str = ""  # which rule normalised it, for debugging and trust


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement the article reports: who (speaker), how (cue) and what (content).

    ``speaker`` is the speaker as written ("he", "The alliance chief", "Stoltenberg");
    ``speaker_ref`` is the named mention in the same document it resolves to (equal to
    ``speaker`` when the speaker is named), found by ``resolution`` (e.g. "named", "pronoun",
    "role-title", "org-descriptor", "unresolved"). ``actor`` is the canonical actor id, filled in
    when actors are linked across the corpus.
    """

    doc: str
    start: int  # content span
    end: int
    text: str
    kind: QuoteKind
    cue: Span | None
    speaker: Span | None
    speaker_ref: Span | None
    resolution: str
    confidence: float
    sentences: tuple[int, ...] = ()  # indexes of the sentences the quote spans
    repair: str | None = None  # e.g. "missing closing quote: content runs to end of paragraph"
    actor: str | None = None
    # The content's pieces when its cue interrupts it ("“A,” she said, “B.”" → A and B; "A, the
    # minister said, B"); empty when the content is one piece. ``start``/``end`` span them all.
    parts: tuple[Span, ...] = ()
    # What the quote reports, from its cue word: "speech" (said, told, added), "stance" (decided,
    # urged, called for), "cognition" (believes, knows) or "perception" (found, showed).
    cue_class: CueClass = "speech"
    # Whom the speaker speaks for, when the speaker is a spokesperson ("a spokeswoman for Ivo
    # Marek" → Marek); None otherwise.
    speaker_for: Span | None = None

    def pieces(self) -> tuple[Span, ...]:
        """The quote as a reader counts and cites it: each of its ``parts`` ("“A,” she said, “B.”"
        is two quotes, A and B, each with its own offsets), or its whole content when it is one
        piece. The record stays one statement; this is how many quotes a reader sees in it."""
        return self.parts or (Span(self.start, self.end, self.text),)


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None  # TIMEX3-style value, or None when unknown
    basis: EventDateBasis | None
    start: int | None = None  # offsets of the temporal expression, when basis == "timex"
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Something an actor did, said, decided, scheduled or suffered, found in one sentence."""

    doc: str
    start: int  # the evidence: the clause or sentence
    end: int
    text: str
    trigger: Span
    category: str  # PLOVER: CONSULT, DEMAND, REJECT, AGREE, AID, SANCTION, MOBILIZE, ASSAULT, ...
    mode: EventMode
    date: EventDate
    sentence: int
    source: Span | None = None  # actor mentions as written; canonical ids filled in at link time
    target: Span | None = None
    place: Span | None = None
    confidence: float = 0.5
    source_actor: str | None = None
    target_actor: str | None = None


@dataclass(frozen=True, slots=True)
class AliasLink:
    """Why a surface form was linked to an actor: the evidence a reader can check."""

    alias: str
    rule: str  # e.g. "exact", "surname", "acronym", "misspelling"
    evidence: str  # human-readable: "edit distance 2 from 'Stoltenberg', same label"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor of the corpus: one person, organisation or place across all articles."""

    id: str
    name: str
    label: str
    aliases: tuple[AliasLink, ...]
    mentions: tuple[EntityMention, ...]
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An item that could not be processed: where it came from, which stage, and why."""

    source: str
    stage: str
    reason: str
    code: str
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class ItemWarning:
    """Something a reader of one stored item should know: it was kept, but not whole or not sure.

    A failure drops an item; a warning keeps it and says what was doubtful: a cleaner that kept
    less than half of the input (``detail`` gives the share kept and the reasons), a date field
    that is not a date, a text whose language was unsure. ``storyline errors`` lists both.
    """

    source: str
    stage: str
    code: str
    reason: str
    doc: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Publication:
    """One input item that carried a stored text: where and when it was published.

    The same text can arrive from several outlets (a wire story) or twice from one; the text is
    analysed once, as one document, and each arrival is a publication of it.
    """

    doc: str
    raw_id: str  # content hash of the input item as read
    source: str
    outlet: str | None
    url: str | None
    published: str | None
    published_basis: str | None
    title: str | None
    format: InputFormat = "text"
    fields: Mapping[str, Any] = field(default_factory=dict)  # the metadata its container gave


@dataclass(frozen=True, slots=True)
class Article:
    """The record a pipeline run builds up, one stage at a time.

    Stages never mutate an article; they return ``dataclasses.replace(article, ...)`` with the
    fields they assign. ``parsed`` holds the spaCy ``Doc`` for stages later in the same run; it
    is never stored.
    """

    raw: RawDocument
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD)
    published_basis: DateBasis | None = None
    language: str | None = None  # ISO 639-1 code of the text's language
    text: str | None = None
    removed: tuple[RemovedSpan, ...] = ()
    page: PageMetadata | None = None  # what an HTML page declares, read once by the cleaner
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    sentence_vectors: SentenceVectors | None = None  # for search by meaning
    stances: tuple["SentenceStance", ...] = ()  # one per sentence of an English document
    warnings: tuple[ItemWarning, ...] = ()
    parsed: Any = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        """The document's id once its clean text is known; before that, the input item's."""
        return text_id(self.text) if self.text is not None else self.raw.id

    @property
    def source(self) -> str:
        return self.raw.source


# -- what the store answers: documents as stored, listings, the merged timeline ------------------


@dataclass(frozen=True, slots=True)
class DateClaim:
    """What one source says the date of a timeline entry's event is."""

    value: str  # ISO date, or the TIMEX3 value the source wrote
    doc: str


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    source: str
    format: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_basis: str | None
    text: str
    fields: dict[str, Any]
    removed: tuple[RemovedSpan, ...] = ()
    published_confidence: float | None = None
    published_evidence: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    label: str
    roles: tuple[str, ...]
    aliases: tuple[AliasLink, ...]
    mention_count: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc: str
    title: str | None
    sentence: int
    start: int
    end: int
    text: str
    rank: float
    marks: tuple[tuple[int, int], ...] = ()  # the matched terms, as offsets into ``text``


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One real-world event, merged across the articles that report it."""

    id: str
    date: str
    title: str
    category: str
    mode: str
    sources: tuple[str, ...]
    date_claims: tuple[DateClaim, ...]  # what each source says the date is
    events: tuple[Event, ...] = ()
    actors: tuple[str, ...] = ()  # ids of the actors and places its reports name
    salience: float = 0.0  # evidence points: sources, named participants, a written date
    filtered: str | None = None  # why a reader's timeline leaves it out; None when it is shown


@dataclass(frozen=True, slots=True)
class ActorPage:
    """One actor's page (storyline.link.profiles): the actor with its roles and aliases, the
    quotes it is the speaker of, the events it did or suffered, its positions, each in date order;
    ``published`` the day of each document cited."""

    actor: ActorSummary
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    positions: tuple[Position, ...]
    published: Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class BriefingSentence:
    """One sentence of a briefing (storyline.link.briefing): ``text`` is exactly the span
    ``start``-``end`` of document ``doc``'s text, its evidence; ``sources`` every article that
    reports the same (``doc`` first); ``section`` which question it answers (happened, said,
    stands, changed)."""

    text: str
    doc: str
    start: int
    end: int
    sources: tuple[str, ...]
    section: str


@dataclass(frozen=True, slots=True)
class Briefing:
    """A short account of a story (``story`` None: of the whole store), as of ``generated``, the
    day of its newest article; ``since`` the day "what changed" counts from."""

    story: str | None
    generated: str | None
    since: str | None
    sentences: tuple[BriefingSentence, ...]


@dataclass(frozen=True, slots=True)
class KeptEntry:
    """A timeline entry as the reader's timeline keeps it (storyline.link.timeline.kept_timeline):
    ``publications`` counts every publication of its sources, ``independent`` the reports among
    them once copies of one wire story count as one."""

    entry: TimelineEntry
    publications: int
    independent: int


@dataclass(frozen=True, slots=True)
class KeptDay:
    """One of the days a reader's timeline keeps: ``references`` is how many independent
    articles refer to the day (name it in their text, or report one of its events)."""

    date: str
    references: int
    entries: tuple[KeptEntry, ...]
    # What the day's articles say of it, in their own sentences (storyline.link.timeline.summarise_days).
    summary: tuple["CitedSentence", ...] = ()


@dataclass(frozen=True, slots=True)
class CitedSentence:
    """A sentence quoted as evidence: ``text`` is exactly the span ``start``-``end`` of document
    ``doc``'s clean text; ``sources`` every article that prints the same sentence (``doc`` first)."""

    text: str
    doc: str
    start: int
    end: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    documents: int
    sentences: int
    mentions: int
    actors: int
    failures: int


@dataclass(frozen=True, slots=True)
class Copy:
    """A near-copy of a stored document (storyline.link.copies): the same wire story with other
    chrome, a trimmed or an extended version. ``canonical`` is the earliest document of its
    group; ``similarity`` the share of the smaller text's word shingles the larger one holds."""

    doc: str
    canonical: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one real-world event or developing situation (storyline.link.stories).

    ``id`` is ``story-`` + its earliest document's id; ``docs`` are its documents (copies
    included) in publication order; ``actors`` are actor ids, the most widespread first."""

    id: str
    title: str
    first: str | None
    last: str | None
    docs: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.docs)


# -- positions: where each party stands on an issue (analyse/stance.py, link/positions.py) ------

Stance = Literal["demand", "refuse", "commit", "support", "oppose", "propose", "warn", "assess"]
# What an issue's proposition is: something to be done, or a danger to be taken seriously.
IssueKind = Literal["proposal", "concern"]


@dataclass(frozen=True, slots=True)
class StanceChain:
    """What a sentence's grammar does to whatever is written at one of its tokens, read from that
    token up its head chain to the root (storyline.analyse.stance): ``sign`` -1 when an odd number
    of negators and reversals govern it; ``directional`` when something on the way takes a side
    (a stance word, a negator, a reversal, the token being a predicate); ``kind`` and ``cue`` (a
    token index in the sentence) the outermost stance word; ``asserted`` False under "whether" or
    "if"; ``holder`` the token range [i, j) of who holds the stance as written."""

    sign: int
    directional: bool
    kind: Stance | None
    cue: int | None
    hedged: bool
    asserted: bool
    depth: int
    steps: tuple[str, ...]
    holder: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class SentenceStance:
    """A sentence's stance reading, for any issue: its tokens (document offsets; ``lemmas`` ""
    where a lemma is the lower-cased word; ``heads`` token indexes in the sentence; ``negated``
    whether a negator attaches to the token), each token's :class:`StanceChain`, and the noun
    phrases stance words govern there (``phrases``: (lemmas, head lemma), what issues are induced
    from). Made once per document by the ``stance`` stage; ``sentence`` is the sentence's index."""

    doc: str
    sentence: int
    start: int
    end: int
    text: str
    tokens: tuple[tuple[int, int], ...]
    lemmas: tuple[str, ...]
    heads: tuple[int, ...]
    negated: tuple[bool, ...]
    chains: tuple[StanceChain, ...]
    phrases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    """A proposition parties take sides on ("Ukraine may join NATO"), found by its keywords.

    ``for_cues`` and ``against_cues`` are words that, said of the issue, assert or deny the
    proposition on their own ("hoax" of "climate change is a serious concern"); most issues need
    none. ``induced`` issues were found in the corpus (storyline.link.issues), not given.
    ``kind`` says what a harm the issue's subject does argues: against a "proposal" ("cease-fires
    would legitimize the aggression" is against a cease-fire), for a "concern" ("warming will
    destabilize the region" says warming is a serious concern).
    """

    id: str
    label: str
    keywords: tuple[str, ...]
    for_cues: tuple[str, ...] = ()
    against_cues: tuple[str, ...] = ()
    induced: bool = False
    kind: IssueKind = "proposal"


@dataclass(frozen=True, slots=True)
class Position:
    """Where an actor stands on an issue, as one statement says, with the sentence that says it.

    ``polarity`` is +1 when the actor is for the issue's proposition, -1 against, 0 when the
    statement is about the issue without taking a side. ``date`` is the day the statement was made
    (``date_basis``: "published", or "timex" when the text dates the statement); a date the
    statement is *about* is not it, but ``about``. ``quote``/``event`` are the ids (store row ids) of the quote or
    event the position was read from, None for a stance statement read from the sentence alone.
    ``cue`` is the stance word (or None), ``rule`` how the polarity was read.
    """

    doc: str
    start: int  # the evidence: the sentence (or the quote's content)
    end: int
    text: str
    actor: str  # canonical actor id
    issue: str
    stance: Stance
    polarity: int
    date: str | None
    confidence: float
    date_basis: str | None = None
    quote: int | None = None
    event: int | None = None
    cue: Span | None = None
    rule: str = ""
    # Where the quote or event is, as the store reads it back: row ids depend on the order
    # documents arrived in, offsets do not, so these are what a position is exported with.
    quote_at: tuple[int, int] | None = None
    event_at: tuple[int, int] | None = None
    # A day, month or year the statement is about ("troops will leave by 31 March"), kept apart
    # from the day it was made: the first calendar date written in the sentence that does not
    # date the statement itself.
    about: str | None = None

    @property
    def id(self) -> str:
        return content_id("position", f"{self.doc}\0{self.start}\0{self.end}\0{self.actor}\0{self.issue}")


class PositionSide(NamedTuple):
    """What the actor × issue matrix reads of a position (who, on what, which side, when): the
    store reads these for a whole corpus in a fraction of the time whole positions take."""

    actor: str
    issue: str
    polarity: int
    date: str | None


@dataclass(frozen=True)
class CachedResponse:
    """What the store keeps of a fetched URL's response: its validators (``ETag``,
    ``Last-Modified``), headers and body, so a later build can ask whether it changed."""

    url: str
    headers: Mapping[str, str]
    content: bytes
    etag: str | None
    last_modified: str | None


# -- the timeline merge's memory (link/timeline.py, migration 21) ------------------------------


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a merge put an event, and what it read of it: the cluster (named by the id of the
    event that started it), the event's place among the cluster's members, its claimed days,
    whether a time expression dates it, the actors named around it and the clause they were
    read from (to find the events a name new to the corpus may now name)."""

    doc: str
    key: str  # link.timeline.event_key: what the merge read of the event itself
    cluster: int
    ordinal: int
    days: tuple[date, ...]
    dated: bool
    actors: frozenset[str]
    clause: str
