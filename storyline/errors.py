"""Storyline's errors: each has a code and tells the user what to do next.

    StorylineError
    ├── InputError        an input item cannot be read (binary, bad encoding, too large, malformed)
    ├── ExtractionError   no article text could be found in an item
    ├── LanguageError     an item is in a language no configured spaCy pipeline is for
    ├── PipelineError     stages do not fit together (a stage needs what no earlier stage assigns)
    ├── ModelError        the configured spaCy pipeline cannot be loaded
    ├── StoreError        the database is missing, locked, or from a newer Storyline
    ├── IssueFileError    an issues file (build --issues) is malformed, or names an unknown issue
    └── InternalError     a bug met on one item; recorded for that item like an input error

Item-level errors (InputError, ExtractionError, LanguageError) are recorded for that item and the
run goes on; the others stop the run, because nothing useful can be done until the user fixes them.

An item that is kept but not whole or not sure carries an ItemWarning (storyline.records) with one
of the warning codes below, numbered like the errors of the stage that raises it; `storyline
errors` lists them beside the failures.
"""

from __future__ import annotations


class StorylineError(Exception):
    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(StorylineError):
    code = "E100"


class ExtractionError(StorylineError):
    code = "E200"


class LanguageError(StorylineError):
    code = "E250"


class PipelineError(StorylineError):
    code = "E300"


class ModelError(StorylineError):
    code = "E400"


class StoreError(StorylineError):
    code = "E500"


class IssueFileError(StorylineError):
    code = "E600"


class InternalError(StorylineError):
    code = "E900"


# Warning codes: an item kept with a doubt.
DATE_FIELD_NOT_A_DATE = "W110"  # metadata: a given date field is not a plausible date; the item stays undated
FEED_ENTRY_INCOMPLETE = "W120"  # metadata: a feed entry lacks a title, link or date; kept without them
KEPT_UNDER_HALF = "W200"  # clean: the cleaner kept under half of the input
LANGUAGE_UNSURE = "W250"  # language: too short or too unsure to tell; analysed as English
