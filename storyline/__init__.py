"""Storyline: turn raw news articles into a sourced, dated account of a story.

The public API::

    from storyline import build, Store
    report = build(["articles/"], db="storyline.db")
    with Store.open("storyline.db") as store:
        for actor in store.actors(label="PERSON"):
            print(actor.name, actor.mention_count)
"""

import importlib

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

# The build machinery imports spaCy (over a second), and the read-only CLI commands and the store
# API need none of it, so the build names are imported on first use (a module ``__getattr__``,
# PEP 562) rather than with the package. They live in ``storyline.builder``, not in a submodule
# named ``build``: a package attribute cannot be both the submodule and the function.
_BUILD_NAMES = frozenset({"BuildReport", "analyse_raw", "build", "default_stages"})


def __getattr__(name: str) -> object:
    if name in _BUILD_NAMES:
        return getattr(importlib.import_module("storyline.builder"), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")


__all__ = [
    "Actor", "AliasLink", "Article", "BuildReport", "EntityMention", "ExtractionError", "Failure", "InputError",
    "ModelError", "Pipeline", "PipelineError", "RawDocument", "RemovedSpan", "Sentence", "Stage", "Store",
    "StoreError", "StorylineError", "analyse_raw", "build", "default_stages",
]
