"""Which language each document is written in, so that a pipeline for that language analyses it.

The ``language`` stage sets :attr:`Article.language` to an ISO 639-1 code ("en", "de", "es").
Detection uses py3langid (BSD-3-Clause), whose 4.5 MB model ships inside its package, so nothing
is downloaded at run time; ``benchmarks/language.py`` compares it with lingua-language-detector
(see docs/benchmarks.md): on news articles both are right on all but one or two of 1,257, and
py3langid is a twentieth of the size, a twelfth of the memory and 4-11 times faster.

The rule for texts the detector cannot be sure of: a text with fewer than
:data:`MIN_LETTERS` letters, or whose best language scores below :data:`MIN_CONFIDENCE`, or for
which the detector names no ISO 639-1 language, is taken to be in :data:`DEFAULT_LANGUAGE`
(the language of the default pipeline and of the rule stages), and the article carries an
:class:`~storyline.records.ItemWarning` with code :data:`LANGUAGE_UNSURE` giving the guess and its
confidence, so ``storyline errors`` shows which documents rest on the fallback. A language
already set on the article (read back from the store) is kept, and one the input states (a
``language`` field of a JSONL record: "de", "pt-BR") is taken as given.

What each language gets is decided downstream: the ``analyse`` stage parses a document with the
spaCy pipeline configured for its language (:mod:`storyline.analyse.nlp`), and the rule stages
(time, quotes, events) run only on the languages in :data:`RULE_LANGUAGES`.

    >>> Language().process(article).language
    'de'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from storyline.errors import LANGUAGE_UNSURE
from storyline.pipeline import Stage
from storyline.records import Article, ItemWarning

# The language of the default spaCy pipeline, of a text too short or too mixed to tell, and of a
# document whose language is not known (an article stored before languages were detected).
DEFAULT_LANGUAGE = "en"
# The languages the rule stages (time expressions, quotes, events) are written for: their cue
# words, month names, reporting verbs and tense rules are English. Other documents get sentences
# and entities from their own pipeline and no rule-based extraction, rather than wrong extraction.
RULE_LANGUAGES = frozenset({"en"})
# py3langid's normalised probability below which its guess is unsure. Its probabilities are
# tempered by the text's length, so they are calibrated: on the benchmark's 1,257 documents
# (docs/benchmarks.md) this threshold flags 1 whole article (a list of names) and lets no wrong
# guess through; on their first 60 characters it flags 14% and lets 1 wrong guess through, on
# their first 30 (a headline) 68% and none. A higher threshold sends more short texts to the
# fallback and gains nothing on articles.
MIN_CONFIDENCE = 0.5
# Fewer letters than this are not even tried: shorter than the shortest headline the benchmark
# measured (30 characters, about 25 letters), they are a label or a byline, not a text with a
# language, and a detector plugged in without calibrated confidence would still guess.
MIN_LETTERS = 20
# Codes a detector gives that spaCy spells otherwise: spaCy's Norwegian pipelines are "nb"
# (Bokmål), py3langid says "no". Mapped so that `--model nb=nb_core_news_sm` matches.
CODE_ALIASES = {"no": "nb"}
ISO_639_1 = re.compile(r"[a-z]{2}")  # use with fullmatch
# The field of an input record that states its language.
GIVEN_FIELD = "language"


class Detector(Protocol):
    """A language detector: the best ISO 639-1 code for a text (None when it names none) and its
    confidence in [0, 1]. The seam tests and users plug their own detector into."""

    def __call__(self, text: str) -> tuple[str | None, float]: ...


class Py3LangId:
    """py3langid's naive Bayes identifier with probabilities normalised to [0, 1]."""

    name = "py3langid"

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def __call__(self, text: str) -> tuple[str | None, float]:
        code, confidence = self.identifier.classify(text)
        code = CODE_ALIASES.get(code, code)
        # It also answers "zxx" (no linguistic content) and a few three-letter codes.
        return (code if ISO_639_1.fullmatch(code) else None), float(confidence)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    """The packaged detector, loaded once per process (0.5 s on the benchmark)."""
    return Py3LangId()


def language_of(article: Article) -> str:
    """The article's language, or the default when it is not known."""
    return article.language or DEFAULT_LANGUAGE


def has_rules_for(article: Article) -> bool:
    """Whether the rule stages (time, quotes, events) are written for the article's language."""
    return language_of(article) in RULE_LANGUAGES


def letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


@dataclass(frozen=True, slots=True)
class Detection:
    """What detection decided for one text: the language it gets, the detector's own guess and
    confidence, and, when the fallback was taken, why."""

    language: str
    guess: str | None
    confidence: float
    unsure: str | None = None


def detect_language(text: str, detector: Detector | None = None) -> Detection:
    """The language of ``text`` by the rule of this module: the detector's guess when it is sure,
    :data:`DEFAULT_LANGUAGE` with a reason when the text is too short or the guess unsure."""
    size = letters(text)
    if size < MIN_LETTERS:
        return Detection(DEFAULT_LANGUAGE, None, 0.0,
                         f"the text has {size} letters, fewer than the {MIN_LETTERS} needed to tell its language")
    guess, confidence = (detector or default_detector())(text)
    if guess is None:
        return Detection(DEFAULT_LANGUAGE, None, confidence, "the detector names no language for the text")
    if confidence < MIN_CONFIDENCE:
        return Detection(DEFAULT_LANGUAGE, guess, confidence,
                         f"the best guess, {guess!r}, has confidence {confidence:.2f}, below {MIN_CONFIDENCE}")
    return Detection(guess, guess, confidence)


def given_language(value: object) -> str | None:
    """A language the input states ("de", "DE", "de-AT", "pt_BR"), as ISO 639-1; None when the
    value is not one (a language name, a three-letter code, anything else)."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    primary = CODE_ALIASES.get(primary, primary)
    return primary if ISO_639_1.fullmatch(primary) else None


class Language(Stage):
    """Detect the language of each article's clean text (ISO 639-1), or fall back with a warning.

    A language already set on the article is kept, and one its input states (a ``language``
    field of a JSONL record, e.g. ``"de"`` or ``"de-AT"``) is taken as given. Otherwise
    :func:`detect_language` decides; when it falls back to :data:`DEFAULT_LANGUAGE` the article
    gets a :data:`LANGUAGE_UNSURE` warning saying why.
    """

    name = "language"
    requires = frozenset({"text"})
    assigns = frozenset({"language", "warnings"})

    def __init__(self, *, detector: Detector | None = None) -> None:
        # None: the packaged detector, loaded on first use, so a pipeline built and never run
        # costs nothing.
        self.detector = detector

    def process(self, article: Article) -> Article:
        if article.language is not None:
            return article
        given = given_language(article.raw.fields.get(GIVEN_FIELD))
        if given is not None:
            return replace(article, language=given)
        found = detect_language(article.text or "", self.detector)
        if found.unsure is None:
            return replace(article, language=found.language)
        warning = ItemWarning(
            source=article.source, stage=self.name, code=LANGUAGE_UNSURE, doc=article.id,
            reason=f"language unsure: {found.unsure}; analysed as {found.language!r}. If that is wrong, "
                   f"give the language with the input (a {GIVEN_FIELD!r} field of a JSONL record)",
            detail={"guess": found.guess, "confidence": round(found.confidence, 3),
                    "letters": letters(article.text or ""), "assumed": found.language},
        )
        return replace(article, language=found.language, warnings=article.warnings + (warning,))
