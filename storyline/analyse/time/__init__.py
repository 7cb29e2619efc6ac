"""Temporal expressions: find them in a parsed article and normalise them TIMEX3-style.

:func:`extract_timexes` returns one :class:`~storyline.records.Timex` per expression, with exact
character offsets into ``doc.text`` and a TIMEX3 ``value`` resolved against the publication date
(the document creation time, "DCT").

How it works:

* **A grammar of regular expressions** over the text proposes candidates: absolute dates
  ("March 10, 2022", "10 March", "2022-03-10"), month/year/decade/season/quarter names, clock
  times, deictic words ("yesterday", "tonight", "now"), relative phrases ("last Thursday",
  "next week", "two years ago", "the past three months"), durations, sets ("every Monday",
  "daily") and holidays. Overlaps are settled longest-first. The grammar is ours because spans
  must follow TIMEX3 extent conventions (spaCy's DATE entities swallow prepositions and
  modifiers, and miss "now"/"recently"), and normalisation needs the parse anyway.
* **Extent follows the TIMEX3 guidelines as TimeBank applies them:** "the" belongs to a noun
  phrase whose head is temporal ("the third quarter", "the past two months", "the weekend") but
  not to a hyphenated modifier ("the 14-day delay" → "14-day"); "ago" belongs to the expression,
  prepositions do not ("in 2014" → "2014"). Quantity modifiers are recorded in ``mod``; those
  that are never prepositions ("nearly", "more than", "at least") are inside the extent, those
  that often are ("about", "over", "around") stay outside. "early", "late", "mid-", "the end
  of" are inside and recorded as START/END/MID.
* **The parse guards the grammar:** "May" the modal, "march" the verb, "1990 shares", "a
  quarterly dividend" and names ("April Ryder") are refused using spaCy's tags and entity
  labels. No other library is needed: absolute forms are few and their spans are exact here.
* **Tense and modality decide the direction** of an expression that names a day or month without
  saying which one ("Monday", "in March", "January 9"): the governing verb is found in the
  dependency parse; "will"/"shall", "is to", "is due/scheduled/set/expected to", "plans to",
  a present-tense non-reporting verb point forward; a past tense or present perfect points back;
  "by"/"until" (and "through" closing a term) make a date a deadline that lies ahead even in a
  past-tense sentence ("extended the offer until Tuesday"), unless a perfect says it has passed;
  the end of a period that "ended" lies behind ("the year ended Jan. 31"); a quarter is never one that has
  not begun when the verb is past; with no verdict the sentence's auxiliaries decide, and a bare
  weekday then defaults to the past (news reports what happened) while months and quarters take
  the nearest occurrence. A weekday equal to the publication day resolves to that day ("the
  paper reported Friday" in a Friday article). "last X"/"next X" are strict: the nearest X before/after the publication day.
* **Lists and ranges are one timex.** "Monday and Tuesday", "January 9 and 10", "from 10 to 13
  January", "January 11-12" give a single timex whose ``value`` is the first day and whose
  ``values`` lists every day covered; for every other timex ``values == (value,)``.
* **No anchor, no guess.** With ``published=None`` relative expressions stay underspecified
  ("XXXX-WXX-1" for "Monday", "XXXX-01-10" for "January 10", "XXXX-XX-XX" for "yesterday").

Where each job lives:

* :mod:`~storyline.analyse.time.words`: the words (counts, units, seasons, parts of the day,
  references); month and weekday names are in :mod:`storyline.analyse.lexicon.calendar`.
* :mod:`~storyline.analyse.time.patterns`: the regular expressions, built from those words.
* :mod:`~storyline.analyse.time.rules`: the rules as an ordered registry (name, kind, pattern,
  reading); the readings by kind in :mod:`~storyline.analyse.time.dates`,
  :mod:`~storyline.analyse.time.days`, :mod:`~storyline.analyse.time.references`,
  :mod:`~storyline.analyse.time.relative`, :mod:`~storyline.analyse.time.durations`,
  :mod:`~storyline.analyse.time.sets`, :mod:`~storyline.analyse.time.quarters`,
  :mod:`~storyline.analyse.time.clock`, :mod:`~storyline.analyse.time.holidays`, and
  :mod:`~storyline.analyse.time.lists` for lists and ranges.
* :mod:`~storyline.analyse.time.anchor`: what an expression is resolved against, made of the
  parsed text (:mod:`~storyline.analyse.time.document`), the direction from tense
  (:mod:`~storyline.analyse.time.direction`) and the story's time
  (:mod:`~storyline.analyse.time.story`).
* :mod:`~storyline.analyse.time.values` and :mod:`~storyline.analyse.time.occurrence`: the value
  arithmetic (writing TIMEX3 values; which occurrence of a yearless date is meant).
* :mod:`~storyline.analyse.time.modifiers`: "early", "the day before", "nearly" around a core.
* :mod:`~storyline.analyse.time.candidates` and :mod:`~storyline.analyse.time.extract`: the
  loop: propose candidates, settle which are timexes, resolve them in text order.

Example::

    >>> doc = nlp("The ministers will meet on Monday and Tuesday.")
    >>> [(t.text, t.value, t.values) for t in extract_timexes("d1", doc, date(2022, 1, 7))]
    [('Monday and Tuesday', '2022-01-10', ('2022-01-10', '2022-01-11'))]
"""

from __future__ import annotations

from storyline.analyse.time.extract import extract_timexes

__all__ = ["extract_timexes"]
