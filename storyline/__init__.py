"""Storyline: turn raw news articles into a sourced, dated account of a story.

The public API::

    from storyline import build, Store
    report = build(["articles/"], db="storyline.db")
    with Store.open("storyline.db") as store:
        for actor in store.actors(label="PERSON"):
            print(actor.name, actor.mention_count)
"""

from storyline.build import BuildReport, analyse_raw, build, default_stages
from storyline.errors import (
    ExtractionError,
    InputError,
    ModelError,
    PipelineError,
    StoreError,
    StorylineError,
)
from storyline.pipeline import Pipeline, Stage
from storyline.records import Actor, AliasLink, Article, EntityMention, Failure, RawDocument, RemovedSpan, Sentence
from storyline.store import Store

__version__ = "0.1.0"

__all__ = [
    "Actor", "AliasLink", "Article", "BuildReport", "EntityMention", "ExtractionError", "Failure", "InputError",
    "ModelError", "Pipeline", "PipelineError", "RawDocument", "RemovedSpan", "Sentence", "Stage", "Store",
    "StoreError", "StorylineError", "analyse_raw", "build", "default_stages",
]
