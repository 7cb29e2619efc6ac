"""Storyline: turn raw news articles into a sourced, dated account of a story.

The public API::

    from storyline import build, Store
    report = build(["articles/"], db="storyline.db")
    with Store.open("storyline.db") as store:
        for actor in store.actors(label="PERSON"):
            print(actor.name, actor.mention_count)
"""

import importlib
import sys
import types

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
# API need none of it, so the build names are imported on first use rather than with the package.
# The package's ``build`` is the function, as it always was: importing the submodule
# ``storyline.build`` (which binds the module on its package) binds its function instead.
_BUILD_NAMES = frozenset({"BuildReport", "analyse_raw", "build", "default_stages"})


class _Package(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name in _BUILD_NAMES:
            return getattr(importlib.import_module("storyline.build"), name)
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")

    def __setattr__(self, name: str, value: object) -> None:
        if name == "build" and isinstance(value, types.ModuleType):
            value = value.build
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Actor", "AliasLink", "Article", "BuildReport", "EntityMention", "ExtractionError", "Failure", "InputError",
    "ModelError", "Pipeline", "PipelineError", "RawDocument", "RemovedSpan", "Sentence", "Stage", "Store",
    "StoreError", "StorylineError", "analyse_raw", "build", "default_stages",
]
