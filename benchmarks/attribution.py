"""Score quote attribution on PolNeAR (Newell et al., LREC 2018): sources, cues and contents.

Data layout (brat standoff): ``DIR/text/<name>.txt`` and ``DIR/attributions/<name>_<annotator>.ann``
where ``<annotator>`` is a four-hex-digit id. A few texts were annotated by several people; we
score against ONE annotator per text, chosen deterministically: the lexicographically smallest
annotator id. (Averaging over annotators would weigh those texts more; the choice changes the
dev figures by well under a point.)

Gold: every ``Attribution`` / ``Attribution-no-source`` event gives a content span (possibly
discontinuous: fragments joined by ``;``), a source span (absent for no-source) and a cue span.
PolNeAR has no separate direct/indirect label, so a gold attribution's kind is derived from its
content: ``direct`` when the content is (almost) all inside quote marks, ``mixed`` when it holds
a quoted fragment of at least two words, else ``indirect``.

Matching (one-to-one, greedy by overlap):

- **content exact**: same character span after trimming whitespace and edge punctuation
  (quote marks kept) — the gold annotators are inconsistent about a final comma.
- **content overlap**: word-token overlap ≥ 0.5 of the *longer* of the two spans (both spans
  must be at least half covered).
- **source**: the predicted speaker span vs the gold source spans of the text (each distinct
  span once): a match is word-token overlap ≥ 0.5 of the longer span. ``source exact`` is also
  printed.
- **attribution**: a predicted quote whose content overlaps a gold content (as above) and
  whose speaker matches that attribution's source: the speaker span or the resolved
  ``speaker_ref`` overlaps the gold source span, or ``speaker_ref`` has the same surface name
  as the gold source (case-insensitive, or its last word equals the gold source's last word:
  "Stoltenberg" for "Jens Stoltenberg"). PolNeAR marks no coreference chains, so "the same
  actor" is the same surface name. A gold attribution without a source is matched by content
  alone.

**By cue class**: each gold attribution's cue is classed as Storyline classes its own quotes
(``storyline.analyse.quotes.classes``: speech, stance, cognition, perception), and each class's
recall (gold of that class matched by content overlap) and precision (predictions of that class
matched) are printed.

**A reader's convention** (``--reader``), printed beside the standard one. A reader counts what
was *said*: only speech (gold cues and predicted quotes of class ``speech``); "“A,” X said, “B.”"
is two quotes, A and B (a gold content's fragments, a prediction's ``parts``, and a content made
of several quotations with only a cue between them split at the quote marks, on both sides
alike); and a paragraph that is entirely one quotation, directly after a paragraph whose last
speech attribution is a quotation with a source, is a quote by that source (PolNeAR annotators
often leave such continuation paragraphs unmarked: they are added to the gold, by the text's
quote marks only, chained over consecutive paragraphs).

**Speaker by name**: of the predictions matched to a gold attribution (content overlap) whose
source names someone (the source phrase is a name: its head word is a proper noun, "Sen. David
Perdue (R-Ga.)", "Trump", "the IMF"), the share whose resolved speaker name
(``speaker_ref``'s text) is that source's name: the same name, the same last word, or the name
inside the source phrase. PolNeAR marks no coreference, so a gold source written "he", "the
spokesman" or "the Indiana governor" cannot be checked and is left out. (The earlier measure,
still printed and in the JSON as ``speaker_by_name_any_propn``, took any source with a proper
noun in it: "the Indiana governor" then counted, and only a resolution to "Indiana" scored.) The share is printed by how Storyline's speaker was
written: a name, a surname (one proper noun), a pronoun, a description ("the spokesman") or an
organisation; ``none`` when there is no speaker (in the JSON as ``speaker_by_name_<form>``; with
``--errors N`` the misses of each form are listed as "wrong name (form)").

``--agreement`` scores instead the texts several people annotated: each annotator against each
other one, the majority of the others against the one left out (the ceiling these measures
allow), and Storyline against each annotator.

Run from the project root::

    .venv/bin/python benchmarks/attribution.py [--data DIR ...] [--limit N] [--errors N] [--reader] [--agreement]

The last line printed is one JSON object with ``content_exact_f1``, ``content_overlap_f1``,
``source_f1`` and ``attribution_f1`` (with ``--reader`` also the same keys prefixed ``reader_``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev"
# Word-token overlap needed for a "partial" match (of the longer span), the usual PARC setting.
OVERLAP = 0.5
# A gold content counts as direct when at least this share of its words is inside quote marks.
DIRECT_SHARE = 0.9
# In a reader's count, a content of several quotations is split at its quote marks when at most this
# many words stand outside them: a cue and its speaker ("“A,” the minister of finance said, “B.”").
MAX_CUE_WORDS_BETWEEN = 6
_WORD = re.compile(r"\w+")
_QUOTED_RUN = re.compile(r"[“\"][^“”\"\n]*[”\"]")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
_EDGE = " \t\n,.;:!?—–-"
_QUOTE_CHARS = "“”\"„«»"


@dataclass(frozen=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    kind: str


def parses(nlp, texts: list[str], cache: Path | None):  # noqa: ANN001, ANN201 — a spaCy Language; yields Docs
    """The parse of each text, read from ``cache`` when an earlier run with the same model
    and the same texts left it there (spaCy's ``DocBin``), else parsed (and stored there)."""
    if cache is None:
        yield from nlp.pipe(texts, batch_size=16)
        return
    from spacy.tokens import DocBin

    key = hashlib.sha256("\0".join([nlp.meta["name"], nlp.meta["version"], *texts]).encode()).hexdigest()[:16]
    path = cache / f"polnear-{key}.spacy"
    if path.exists():
        yield from DocBin().from_disk(path).get_docs(nlp.vocab)
        return
    docs = DocBin(store_user_data=False)
    for doc in nlp.pipe(texts, batch_size=16):
        docs.add(doc)
        yield doc
    cache.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # A span's text may hold a line break, so the next physical line can be text: only
        # lines that look like brat records are read.
        t = _T_LINE.match(line)
        if t is not None:
            frags = tuple(tuple(int(x) for x in part.split()) for part in t.group(3).split(";"))
            spans[t.group(1)] = (t.group(2), frags)  # type: ignore[assignment]
            continue
        e = _E_LINE.match(line)
        if e is not None:
            events.append(dict(part.split(":", 1) for part in e.group(1).split() if ":" in part))
    out = []
    for ev in events:
        content = ev.get("Content")
        if content is None or content not in spans:
            continue
        source = spans[ev["Source"]][1][0] if ev.get("Source") in spans else None
        cue = spans[ev["Cue"]][1][0] if ev.get("Cue") in spans else None
        out.append(Gold(spans[content][1], source, cue, ""))  # type: ignore[arg-type]
    return out


def annotations(data: Path) -> dict[Path, list[Path]]:
    """Each text and its annotators' files, smallest annotator id first."""
    out: dict[Path, list[Path]] = defaultdict(list)
    for ann in sorted((data / "attributions").glob("*.ann")):
        text = data / "text" / f"{re.sub(r'_[0-9a-f]{4}$', '', ann.stem)}.txt"
        if text.exists():
            out[text].append(ann)
    return dict(sorted(out.items()))


def pick_annotations(data: Path) -> list[tuple[Path, Path]]:
    """(text, ann) pairs: one annotator per text, the smallest annotator id."""
    return [(text, anns[0]) for text, anns in annotations(data).items()]


@dataclass(frozen=True)
class Claim:
    """One attribution to score against the gold: Storyline's, or a second annotator's."""
    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    ref: tuple[int, int] | None = None  # the mention the speaker was resolved to
    ref_text: str | None = None  # the name it was resolved to

    @classmethod
    def of_quote(cls, q) -> Claim:  # noqa: ANN001 — a storyline Quote
        ref = q.speaker_ref
        return cls(tuple(content_spans(q)), (q.speaker.start, q.speaker.end) if q.speaker else None,
                   (ref.start, ref.end) if ref else None, ref.text if ref else None)

    @classmethod
    def of_gold(cls, text: str, g: Gold) -> Claim:
        # An annotator names the source once; the same surname elsewhere is the same actor,
        # the credit the system gets for its resolved name.
        return cls(g.content, g.source, None, text[g.source[0]:g.source[1]] if g.source else None)


def words(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        for m in _WORD.finditer(text, a, b):
            out.add(m.start())
    return out


def overlap(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def content_spans(q) -> list[tuple[int, int]]:  # noqa: ANN001 — a storyline Quote
    """The quote's content: its pieces when its cue interrupts it, else its one span."""
    return [(p.start, p.end) for p in q.pieces()]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def quoted_positions(text: str) -> set[int]:
    """Start offsets of words that sit between double quote marks (per paragraph)."""
    inside: set[int] = set()
    for para in re.finditer(r"[^\n]+", text):
        for m in re.finditer(r"[“\"]([^“”\"]*)[”\"]?", para.group()):
            a = para.start() + m.start(1)
            b = para.start() + m.end(1)
            inside |= {w.start() for w in _WORD.finditer(text, a, b)}
    return inside


def reader_units(text: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content as a reader counts it: each fragment, and a fragment made of several quotations
    with only a cue between them ("“A,” she said, “B.”") as each quotation."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        runs = [(m.start(), m.end()) for m in _QUOTED_RUN.finditer(text[:b], a) if words(text, [(m.start(), m.end())])]
        outside = words(text, [(a, b)]) - words(text, runs)
        if len(runs) >= 2 and len(outside) <= MAX_CUE_WORDS_BETWEEN:
            out.extend(runs)
        else:
            out.append((a, b))
    return out


def continuation_golds(text: str, golds: list[Gold], quoted: set[int]) -> list[Gold]:
    """The paragraphs a reader counts as quotes and the annotator did not mark: a paragraph that is
    entirely one quotation, directly after a paragraph whose last attribution is a quotation with
    a source, continues that source (and so on, paragraph after paragraph)."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    marked = [words(text, g.content) for g in golds]
    added: list[Gold] = []
    source: tuple[int, int] | None = None  # the source a quotation in the previous paragraph ended with
    for a, b in paras:
        in_para = sorted((g for g in golds if a <= g.content[-1][1] <= b), key=lambda g: g.content[-1][1])
        pw = words(text, [(a, b)])
        runs = [(m.start(), m.end()) for m in _QUOTED_RUN.finditer(text[:b], a)]
        whole = (len(runs) == 1 and not text[a:runs[0][0]].strip() and not text[runs[0][1]:b].strip()) or (
            len(runs) == 0 and text[a:b].lstrip()[:1] in "“\"" and pw and pw <= quoted)  # an unclosed last quote
        if whole and source is not None and not in_para and not any(overlap(pw, m) >= OVERLAP for m in marked):
            added.append(Gold(((a, b),), source, None, "direct"))
            continue  # the source goes on to the next paragraph
        source = None
        if in_para:
            last = in_para[-1]
            lw = words(text, last.content)
            if last.source is not None and lw and len(lw & quoted) >= 2:
                source = last.source
    return added


def gold_kind(text: str, content: tuple[tuple[int, int], ...], quoted: set[int]) -> str:
    ws = words(text, content)
    if not ws:
        return "indirect"
    share = len(ws & quoted) / len(ws)
    if share >= DIRECT_SHARE:
        return "direct"
    if len(ws & quoted) >= 2:
        return "mixed"
    return "indirect"


def surname(s: str) -> str:
    ws = _WORD.findall(s.lower())
    return ws[-1] if ws else ""


def names_match(name: str | None, source: str) -> bool:
    """Is ``name`` the name in the gold source phrase ``source`` (same text, same last word, or
    inside it: "David Perdue" in "Sen. David Perdue (R-Ga.)")?"""
    if not name:
        return False
    r, gl = name.lower(), source.lower()
    return r == gl or bool(surname(r)) and surname(r) == surname(gl) or len(r) > 2 and re.search(rf"\b{re.escape(r)}\b", gl) is not None


def written_as(doc, span) -> str:  # noqa: ANN001 — a spaCy Doc and a storyline Span
    """How a speaker was written: name, surname, pronoun, organisation or description."""
    if span is None:
        return "none"
    toks = [t for t in doc if span.start <= t.idx < span.end and not t.is_punct]
    if not toks:
        return "none"
    if len(toks) == 1 and toks[0].pos_ == "PRON":
        return "pronoun"
    labels = {e.label_ for e in doc.ents if e.start_char < span.end and e.end_char > span.start}
    root = [t for t in toks if t.head not in toks or t.head == t][-1]  # the phrase's head word
    if root.pos_ != "PROPN" and not labels & {"PERSON"}:
        return "organisation" if labels & {"ORG", "NORP", "GPE"} and root.pos_ == "PROPN" else "description"
    if labels & {"ORG", "NORP", "GPE"} and "PERSON" not in labels:
        return "organisation"
    proper = [t for t in toks if t.pos_ == "PROPN"]
    return "name" if len(proper) >= 2 else "surname"


def prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one matching, best scores first: predicted index → gold index."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: dict[int, int] = {}
    for score, p, g in sorted(pairs, reverse=True):
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        out[p] = g
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=[DEFAULT_DATA],
                        help="one or more PolNeAR split folders, scored together")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N texts")
    parser.add_argument("--errors", type=int, default=0, help="print N example errors per class")
    parser.add_argument("--reader", action="store_true",
                        help="also score a reader's convention: speech only, “A,” X said, “B.” as two quotes, "
                             "continuation paragraphs counted")
    parser.add_argument("--boundaries", type=int, nargs="?", const=3, default=None, metavar="N",
                        help="bucket the differences of matched-but-imperfect content and source spans "
                             "(with N examples per bucket)")
    parser.add_argument("--parse-cache", type=Path, default=None, metavar="DIR",
                        help="keep the parses of the texts in DIR (one spaCy DocBin per model and set of "
                             "texts) and read them from there on the next run: the rules are what changes "
                             "between runs, not the parse")
    parser.add_argument("--agreement", action="store_true",
                        help="on the texts several people annotated: score each annotator against each "
                             "other one, the majority of the others against the one left out, and "
                             "Storyline against each annotator")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from storyline.analyse.entities import extract_mentions
    from storyline.analyse.nlp import load_model
    from storyline.analyse.quotes import extract_quotes
    from storyline.analyse.quotes.classes import cue_class

    if args.agreement:
        return agreement(args.data, load_model(), extract_mentions, extract_quotes)
    pairs = [pair for data in args.data for pair in pick_annotations(data)]
    if args.limit:
        pairs = pairs[: args.limit]
    if not pairs:
        print(f"no PolNeAR texts under {', '.join(map(str, args.data))} (expected text/ and attributions/)", file=sys.stderr)
        return 2
    nlp = load_model()
    started = time.perf_counter()
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]

    c = Counter()  # counts
    kind_c: dict[str, Counter] = defaultdict(Counter)
    bucket_c: dict[str, Counter] = defaultdict(Counter)
    conf_c: dict[str, Counter] = defaultdict(Counter)  # reliability: confidence band → precision
    class_c: dict[str, Counter] = defaultdict(Counter)  # cue class → gold, matched gold, pred, matched pred
    reader_c = Counter()
    speaker_c: dict[str, Counter] = defaultdict(Counter)  # how the speaker was written → named right
    any_c: dict[str, Counter] = defaultdict(Counter)  # the same, over every source with a proper noun
    errors: dict[str, list[str]] = defaultdict(list)
    boundary_c: dict[str, Counter] = {"content": Counter(), "source": Counter(), "content near miss": Counter()}
    boundary_ex: dict[str, list[str]] = defaultdict(list)
    for (tpath, apath), text, doc in zip(pairs, texts, parses(nlp, texts, args.parse_cache)):
        golds = read_ann(apath)
        quoted = quoted_positions(text)
        mentions = extract_mentions(tpath.stem, doc)
        quotes = extract_quotes(tpath.stem, doc, mentions)
        match = score(text, golds, [Claim.of_quote(q) for q in quotes], c)
        g_kind = [gold_kind(text, g.content, quoted) for g in golds]
        g_class = [cue_class(doc, g.cue, (g.content[0][0], g.content[-1][1]), quoted=k == "direct")
                   for g, k in zip(golds, g_kind)]
        matched_gold = {gi for gi, _ in match.values()}
        for gi, cls in enumerate(g_class):
            class_c[cls]["gold"] += 1
            class_c[cls]["gold_tp"] += gi in matched_gold
        for pi, q in enumerate(quotes):
            class_c[q.cue_class]["pred"] += 1
            class_c[q.cue_class]["pred_tp"] += pi in match
        if args.boundaries is not None:
            claims = [Claim.of_quote(q) for q in quotes]
            for pi, (gi, _) in match.items():
                for what, bucket, example in boundary_differences(text, golds[gi], claims[pi], golds):
                    boundary_c[what][bucket] += 1
                    boundary_ex[f"{what}: {bucket}"].append(f"{tpath.stem}: {example}")
            for gi, pi in near_misses(text, golds, claims, match).items():
                # Unmatched for want of overlap: the edges that cost the match.
                for what, bucket, example in boundary_differences(text, golds[gi], claims[pi], golds):
                    if what == "content":
                        boundary_c["content near miss"][bucket] += 1
                        boundary_ex[f"content near miss: {bucket}"].append(f"{tpath.stem}: {example}")
        for pi, (gi, _) in match.items():
            g, q = golds[gi], quotes[pi]
            source = doc.char_span(*g.source, alignment_mode="expand") if g.source is not None else None
            if source is None or not any(t.pos_ == "PROPN" for t in source):
                continue
            form = written_as(doc, q.speaker)
            named_right = names_match(q.speaker_ref.text if q.speaker_ref else None, text[g.source[0]:g.source[1]])
            any_c[form]["n"] += 1
            any_c[form]["ok"] += named_right
            if source.root.pos_ != "PROPN":
                continue  # "the Indiana governor": a description, whose person PolNeAR does not say
            bucket = speaker_c[form]
            bucket["n"] += 1
            bucket["ok"] += named_right
            if not named_right:
                errors[f"wrong name ({form})"].append(
                    f"{tpath.stem}: gold={text[g.source[0]:g.source[1]]!r} pred={q.speaker.text if q.speaker else None!r} "
                    f"ref={q.speaker_ref.text if q.speaker_ref else None!r} ({q.resolution}) {q.text[:60]!r}")
        if args.reader:
            said = [g for g, cls in zip(golds, g_class) if cls == "speech"]
            said += continuation_golds(text, said, quoted)
            reader_golds = [Gold((u,), g.source, g.cue, g.kind) for g in said for u in reader_units(text, g.content)]
            reader_claims = [Claim((u,), cl.source, cl.ref, cl.ref_text)
                             for q in quotes if q.cue_class == "speech"
                             for cl in [Claim.of_quote(q)] for u in reader_units(text, cl.content)]
            reader_c["continuations"] += len(said) - sum(cls == "speech" for cls in g_class)
            score(text, reader_golds, reader_claims, reader_c)
        for k in g_kind:
            kind_c[k]["gold"] += 1
        for pi, q in enumerate(quotes):
            kind_c[q.kind]["pred"] += 1
            bucket = f"{q.kind}/{q.resolution}"
            bucket_c[bucket]["pred"] += 1
            band = f"{min(0.9, int(q.confidence * 10) / 10):.1f}"
            conf_c[band]["pred"] += 1
            gi, attributed = match.get(pi, (None, False))
            if gi is None:
                kind_c[q.kind]["fp"] += 1
                errors["spurious content"].append(f"{tpath.stem}: [{q.kind}] cue={q.cue.text if q.cue else None!r} {q.text[:120]!r}")
                continue
            kind_c[g_kind[gi]]["tp"] += 1
            if attributed:
                bucket_c[bucket]["tp"] += 1
                conf_c[band]["tp"] += 1
            else:
                g = golds[gi]
                gs = text[g.source[0]:g.source[1]] if g.source else None
                errors["wrong speaker"].append(f"{tpath.stem}: gold={gs!r} pred={q.speaker.text if q.speaker else None!r} ref={q.speaker_ref.text if q.speaker_ref else None!r} ({q.resolution}) {q.text[:80]!r}")
        matched = {gi for gi, _ in match.values()}
        for gi, g in enumerate(golds):
            if gi not in matched:
                cue = text[g.cue[0]:g.cue[1]] if g.cue else None
                errors[f"missed {g_kind[gi]}"].append(f"{tpath.stem}: cue={cue!r} {text[g.content[0][0]:g.content[-1][1]][:120]!r}")
    seconds = time.perf_counter() - started

    rows = measures(c)
    print(f"PolNeAR {', '.join(map(str, args.data))} — {len(pairs)} texts, {c['gold']} gold attributions, "
          f"{c['pred']} predicted, {seconds:.1f}s")
    print(f"{'measure':<18}{'P':>7}{'R':>7}{'F1':>7}")
    for name, (p, r, f) in rows.items():
        print(f"{name:<18}{p:7.3f}{r:7.3f}{f:7.3f}")
    print("\nper cue class (content overlap; gold class from its cue, read as Storyline reads its own)")
    for cls in sorted(class_c, key=lambda k: -class_c[k]["gold"]):
        cc = class_c[cls]
        print(f"  {cls:<11} gold {cc['gold']:5d}  recall {cc['gold_tp'] / cc['gold'] if cc['gold'] else 0:.3f}"
              f"  pred {cc['pred']:5d}  precision {cc['pred_tp'] / cc['pred'] if cc['pred'] else 0:.3f}")
    print("\nspeaker by name: matched quotes whose gold source names someone — share whose resolved name is that name,"
          " by how the speaker was written")
    speaker_by_name = print_speakers_by_name(speaker_c)
    print("  the same over every gold source with a proper noun in it, descriptions too (the earlier measure)")
    any_by_name = print_speakers_by_name(any_c)
    reader_rows = measures(reader_c) if args.reader else {}
    if args.reader:
        print(f"\na reader's convention: speech only, “A,” X said, “B.” as two quotes, continuation paragraphs "
              f"counted — {reader_c['gold']} gold quotes ({reader_c['continuations']} continuation paragraphs "
              f"added), {reader_c['pred']} predicted")
        print(f"{'measure':<18}{'P':>7}{'R':>7}{'F1':>7}")
        for name, (p, r, f) in reader_rows.items():
            print(f"{name:<18}{p:7.3f}{r:7.3f}{f:7.3f}")
    print("\nper kind (content overlap; gold kind from quote marks, predicted kind from the extractor)")
    for k in ("direct", "mixed", "indirect"):
        kc = kind_c[k]
        p = (kc["pred"] - kc["fp"]) / kc["pred"] if kc["pred"] else 0.0
        r = kc["tp"] / kc["gold"] if kc["gold"] else 0.0
        print(f"  {k:<9} gold {kc['gold']:5d}  pred {kc['pred']:5d}  precision {p:.3f}  recall {r:.3f}")
    print("\nprecision of each kind/resolution bucket (content overlap and speaker right) — the confidence figures")
    for b, bc in sorted(bucket_c.items(), key=lambda kv: -kv[1]["pred"]):
        print(f"  {b:<28} n={bc['pred']:5d}  precision {bc['tp'] / bc['pred']:.3f}")
    print("\nreliability: precision of the predictions in each confidence band")
    for band, bc in sorted(conf_c.items()):
        print(f"  confidence {band}-{float(band) + 0.1:.1f}  n={bc['pred']:5d}  precision {bc['tp'] / bc['pred']:.3f}")
    if args.boundaries is not None:
        print_boundaries(boundary_c, boundary_ex, args.boundaries)
    print("\nerror classes")
    for name, items in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"  {name:<20} {len(items)}")
        for example in items[: args.errors]:
            print(f"      {example}")
    print(json.dumps({
        **{key: round(rows[name][2], 4) for key, name in _JSON_KEYS.items()},
        **{f"reader_{key}": round(reader_rows[name][2], 4) for key, name in _JSON_KEYS.items() if reader_rows},
        "speaker_by_name": round(speaker_by_name, 4),
        **{f"speaker_by_name_{form}": round(sc["ok"] / sc["n"], 4) for form, sc in sorted(speaker_c.items())},
        "speaker_by_name_any_propn": round(any_by_name, 4),
        **{f"speaker_by_name_any_propn_{form}": round(sc["ok"] / sc["n"], 4) for form, sc in sorted(any_c.items())},
        **{f"boundary_{bucket_key(what)}_{bucket_key(b)}": n for what, bc in boundary_c.items() for b, n in sorted(bc.items())},
        "texts": len(pairs),
        "seconds": round(seconds, 1),
    }))
    return 0


def print_speakers_by_name(counts: dict[str, Counter]) -> float:
    """Print the share named right by how the speaker was written, and return it over all."""
    for form in sorted(counts, key=lambda k: -counts[k]["n"]):
        sc = counts[form]
        print(f"  {form:<13} n={sc['n']:5d}  named right {sc['ok'] / sc['n']:.3f}")
    all_n = sum(sc["n"] for sc in counts.values())
    share = sum(sc["ok"] for sc in counts.values()) / all_n if all_n else 0.0
    print(f"  {'all':<13} n={all_n:5d}  named right {share:.3f}")
    return share


def agreement(data: list[Path], nlp, extract_mentions, extract_quotes) -> int:  # noqa: ANN001
    """How far annotators agree under these measures, beside how far Storyline agrees with one.

    Three columns, each scored against every annotator in turn: another single annotator; the
    majority of the other annotators (the attributions more than half of them marked, a ceiling
    for any system trained or tuned on such data); and Storyline.
    """
    shared = {text: anns for folder in data for text, anns in annotations(folder).items() if len(anns) >= 2}
    if not shared:
        print(f"no text under {', '.join(map(str, data))} has several annotators", file=sys.stderr)
        return 2
    texts = [t.read_text(encoding="utf-8") for t in shared]
    counts = {"annotator": Counter(), "majority of the others": Counter(), "Storyline": Counter()}
    for (tpath, anns), text, doc in zip(shared.items(), texts, nlp.pipe(texts, batch_size=16)):
        quotes = extract_quotes(tpath.stem, doc, extract_mentions(tpath.stem, doc))
        claims = [Claim.of_quote(q) for q in quotes]
        golds = {ann: read_ann(ann) for ann in anns}
        for held_out, gold in golds.items():
            others = {ann: g for ann, g in golds.items() if ann != held_out}
            score(text, gold, claims, counts["Storyline"])
            score(text, gold, [Claim.of_gold(text, g) for g in majority(text, others)], counts["majority of the others"])
            for other in others.values():
                score(text, gold, [Claim.of_gold(text, g) for g in other], counts["annotator"])
    print(f"PolNeAR {', '.join(map(str, data))} — {len(shared)} texts with several annotators "
          f"({sum(len(a) for a in shared.values())} annotations)")
    rows = {who: measures(c) for who, c in counts.items()}
    print(f"{'F1 against an annotator':<26}" + "".join(f"{who:>24}" for who in rows))
    for name in rows["Storyline"]:
        print(f"{name:<26}" + "".join(f"{r[name][2]:24.3f}" for r in rows.values()))
    print(json.dumps({
        **{f"annotators_{key}": round(rows["annotator"][name][2], 4) for key, name in _JSON_KEYS.items()},
        **{f"majority_{key}": round(rows["majority of the others"][name][2], 4) for key, name in _JSON_KEYS.items()},
        **{f"storyline_{key}": round(rows["Storyline"][name][2], 4) for key, name in _JSON_KEYS.items()},
        "texts": len(shared),
    }))
    return 0


def majority(text: str, annotators: dict[Path, list[Gold]]) -> list[Gold]:
    """The attributions more than half of these annotators marked (content overlap), each once."""
    kept: list[Gold] = []
    kept_words: list[set[int]] = []
    marked = {ann: [words(text, g.content) for g in golds] for ann, golds in annotators.items()}
    for ann, golds in annotators.items():
        for g, gw in zip(golds, marked[ann]):
            votes = sum(any(overlap(gw, hw) >= OVERLAP for hw in hws) for hws in marked.values())
            if votes * 2 > len(annotators) and not any(overlap(gw, kw) >= OVERLAP for kw in kept_words):
                kept.append(g)
                kept_words.append(gw)
    return kept


_JSON_KEYS = {"content_exact_f1": "content exact", "content_overlap_f1": "content overlap",
              "source_f1": "source overlap", "source_exact_f1": "source exact", "attribution_f1": "attribution"}


def score(text: str, golds: list[Gold], claims: list[Claim], c: Counter) -> dict[int, tuple[int, bool]]:
    """Add one text's counts to ``c``; return claim index → (gold index, source right)."""
    c["gold"] += len(golds)
    c["pred"] += len(claims)
    # content exact (a discontinuous content matches exactly when every fragment does)
    g_exact = {tuple(trim(text, a, b) for a, b in g.content) for g in golds}
    c["exact_tp"] += len({tuple(trim(text, a, b) for a, b in cl.content) for cl in claims} & g_exact)
    # content overlap + attribution
    g_words = [words(text, g.content) for g in golds]
    p_words = [words(text, cl.content) for cl in claims]
    cand = [(o, pi, gi) for pi, pw in enumerate(p_words) for gi, gw in enumerate(g_words)
            if (o := overlap(pw, gw)) >= OVERLAP]
    match = {pi: (gi, source_ok(text, claims[pi], golds[gi])) for pi, gi in greedy(cand).items()}
    c["overlap_tp"] += len(match)
    c["attr_tp"] += sum(ok for _, ok in match.values())
    # sources
    g_sources = sorted({g.source for g in golds if g.source})
    p_sources = sorted({cl.source for cl in claims if cl.source})
    c["g_src"] += len(g_sources)
    c["p_src"] += len(p_sources)
    gsw = [words(text, [s]) for s in g_sources]
    psw = [words(text, [s]) for s in p_sources]
    scand = [(o, i, j) for i, a in enumerate(psw) for j, b in enumerate(gsw) if (o := overlap(a, b)) >= OVERLAP]
    c["src_tp"] += len(greedy(scand))
    c["src_exact_tp"] += len(set(p_sources) & set(g_sources))
    return match


def measures(c: Counter) -> dict[str, tuple[float, float, float]]:
    return {
        "content exact": prf(c["exact_tp"], c["pred"], c["gold"]),
        "content overlap": prf(c["overlap_tp"], c["pred"], c["gold"]),
        "source exact": prf(c["src_exact_tp"], c["p_src"], c["g_src"]),
        "source overlap": prf(c["src_tp"], c["p_src"], c["g_src"]),
        "attribution": prf(c["attr_tp"], c["pred"], c["gold"]),
    }


def source_ok(text: str, claim: Claim, g: Gold) -> bool:
    if g.source is None:
        return True
    gw = words(text, [g.source])
    gtext = text[g.source[0]:g.source[1]]
    for span in (claim.source, claim.ref):
        if span is None:
            continue
        if overlap(words(text, [span]), gw) >= OVERLAP:
            return True
    if claim.ref_text is not None:
        r, gl = claim.ref_text.lower(), gtext.lower()
        if r == gl or (surname(r) and surname(r) == surname(gl)):
            return True
        # A name inside the gold source phrase: "David Perdue" in "Sen. David Perdue (R-Ga.)".
        if len(r) > 2 and re.search(rf"\b{re.escape(r)}\b", gl):
            return True
    return False


# Span boundaries (--boundaries): where a matched prediction and its gold disagree at an edge, what
# the differing text is. The order of the tests below is the order of the buckets' precedence.
_SUBORDINATORS = frozenset(
    "when because as after but and while which who whom whose where if though although before since until "
    "unless so or including despite amid during".split())
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’']*\s+[“\"‘']*[A-Z]|\n")
_ONLY_QUOTES = re.compile(rf"[\s{_QUOTE_CHARS}’‘']+")
_ONLY_PUNCT = re.compile(rf"[\s{_QUOTE_CHARS}’‘'.,;:!?—–()\[\]-]+")
_POSTMODIFIERS = frozenset("of for at from in with on to".split())


def edge_differences(text: str, pred: tuple[int, int], gold: tuple[int, int]) -> list[tuple[str, str, str]]:
    """(edge, which span is longer there, the text between the two edges) for each edge that differs,
    whitespace aside."""
    pa, pb = trim_space(text, *pred)
    ga, gb = trim_space(text, *gold)
    out = []
    if pa != ga:
        out.append(("start", "pred" if pa < ga else "gold", text[min(pa, ga):max(pa, ga)]))
    if pb != gb:
        out.append(("end", "pred" if pb > gb else "gold", text[min(pb, gb):max(pb, gb)]))
    return out


def trim_space(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _inside(span: tuple[int, int] | None, lo: int, hi: int) -> bool:
    return span is not None and span[0] < hi and span[1] > lo


def content_bucket(text: str, edge: str, diff: str, lo: int, hi: int, gold: Gold, golds: list[Gold]) -> str:
    """What a content edge difference is, by PolNeAR's convention questions: the cue verb, "that",
    punctuation, quote marks, a trailing clause, another sentence, a neighbouring attribution."""
    bare = diff.strip()
    first = (_WORD.findall(bare.lower()) or [""])[0]
    if _ONLY_QUOTES.fullmatch(bare):
        return "quote marks only"
    if _part_of_word(text, lo, hi):
        return "part of a word (an offset slip)"
    if _ONLY_PUNCT.fullmatch(bare):
        return "punctuation only" + (" (sentence-final)" if re.search(r"[.!?]", bare) else "")
    if re.fullmatch(r"\W*that\W*", bare.lower()):
        return "“that” only"
    if _inside(gold.cue, lo, hi) or _inside(gold.source, lo, hi):
        return "its own cue or source"
    if any(_inside(g.cue, lo, hi) for g in golds if g is not gold):
        return "another attribution's cue (nested or neighbouring)"
    if _SENTENCE_BREAK.search(bare):
        return "another sentence"
    if bare[:1] in ",;:—–(-" or first in _SUBORDINATORS:
        return f"{'trailing' if edge == 'end' else 'leading'} clause"
    return f"other words ({'1–2' if len(_WORD.findall(bare)) <= 2 else '3+'})"


def _part_of_word(text: str, lo: int, hi: int) -> bool:
    """Does the edge fall inside a word ("n|either")? Then one of the offsets slipped."""
    return 0 < lo and hi < len(text) and text[lo:hi].isalnum() and (text[lo - 1].isalnum() or text[hi].isalnum())


def source_bucket(edge: str, diff: str) -> str:
    """What a source edge difference is: an apposition ("X, the minister,"), a title or
    determiner before the name, a party-and-state parenthesis, a postmodifier ("of Y")."""
    bare = diff.strip()
    ws = _WORD.findall(bare.lower())
    if _ONLY_PUNCT.fullmatch(bare):
        return "punctuation only"
    if "(" in bare or ")" in bare:
        return "parenthesis (party, state, age)"
    if edge == "end" and bare[:1] in ",—–-":
        return "apposition or clause after the name"
    if edge == "end" and ws and ws[0] in ("who", "whose", "which", "that"):
        return "relative clause"
    if edge == "end" and ws and ws[0] in _POSTMODIFIERS:
        return "postmodifier (“of …”, “for …”)"
    if re.fullmatch(r"\W*(?:'|’)s\b.*", bare):
        return "possessive"
    if edge == "start" and bare.endswith(","):
        return "apposition or clause before the name"
    if edge == "start" and len(ws) <= 3:
        return "words before the head (title, determiner, modifier)"
    return f"other words ({'1–2' if len(ws) <= 2 else '3+'})"


def boundary_differences(text: str, gold: Gold, claim: Claim, golds: list[Gold]) -> list[tuple[str, str, str]]:
    """For a matched pair: ("content" | "source", bucket, example) for each edge that differs."""
    out = []
    pc = (claim.content[0][0], claim.content[-1][1])
    gc = (gold.content[0][0], gold.content[-1][1])
    for edge, longer, diff in edge_differences(text, pc, gc):
        lo = text.find(diff, min(pc[0], gc[0]) if edge == "start" else min(pc[1], gc[1]) - 1)
        bucket = f"{edge}, {longer} longer: {content_bucket(text, edge, diff, lo, lo + len(diff), gold, golds)}"
        out.append(("content", bucket, f"{diff.strip()[:80]!r} | gold {text[gc[0]:gc[1]][:100]!r}"))
    if gold.source is not None and claim.source is not None and \
            overlap(words(text, [gold.source]), words(text, [claim.source])) >= OVERLAP:
        for edge, longer, diff in edge_differences(text, claim.source, gold.source):
            out.append(("source", f"{edge}, {longer} longer: {source_bucket(edge, diff)}",
                        f"{diff.strip()[:60]!r} | gold {text[gold.source[0]:gold.source[1]]!r} "
                        f"pred {text[claim.source[0]:claim.source[1]]!r}"))
    return out


def near_misses(text: str, golds: list[Gold], claims: list[Claim], match: dict[int, tuple[int, bool]]) -> dict[int, int]:
    """Gold index → claim index for the unmatched golds and predictions that share words but too
    few to match (overlap below OVERLAP), paired one-to-one, most overlap first."""
    matched_g = {gi for gi, _ in match.values()}
    g_words = {gi: words(text, g.content) for gi, g in enumerate(golds) if gi not in matched_g}
    p_words = {pi: words(text, cl.content) for pi, cl in enumerate(claims) if pi not in match}
    cand = [(o, gi, pi) for gi, gw in g_words.items() for pi, pw in p_words.items() if (o := overlap(gw, pw)) > 0]
    return greedy(cand)


def bucket_key(bucket: str) -> str:
    return re.sub(r"\W+", "_", bucket.lower()).strip("_")


def print_boundaries(counts: dict[str, Counter], examples: dict[str, list[str]], n: int) -> None:
    for what, bc in counts.items():
        total = sum(bc.values())
        among = "unmatched pairs that share words" if what.endswith("near miss") else "matched pairs"
        print(f"\n{what} span boundaries: {total} differing edges among {among}, by what lies between the edges")
        for bucket, k in bc.most_common():
            print(f"  {k:6d}  {k / total if total else 0:.3f}  {bucket}")
            for example in examples[f"{what}: {bucket}"][:n]:
                print(f"            {example}")


if __name__ == "__main__":
    sys.exit(main())
