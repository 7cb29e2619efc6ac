"""The story's own time: the date the text last named, and the quarter an earnings report is
about, as they stand at a point of the text.

"The following year", "two days later" and "that day" count from the date the narrative last
named, not from the publication date; "a year earlier" right after "the third quarter" means
that quarter a year before. A :class:`StoryTime` is immutable: :func:`after` gives the story time
that follows a resolved timex, so reading a text is a fold over its timexes in text order.

:data:`UNREAD` is the story time of a reading that has not followed the text (while
overlapping candidates are settled longest first): nothing is known, and a rule must not
conclude from that that nothing was named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from storyline.analyse.lexicon.calendar import CALENDAR_VALUE
from storyline.analyse.time.direction import direction
from storyline.analyse.time.document import Document
from storyline.records import Timex

# Sentences back in which a mentioned quarter sets the granularity of "a year ago/earlier":
# earnings reports say "rose 5% from a year earlier" right after naming the quarter.
QUARTER_CONTEXT_SENTENCES = 2
# Sentences after a named date during which "the following year" or "two days later" count from
# it. One: narrative anchoring is local; further on, "up 5% from a year earlier" in an earnings
# report compares with the publication period, not with a date named paragraphs before.
REFERENCE_SENTENCES = 1
# "The following month" in a past-tense narrative can only mean the story's time, never the
# publication date's neighbour, so it looks further back for it: a paragraph's worth.
ANAPHOR_SENTENCES = 4

_PRECISION_PARTS = {"year": 1, "month": 2, "day": 3}
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
# "last year's third quarter" and "the year-ago quarter" are the comparison, not the quarter
# reported on
_LOOKS_BACK = re.compile(r"\byear[-\s]+(?:ago|earlier)|\blast\s+year", re.I)


@dataclass(frozen=True, slots=True)
class StoryTime:
    """``read``: whether the text before this point has been followed (False in :data:`UNREAD`)."""

    read: bool = True
    # the last calendar date the text named (day, month or year precision) and its sentence
    reference: str | None = None
    reference_sentence: int = -1
    last_quarter: tuple[int, int, int] | None = None  # year, quarter, sentence

    def reference_date(self, precision: str, sentence: int, reach: int = REFERENCE_SENTENCES,
                       ) -> dt.date | None:
        """The reference time when it is at least as precise as ``precision`` (day|month|year)
        and recent enough (``reach`` sentences) to still be the story's time in ``sentence``."""
        if self.reference is None or sentence - self.reference_sentence > reach:
            return None
        parts = [int(p) for p in self.reference.split("-")]
        if len(parts) < _PRECISION_PARTS[precision]:
            return None
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def quarter_near(self, sentence: int) -> tuple[int, int] | None:
        """The quarter named within :data:`QUARTER_CONTEXT_SENTENCES` before ``sentence``."""
        if self.last_quarter and sentence - self.last_quarter[2] <= QUARTER_CONTEXT_SENTENCES:
            return self.last_quarter[0], self.last_quarter[1]
        return None

    def quarter(self) -> tuple[int, int] | None:
        """The last quarter named, however far back."""
        return self.last_quarter[:2] if self.last_quarter else None


UNREAD = StoryTime(read=False)
OPENING = StoryTime()  # the story time at the start of a text: nothing named yet


def after(story: StoryTime, timex: Timex, *, refers_back: bool, document: Document,
          published: dt.date | None) -> StoryTime:
    """The story time once ``timex`` has been read. ``refers_back``: the expression counts from
    the story's quarter ("a year ago", "the 1988 period") and so cannot replace it."""
    quarter = _QUARTER_VALUE.fullmatch(timex.value)
    year_quarter = (int(quarter[1]), int(quarter[2])) if quarter else None
    # "this year's third quarter" is the quarter reported on; "last year's" and "the year-ago
    # quarter" are its comparison and must not replace it
    if (year_quarter and not _LOOKS_BACK.search(timex.text) and not refers_back
            and not is_forecast(document, published, year_quarter, timex.start, timex.end)):
        story = replace(story, last_quarter=(*year_quarter, timex.sentence))
    elif (timex.type == "DURATION" and re.fullmatch(r"P\d+M", timex.value)
          and timex.text.lower().startswith("the ")):
        # "In the first nine months, net rose ... from the 1988 period": the report has moved
        # on from the quarter, and what follows compares the longer period
        story = replace(story, last_quarter=None)
    day = timex.value.partition("T")[0]
    if timex.type in ("DATE", "TIME") and CALENDAR_VALUE.fullmatch(day):
        story = replace(story, reference=day, reference_sentence=timex.sentence)
    return story


def is_forecast(document: Document, published: dt.date | None, year_quarter: tuple[int, int],
                start: int, end: int) -> bool:
    """A quarter still to come ("losses through the third quarter of 1990") or still running in a
    future clause ("expect the trend to continue into the fourth quarter") is a forecast, not a
    period with results; "third-quarter earnings will be low" after the quarter ended is a result
    awaited."""
    if published is None:
        return False
    first_day = dt.date(year_quarter[0], 3 * year_quarter[1] - 2, 1)
    running = first_day + dt.timedelta(days=92) > published
    return first_day > published or (running and direction(document, start, end) > 0)
