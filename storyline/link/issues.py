"""Issues: the propositions parties take sides on, from the analyst's TOML file or the corpus.

An issues file lists one ``[[issue]]`` table per proposition::

    [[issue]]
    id = "nato-membership"
    label = "Ukraine may join NATO"
    keywords = ["NATO membership", "join NATO", "open door", "eastward enlargement"]
    for = ["..."]        # optional: words that assert the proposition on their own
    against = ["..."]    # optional: words that deny it

:func:`load_issues` reads it (a malformed file is an :class:`~storyline.errors.IssueFileError`
naming the line); with no file, :func:`induce_issues` finds what the corpus's stance statements
are about and names each issue by its most frequent phrase. Both give the same
:class:`~storyline.records.Issue` records; :func:`rename_issue` and :func:`merge_issues` let the
user reshape induced ones (``storyline issues --rename/--merge``), which keeps them as given.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from storyline.errors import IssueFileError
from storyline.records import Issue

# An induced issue must be written about in at least this many documents: fewer is one outlet's
# aside, not something parties take sides on.
MIN_INDUCED_DOCS = 3
# At most this many induced issues: an analyst reads a table of a dozen, not of a hundred.
MAX_INDUCED = 12
ISSUE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
ISSUE_KINDS = ("proposal", "concern")


def load_issues(path: str | Path) -> tuple[Issue, ...]:
    """The issues of a TOML file; an :class:`IssueFileError` says what is wrong and where."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise IssueFileError(f"cannot read the issues file {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise IssueFileError(f"{path} is not valid TOML: {error}; fix that line") from None
    except UnicodeDecodeError:
        raise IssueFileError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    tables = data.get("issue")
    if not isinstance(tables, list) or not tables:
        raise IssueFileError(f"{path} has no [[issue]] tables; write one per issue with id, label and keywords")
    issues: list[Issue] = []
    for n, table in enumerate(tables, 1):
        where = f"{path}, issue {n}"
        if not isinstance(table, dict):
            raise IssueFileError(f"{where}: write it as an [[issue]] table")
        issue_id, label = table.get("id"), table.get("label")
        if not isinstance(issue_id, str) or not ISSUE_ID.fullmatch(issue_id):
            raise IssueFileError(f"{where}: id must be lower-case letters, digits and dashes (e.g. \"nato-membership\")")
        if not isinstance(label, str) or not label.strip():
            raise IssueFileError(f"{where} ({issue_id}): give a label, the proposition in words")
        lists = {}
        for key in ("keywords", "for", "against"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise IssueFileError(f"{where} ({issue_id}): {key} must be a list of words or phrases")
            lists[key] = tuple(v.strip() for v in value)
        if not lists["keywords"]:
            raise IssueFileError(f"{where} ({issue_id}): give at least one keyword")
        unknown = set(table) - {"id", "label", "keywords", "for", "against", "kind"}
        if unknown:
            raise IssueFileError(f"{where} ({issue_id}): unknown keys {sorted(unknown)}; "
                                 "an issue has id, label, keywords, for, against and kind")
        kind = table.get("kind", "proposal")
        if kind not in ISSUE_KINDS:
            raise IssueFileError(f"{where} ({issue_id}): kind must be one of {', '.join(ISSUE_KINDS)} "
                                 "(a proposal is to be done, a concern is a danger to take seriously)")
        if any(issue.id == issue_id for issue in issues):
            raise IssueFileError(f"{where}: the id {issue_id!r} is used twice; give each issue its own")
        issues.append(Issue(issue_id, label.strip(), lists["keywords"], lists["for"], lists["against"], kind=kind))
    return tuple(issues)


def slug(phrase: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", phrase.lower()).strip("-")[:60] or "issue"


def induce_issues(phrases: Iterable[tuple[str, str, str]]) -> tuple[Issue, ...]:
    """Issues from what stance statements are about: ``phrases`` are (document, phrase, head
    noun) triples, the noun phrases stance words govern. Phrases sharing a head noun are one
    issue, named by its most frequent phrase (its centre) and found by all of them; an issue
    needs :data:`MIN_INDUCED_DOCS` documents, and the :data:`MAX_INDUCED` most written-about are
    kept. Deterministic: ties go to the alphabetically first."""
    docs_by_head: dict[str, set[str]] = {}
    phrases_by_head: dict[str, Counter[str]] = {}
    for doc, phrase, head in phrases:
        docs_by_head.setdefault(head, set()).add(doc)
        phrases_by_head.setdefault(head, Counter())[phrase] += 1
    ranked = sorted((h for h, d in docs_by_head.items() if len(d) >= MIN_INDUCED_DOCS),
                    key=lambda h: (-len(docs_by_head[h]), h))[:MAX_INDUCED]
    issues = []
    for head in ranked:
        counts = phrases_by_head[head]
        centre = min(counts, key=lambda p: (-counts[p], p))
        keywords = tuple(sorted({p for p in counts if counts[p] >= 2} | {centre}))
        issues.append(Issue(slug(centre), centre, keywords, induced=True))
    return tuple(sorted(issues, key=lambda i: i.id))


def rename_issue(issues: Sequence[Issue], issue_id: str, label: str) -> tuple[Issue, ...]:
    """The issues with ``issue_id`` labelled ``label``; all become given (``induced`` False), so
    a rebuild keeps them."""
    _known(issues, [issue_id])
    return tuple(Issue(i.id, label if i.id == issue_id else i.label, i.keywords, i.for_cues, i.against_cues,
                       kind=i.kind) for i in issues)


def merge_issues(issues: Sequence[Issue], ids: Sequence[str], into: str) -> tuple[Issue, ...]:
    """The issues with those of ``ids`` merged into ``into`` (keywords and cues joined); all
    become given."""
    _known(issues, [*ids, into])
    target = next(i for i in issues if i.id == into)
    merged = [i for i in issues if i.id in ids or i.id == into]
    union = lambda attr: tuple(dict.fromkeys(w for i in merged for w in getattr(i, attr)))  # noqa: E731
    result = [Issue(into, target.label, union("keywords"), union("for_cues"), union("against_cues"), kind=target.kind)]
    result += [Issue(i.id, i.label, i.keywords, i.for_cues, i.against_cues, kind=i.kind) for i in issues
               if i not in merged]
    return tuple(sorted(result, key=lambda i: i.id))


def _known(issues: Sequence[Issue], ids: Iterable[str]) -> None:
    known = {i.id for i in issues}
    for issue_id in ids:
        if issue_id not in known:
            raise IssueFileError(f"no issue {issue_id!r}; `storyline issues` lists them")
