"""Month and weekday names with their abbreviations, lower-case, and the number of each.

``MONTHS["sept"] == 9`` and ``WEEKDAYS["thurs"] == 3`` (Monday is 0, as in
:meth:`datetime.date.weekday`). "May" has no abbreviation of its own.
"""

from __future__ import annotations

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
