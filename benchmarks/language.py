"""Language detection: lingua-language-detector against py3langid, on news text, in one run.

    python benchmarks/language.py [--limit 500] [--json]

Both detectors see the clean text Storyline's own Clean stage makes of each item, so the figures
are those of the `language` stage:

* ``../shared/corpus/html-fundus``: 258 news pages from 41 countries. The manifest gives no
  language, so each page's language is labelled here by hand from its publisher (the language of
  the edition it was fetched from, checked against the manifest's text): :data:`COUNTRY_LANGUAGE`
  gives a country's usual one and :data:`PUBLISHER_LANGUAGE` the exceptions.
* the first ``--limit`` articles of ``allsides-00.jsonl.gz`` and of ``ukraine_2021_2024.jsonl.gz``,
  all English.

It reports accuracy on whole articles, accuracy on their first N characters (the rule for short
texts rests on it), documents per second over the whole articles, and the import time, load time
and resident memory of each detector, each measured in a fresh interpreter. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.analyse.language import CODE_ALIASES, Detector, Py3LangId, detect_language  # noqa: E402
from storyline.clean.cleaner import Clean  # noqa: E402
from storyline.ingest.readers import read_paths  # noqa: E402
from storyline.pipeline import Pipeline  # noqa: E402
from storyline.records import Article, Failure  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FUNDUS = CORPUS / "html-fundus"
ENGLISH = {
    "allsides": CORPUS / "allsides" / "allsides-00.jsonl.gz",
    "ukraine-2022": CORPUS / "ukraine-2022" / "ukraine_2021_2024.jsonl.gz",
}
# Prefix lengths for the short-text curve: a headline (30-60 characters), a lead sentence (120),
# a short paragraph (250, 500).
PREFIXES = (30, 60, 120, 250, 500)

# Texts in several languages, so that a detector that loads its models lazily has loaded them
# when its memory is measured.
WARM_TEXTS = (
    "The minister said on Monday that talks would go on.",
    "Der Minister sagte am Montag, die Gespräche würden fortgesetzt.",
    "El ministro dijo el lunes que las conversaciones seguirían.",
    "O ministro disse na segunda-feira que as conversas continuariam.",
    "Le ministre a déclaré lundi que les discussions se poursuivraient.",
)

# The language a country's news pages are usually written in (fundus' country folders; "gl" is
# Greenland, whose Sermitsiaq writes in Danish; Ukrainska Pravda's page here is its Russian edition).
COUNTRY_LANGUAGE = {
    "at": "de", "au": "en", "be": "nl", "ca": "en", "ch": "de", "cn": "zh", "cz": "cs", "de": "de",
    "dk": "da", "es": "es", "fr": "fr", "gl": "da", "id": "id", "il": "de", "ind": "en", "isl": "is",
    "it": "it", "jp": "ja", "kr": "ko", "lb": "ar", "li": "de", "ls": "en", "lt": "lt", "lu": "de",
    "mx": "en", "my": "en", "na": "en", "no": "nb", "pl": "pl", "pt": "en", "py": "de", "ru": "ru",
    "se": "sv", "tr": "tr", "tw": "en", "tz": "en", "ua": "ru", "uk": "en", "us": "en", "vn": "vi",
    "za": "en",
}
# Publishers that write in another language than their country's usual one.
PUBLISHER_LANGUAGE = {
    "PoliticoEu": "en", "MallorcaMagazin": "de", "MallorcaZeitung": "de", "Bhaskar": "hi",
    "Tageszeitung": "de", "TheJapanNews": "en", "HabariLeo": "sw", "Dizindaba": "xh",
    "IsolezweLesiXhosa": "xh", "EyethuNews": "zu", "Ilanga": "zu", "Isolezwe": "zu",
}


class Lingua:
    """lingua-language-detector over all its 75 languages, in its default high-accuracy mode."""

    name = "lingua"

    def __init__(self, *, low_accuracy: bool = False) -> None:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
            self.name = "lingua (low accuracy mode)"
        self.detector = builder.build()

    def __call__(self, text: str) -> tuple[str | None, float]:
        values = self.detector.compute_language_confidence_values(text)
        if not values or values[0].value == 0:
            return None, 0.0
        code = values[0].language.iso_code_639_1.name.lower()
        return CODE_ALIASES.get(code, code), values[0].value


DETECTORS: dict[str, Callable[[], Detector]] = {
    "py3langid": Py3LangId,
    "lingua": Lingua,
    "lingua-low": lambda: Lingua(low_accuracy=True),
}


@dataclass(frozen=True)
class Sample:
    corpus: str
    language: str
    text: str


def clean_texts(items: Iterable) -> list[str]:
    """The clean text of each readable item, as the build's Clean stage makes it."""
    articles = [Article(raw=item) for item in items if not isinstance(item, Failure)]
    outcomes = Pipeline([Clean()]).run_batch(articles)
    return [o.text for o in outcomes if isinstance(o, Article) and o.text]


def fundus_samples() -> list[Sample]:
    samples = []
    for line in (FUNDUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        language = PUBLISHER_LANGUAGE.get(row["publisher"], COUNTRY_LANGUAGE[row["country"]])
        for text in clean_texts(read_paths([FUNDUS / row["html"]])):
            samples.append(Sample("html-fundus", language, text))
    return samples


def english_samples(limit: int) -> list[Sample]:
    samples = []
    for corpus, path in ENGLISH.items():
        samples += [Sample(corpus, "en", text) for text in clean_texts(islice(read_paths([path]), limit))]
    return samples


def prefix(text: str, size: int) -> str:
    """The first ``size`` characters, cut back to a word boundary."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[:cut if cut > size // 2 else size]


def score(detector: Detector, samples: list[Sample]) -> dict:
    started = time.perf_counter()
    found = [detector(s.text) for s in samples]
    seconds = time.perf_counter() - started
    right = [code == s.language for (code, _), s in zip(found, samples)]
    by_corpus: dict[str, list[bool]] = {}
    for ok, s in zip(right, samples):
        by_corpus.setdefault(s.corpus, []).append(ok)
    foreign = [ok for ok, s in zip(right, samples) if s.corpus == "html-fundus" and s.language != "en"]
    errors = Counter(f"{s.language}→{code}" for (code, _), s, ok in zip(found, samples, right) if not ok)
    short = {}
    for size in PREFIXES:
        cut = [detector(prefix(s.text, size))[0] == s.language for s in samples]
        short[size] = sum(cut) / len(cut)
    rule = {}
    for size in (None, *PREFIXES[:3]):
        decided = [detect_language(s.text if size is None else prefix(s.text, size), detector) for s in samples]
        rule[size or "whole"] = {
            "right": sum(d.language == s.language for d, s in zip(decided, samples)) / len(samples),
            "unsure": sum(d.unsure is not None for d in decided) / len(samples),
            "sure_but_wrong": sum(d.unsure is None and d.language != s.language
                                  for d, s in zip(decided, samples)),
        }
    return {
        "accuracy": sum(right) / len(right),
        "by_corpus": {name: sum(oks) / len(oks) for name, oks in by_corpus.items()},
        "non_english_fundus": sum(foreign) / len(foreign),
        "errors": dict(errors.most_common(8)),
        "prefix_accuracy": short,
        "docs_per_s": len(samples) / seconds,
        "stage_rule": rule,
    }


def footprint(name: str) -> dict:
    """Load time (import and model) and memory of one detector, in a fresh interpreter."""
    # Resident memory now (statm), not the peak: importing Storyline peaks above what a small
    # detector adds.
    probe = (
        "import json, os, sys, time; sys.path.insert(0, sys.argv[1]); import language as bench; "
        "rss = lambda: int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20; "
        "before = rss(); started = time.perf_counter(); "
        "detector = bench.DETECTORS[sys.argv[2]](); detector('warm up'); loaded = time.perf_counter() - started; "
        "[detector(text) for text in bench.WARM_TEXTS]; "
        "print(json.dumps({'load_s': loaded, 'rss_mb': rss() - before}))"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(Path(__file__).parent), name],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="articles from each English corpus")
    parser.add_argument("--detectors", nargs="+", default=list(DETECTORS))
    args = parser.parse_args()

    samples = fundus_samples() + english_samples(args.limit)
    languages = Counter(s.language for s in samples)
    print(f"{len(samples)} documents: {dict(languages.most_common())}")
    results = {}
    for name in args.detectors:
        detector = DETECTORS[name]()
        results[name] = {**score(detector, samples), **footprint(name)}
    print(f"\n{'':28}" + "".join(f"{name:>14}" for name in results))
    rows = [("accuracy, all", lambda r: f"{r['accuracy']:.3f}"),
            *((f"  {corpus}", lambda r, c=corpus: f"{r['by_corpus'][c]:.3f}")
              for corpus in ("html-fundus", *ENGLISH)),
            ("  fundus, not English", lambda r: f"{r['non_english_fundus']:.3f}"),
            *((f"first {size} chars", lambda r, n=size: f"{r['prefix_accuracy'][n]:.3f}") for size in PREFIXES),
            ("documents/s", lambda r: f"{r['docs_per_s']:.0f}"),
            ("load time, s", lambda r: f"{r['load_s']:.2f}"),
            ("memory added, MB", lambda r: f"{r['rss_mb']:.0f}"),
            *((f"stage rule, {size}: unsure", lambda r, n=size: f"{r['stage_rule'][n]['unsure']:.3f}")
              for size in ("whole", *PREFIXES[:3])),
            *((f"stage rule, {size}: sure+wrong", lambda r, n=size: f"{r['stage_rule'][n]['sure_but_wrong']}")
              for size in ("whole", *PREFIXES[:3]))]
    for label, cell in rows:
        print(f"{label:28}" + "".join(f"{cell(r):>14}" for r in results.values()))
    for name, r in results.items():
        print(f"{name} errors: {r['errors']}")
    print(json.dumps({"documents": len(samples), "peak_rss_mb": round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "results": results}))


if __name__ == "__main__":
    main()
