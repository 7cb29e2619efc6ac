"""Month and weekday names with their abbreviations, lower-case, and the number of each.

``MONTHS["sept"] == 9`` and ``WEEKDAYS["thurs"] == 3`` (Monday is 0, as in
:meth:`datetime.date.weekday`). "May" has no abbreviation of its own.
"""

from __future__ import annotations

import re

# A TIMEX3 value that names a calendar date with its year known: a year, a month or a day
# ("2009", "2009-04", "2009-04-06"; not "XXXX-04-06", a week, a season or a duration).
CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

MONTH_NAMES: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
MONTH_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "january": ("jan",), "february": ("feb",), "march": ("mar",), "april": ("apr",), "may": (),
    "june": ("jun",), "july": ("jul",), "august": ("aug",), "september": ("sept", "sep"),
    "october": ("oct",), "november": ("nov",), "december": ("dec",),
}
WEEKDAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "monday": ("mon",), "tuesday": ("tues", "tue"), "wednesday": ("wed",),
    "thursday": ("thurs", "thur", "thu"), "friday": ("fri",), "saturday": ("sat",), "sunday": ("sun",),
}

# Every name and abbreviation → 1 (January) … 12 (December).
MONTHS: dict[str, int] = {
    word: number
    for number, name in enumerate(MONTH_NAMES, start=1)
    for word in (name, *MONTH_ABBREVIATIONS[name])
}
# Every name and abbreviation → 0 (Monday) … 6 (Sunday).
WEEKDAYS: dict[str, int] = {
    word: number
    for number, name in enumerate(WEEKDAY_NAMES)
    for word in (name, *WEEKDAY_ABBREVIATIONS[name])
}

# Month abbreviations in other languages, as feeds write them in RFC 822 dates that should be
# English ("Seg, 24 Set 2018 19:42:40 -0300" in a Brazilian feed): Portuguese, Spanish, French,
# German, Italian. Only the ones that differ from the English abbreviations; read by
# storyline/ingest/feeds.py for entry dates feedparser cannot read.
FOREIGN_MONTH_ABBREVIATIONS: dict[str, int] = {
    "fev": 2, "abr": 4, "mai": 5, "ago": 8, "set": 9, "out": 10, "dez": 12,  # pt
    "ene": 1, "dic": 12,  # es (feb, mar, abr, may, jun, jul, ago, sep/set, oct, nov shared)
    "janv": 1, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "août": 8, "aout": 8,
    "déc": 12,  # fr
    "mär": 3, "märz": 3, "okt": 10,  # de (jan, feb, apr, mai, jun, jul, aug, sep, nov, dez shared)
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ott": 10,  # it
}

# Time zones written after a clock time in English news and live blogs ("Updated at 23.50 GMT",
# "7am BST", "10:00 MSK"): the page furniture that cleaning and mention extraction cut out.
TIME_ZONES: tuple[str, ...] = ("GMT", "BST", "UTC", "CET", "CEST", "EET", "EEST", "MSK", "ET", "EST", "EDT",
                               "PT", "PST", "PDT")
