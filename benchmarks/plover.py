"""Score event extraction on the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json, 322 sentences).

Each record is one sentence coded with one PLOVER event, its source and target actors. The file
uses an early PLOVER draft; its category names are mapped onto the 2021 set the extractor emits
with :data:`storyline.analyse.events.LEGACY_CATEGORIES` (DEMAND → REQUEST, DISAPPROVE and
INVESTIGATE → ACCUSE, FIGHT → ASSAULT). The DOCUMENT record is skipped.

For every sentence: spaCy → :func:`extract_mentions` → :func:`extract_events` (no timexes,
``published`` None).

**Primary event.** The sentence's event is the one whose evidence clause is headed closest to
the root of the parse (the main clause says what the sentence is about: "X accused Y of
attacking Z" is an ACCUSE); ties go to an asserted event over a negated one ("refused" over
the refused act), then the higher confidence, then the earlier trigger. A sentence with no
event predicts the class ``NONE`` (counted wrong).

**PLOVER coding of mode.** Our events keep category and mode apart ("will visit" is a CONSULT,
mode scheduled); PLOVER folds an act that is only intended or threatened into AGREE ("express
intent to meet / to provide aid") or THREATEN ("threaten to attack / sanction / boycott").
:func:`plover_code` applies that convention to the primary event before comparing; ``--raw``
scores the bare categories instead.

**Actor matching.** A gold actor slot (source or target, when the record gives one) is right
when the primary event's span for that slot matches *any* actor the gold lists for the slot:
either the spans overlap (the gold ``actorText`` found in the sentence, case-insensitive,
shares a character with our span), or both resolve to the same code through the small table
below (country names, demonyms and capitals → ISO-3166 alpha-3; well-known international
organisations → ``IGO``), which lets "Moscow" match a gold "Russia"/RUS. A gold slot with no
predicted event or no predicted span is wrong. ``actor_acc`` = right slots / gold slots.

Run from the project root::

    .venv/bin/python benchmarks/plover.py [--data DIR] [--show N] [--raw]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.analyse.entities import extract_mentions
from storyline.analyse.events import CATEGORIES, LEGACY_CATEGORIES, extract_events
from storyline.analyse.nlp import load_model
from storyline.records import Event, Span

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover"
GOLD_FILE = "PLOVER_GSR_CAMEO.json"
NONE = "NONE"

# Country (name, demonym, capital) → ISO-3166 alpha-3, and international organisations → IGO.
# General knowledge, written for this benchmark; lower-case keys.
_COUNTRIES: dict[str, str] = {
    "USA": "united states|us|u.s.|america|american|americans|washington",
    "GBR": "britain|united kingdom|uk|british|london",
    "FRA": "france|french|paris",
    "DEU": "germany|german|germans|berlin",
    "RUS": "russia|russian|russians|moscow|kremlin",
    "CHN": "china|chinese|beijing",
    "JPN": "japan|japanese|tokyo",
    "JAP": "japan|japanese|tokyo",
    "ISR": "israel|israeli|israelis|jerusalem",
    "PSE": "palestine|palestinian|palestinians|palestinian authority|plo|hamas|gaza|ramallah",
    "IRQ": "iraq|iraqi|iraqis|baghdad",
    "IRN": "iran|iranian|iranians|tehran",
    "SYR": "syria|syrian|syrians|damascus",
    "LBN": "lebanon|lebanese|beirut|hezbollah",
    "EGY": "egypt|egyptian|egyptians|cairo",
    "JOR": "jordan|jordanian|amman",
    "SAU": "saudi arabia|saudi|saudis|riyadh",
    "TUR": "turkey|turkish|turks|ankara",
    "AFG": "afghanistan|afghan|afghans|kabul|taliban",
    "PAK": "pakistan|pakistani|islamabad",
    "IND": "india|indian|new delhi",
    "SRB": "serbia|serbian|serbs|belgrade|yugoslavia|yugoslav",
    "BIH": "bosnia|bosnian|bosnians|sarajevo",
    "HRV": "croatia|croatian|croats|zagreb",
    "MNE": "montenegro|montenegrin|podgorica",
    "MKD": "macedonia|macedonian|skopje",
    "ALB": "albania|albanian|albanians|tirana",
    "GRC": "greece|greek|athens",
    "DZA": "algeria|algerian|algiers",
    "LBY": "libya|libyan|tripoli",
    "MAR": "morocco|moroccan|rabat",
    "SDN": "sudan|sudanese|khartoum",
    "NGA": "nigeria|nigerian|abuja|lagos",
    "CIV": "ivory coast|ivorian|cote d'ivoire|abidjan",
    "UGA": "uganda|ugandan|kampala",
    "RWA": "rwanda|rwandan|kigali",
    "BDI": "burundi|burundian|bujumbura",
    "LBR": "liberia|liberian|monrovia",
    "ZWE": "zimbabwe|zimbabwean|harare",
    "ZAF": "south africa|south african|pretoria",
    "AGO": "angola|angolan|luanda",
    "MOZ": "mozambique|mozambican|maputo",
    "ZMB": "zambia|zambian|lusaka",
    "SEN": "senegal|senegalese|dakar",
    "HTI": "haiti|haitian|port-au-prince",
    "ARG": "argentina|argentine|argentinian|buenos aires",
    "PRK": "north korea|north korean|pyongyang",
    "KOR": "south korea|south korean|seoul",
    "IDN": "indonesia|indonesian|jakarta",
    "TLS": "east timor|timor|timorese|dili",
    "MMR": "myanmar|burma|burmese|yangon|rangoon",
    "KHM": "cambodia|cambodian|phnom penh",
    "VNM": "vietnam|vietnamese|hanoi",
    "LKA": "sri lanka|sri lankan|colombo|tamil tigers",
    "AZE": "azerbaijan|azerbaijani|baku",
    "ARM": "armenia|armenian|yerevan",
    "GEO": "georgia|georgian|tbilisi",
    "UKR": "ukraine|ukrainian|kyiv|kiev",
    "POL": "poland|polish|warsaw",
    "HUN": "hungary|hungarian|budapest",
    "ROU": "romania|romanian|bucharest",
    "KGZ": "kyrgyzstan|kyrgyz|bishkek",
    "FJI": "fiji|fijian|suva",
    "DNK": "denmark|danish|copenhagen",
    "CUB": "cuba|cuban|havana",
    "COL": "colombia|colombian|bogota",
    "MEX": "mexico|mexican",
    "CAN": "canada|canadian|ottawa",
    "AUS": "australia|australian|canberra",
    "ITA": "italy|italian|rome",
    "ESP": "spain|spanish|madrid",
    "NLD": "netherlands|dutch|the hague",
    "BEL": "belgium|belgian|brussels",
    "SOM": "somalia|somali|mogadishu",
    "ETH": "ethiopia|ethiopian|addis ababa",
    "ERI": "eritrea|eritrean|asmara",
    "KEN": "kenya|kenyan|nairobi",
    "COD": "congo|congolese|kinshasa",
    "YEM": "yemen|yemeni|sanaa",
    "KWT": "kuwait|kuwaiti",
    "CYP": "cyprus|cypriot|nicosia",
}
_IGOS = (
    "un|united nations|u.n.|nato|eu|european union|security council|imf|world bank|wto|opec|"
    "african union|arab league|osce|asean|red cross|icrc|interpol|unicef|unhcr|who|iaea|"
    "asia-pacific economic cooperation|apec|ecowas|oau|organization of african unity|"
    "international monetary fund|world health organization"
)
CODE_TABLE: dict[str, str] = {name: code for code, names in _COUNTRIES.items() for name in names.split("|")}
CODE_TABLE.update({name: "IGO" for name in _IGOS.split("|")})


def codes_for(text: str) -> set[str]:
    """Codes a span of text may stand for: the whole text, or any of its words and word pairs."""
    lowered = text.lower().strip(" .,'’\"")
    found = {CODE_TABLE[lowered]} if lowered in CODE_TABLE else set()
    words = lowered.replace("’s", "").replace("'s", "").split()
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            code = CODE_TABLE.get(" ".join(words[i : i + size]))
            if code is not None:
                found.add(code)
    if "JAP" in found or "JPN" in found:
        found |= {"JAP", "JPN"}
    return found


def gold_category(record: dict[str, Any]) -> str:
    return LEGACY_CATEGORIES.get(record["event"], record["event"])


def gold_actors(record: dict[str, Any], slot: str) -> list[dict[str, str]]:
    value = record.get(slot)
    return [a for a in value if isinstance(a, dict) and a.get("actorText")] if isinstance(value, list) else []


def primary_event(events: tuple[Event, ...], doc: Any) -> Event | None:
    """The event of the main clause: clause head closest to the root, then confidence, then order."""

    def depth(event: Event) -> int:
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        token = span.root if span is not None else doc[0]
        steps = 0
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    if not events:
        return None
    return min(events, key=lambda e: (depth(e), e.mode == "negated", -e.confidence, e.trigger.start))


# PLOVER folds mode into category: an act that is only planned, offered or conditional is coded
# as the intent (AGREE: "express intent to meet / provide aid / cooperate") or the threat
# (THREATEN: "threaten to attack / sanction / boycott"); a refusal is REJECT. Our events keep
# category and mode apart, so the benchmark re-codes the primary event the PLOVER way.
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})
_STATEMENTS = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN"})


def plover_code(event: Event) -> str:
    if event.mode in ("scheduled", "hypothetical") and event.category not in _STATEMENTS - {"SUPPORT"}:
        return "THREATEN" if event.category in _HOSTILE else "AGREE"
    return event.category


def actor_matches(span: Span | None, gold: list[dict[str, str]], text: str, *, codes: bool = True) -> bool:
    if span is None:
        return False
    ours = codes_for(span.text) if codes else set()
    lowered = text.lower()
    for actor in gold:
        needle = actor["actorText"].lower()
        at = lowered.find(needle)
        while at != -1:
            if at < span.end and span.start < at + len(needle):
                return True
            at = lowered.find(needle, at + 1)
        if actor.get("code") in ours:
            return True
    return False


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding " + GOLD_FILE)
    parser.add_argument("--raw", action="store_true", help="score categories without PLOVER's intent/threat re-coding")
    parser.add_argument("--show", type=int, default=0, help="print N wrongly categorised sentences")
    args = parser.parse_args(argv)

    records = [r for r in json.loads((args.data / GOLD_FILE).read_text()) if r.get("event") != "DOCUMENT" and r.get("text")]
    started = time.perf_counter()
    nlp = load_model()
    pairs: list[tuple[str, str]] = []
    actor_right = actor_total = actor_text_right = 0
    slot_right: Counter[str] = Counter()
    slot_total: Counter[str] = Counter()
    wrong: list[tuple[str, str, str]] = []
    docs = nlp.pipe([r["text"] for r in records], batch_size=64)
    for record, doc in zip(records, docs):
        mentions = extract_mentions(record["id"], doc)
        events = extract_events(record["id"], doc, mentions, (), None)
        event = primary_event(events, doc)
        gold = gold_category(record)
        predicted = plover_code(event) if (event is not None and not args.raw) else (event.category if event else NONE)
        pairs.append((gold, predicted))
        if gold != predicted:
            wrong.append((gold, predicted, record["text"]))
        for slot in ("source", "target"):
            actors = gold_actors(record, slot)
            if not actors:
                continue
            actor_total += 1
            span = None if event is None else (event.source if slot == "source" else event.target)
            right = actor_matches(span, actors, record["text"])
            actor_right += right
            actor_text_right += actor_matches(span, actors, record["text"], codes=False)
            slot_total[slot] += 1
            slot_right[slot] += right
    seconds = time.perf_counter() - started

    labels = [c for c in CATEGORIES if any(g == c for g, _ in pairs)]
    print(f"{'category':<11} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'F1':>6}")
    f1s: list[float] = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        p, r, f = prf(tp, fp, fn)
        f1s.append(f)
        print(f"{label:<11} {tp + fn:>4} {tp + fp:>4} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    none = sum(1 for _, p in pairs if p == NONE)
    print(f"{'(no event)':<11} {'':>4} {none:>4}")
    print("\nmost frequent confusions (gold → predicted):")
    for (g, p), n in Counter((g, p) for g, p in pairs if g != p).most_common(12):
        print(f"  {g:>9} → {p:<9} {n}")
    for gold, predicted, text in wrong[: args.show]:
        print(f"  [{gold} → {predicted}] {text}")
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs)
    macro = sum(f1s) / len(f1s)
    actor_acc = actor_right / actor_total if actor_total else 0.0
    print(f"\n{len(pairs)} sentences in {seconds:.1f} s; category accuracy {accuracy:.3f}, "
          f"macro-F1 {macro:.3f}, actor accuracy {actor_acc:.3f} ({actor_right}/{actor_total} slots; "
          f"source {slot_right['source']}/{slot_total['source']}, target {slot_right['target']}/{slot_total['target']}; "
          f"text overlap only {actor_text_right / max(1, actor_total):.3f})")
    print(json.dumps({
        "category_acc": round(accuracy, 4),
        "category_macro_f1": round(macro, 4),
        "actor_acc": round(actor_acc, 4),
        "sentences": len(pairs),
        "actor_slots": actor_total,
        "actor_acc_text_only": round(actor_text_right / max(1, actor_total), 4),
        "seconds": round(seconds, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
