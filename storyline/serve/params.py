"""What the outside faces accept from a user, checked once for the CLI's options and the HTTP API's
query parameters alike."""

from __future__ import annotations

import re
from datetime import date

# A year, a month or a day: the prefixes of the stored ISO dates that --from/--to and the API's
# from/to take. ASCII digits only: \d would also take other scripts' digits, which no stored date has.
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# The same shape as a schema pattern (the HTTP API's from/to), months 01-12 and days 01-31: as a
# bound a day past a month's end (2022-02-30) still orders right, so the API needs no calendar.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def is_partial_date(value: str) -> bool:
    """Whether ``value`` is YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    match = PARTIAL_DATE.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
