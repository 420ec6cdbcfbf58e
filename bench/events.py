"""Event coding benchmarks: PLOVER type and actors, CASE-2021 task 2 types, PETRARCH-2 CAMEO
codes, RAMS arguments.

- **PLOVER gold** (``event-coding-cameo-plover/PLOVER_GSR_CAMEO.json``, 322 sentences coded
  with PLOVER v0.5b1): the split in ``bench/data/plover_split.json`` (made once by a fixed
  seed, stratified by category; rules are never tuned on its test part). v0.5b1 categories
  that POLECAT's 16-category scheme merged are mapped: DEMAND → REQUEST, DISAPPROVE and
  INVESTIGATE → ACCUSE, FIGHT → ASSAULT. The sentence's *main* event is the one whose trigger
  is highest in the dependency tree (then the most confident); no event counts as wrong.
  Actor accuracy: actor1 (actor2) of the main event names one of the gold source (target)
  actors: the folded gold ``actorText`` and the predicted actor's surface text or canonical
  name contain one another as whole words. Only records with gold sources (targets) count.
- **CASE 2021 task 2** (``case2021-task2-event-classes``): the snippet's main event type
  against the gold class mapped to PLOVER (:data:`CASE_TO_PLOVER`); classes without a PLOVER
  counterpart are left out. Also the share where *any* extracted event has the gold type.
- **PETRARCH-2 validation records** (``event-coding-cameo-plover/PETR2_GSR_validation.xml``,
  78 sentences with CAMEO codes, 12 marked ``noevents``; the codings started from PETRARCH-2's
  output and were corrected, so they are a validation suite rather than independent gold):
  the CAMEO root codes of all extracted events against the gold roots of each sentence
  (P/R/F1 over sentence–root pairs), whether the main event's root is a gold root, whether its
  PLOVER category is one the gold codes map to (``CAMEO2PLOVER-2021.txt``, longest code
  prefix), and how many ``noevents`` sentences stay without events. Only measured.
- **RAMS** (``rams-event-arguments``, test split; ``--train-only`` scores dev): given the gold trigger, the arguments
  :func:`kronika.extract.events.event_arguments` finds; gold roles mapped to actor1 / actor2 /
  place (:data:`RAMS_ROLES`); a predicted argument is right when its span overlaps a gold
  argument of the same mapped role (and, strictly, contains its last token).
- **Speed**: events/s and sentences/s of the event extractor alone, and documents/s of the
  whole chain (spaCy, entities, actors, events) on the PLOVER sentences.

    python bench/events.py [--data DIR] [--limit N] [--train-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, benchmarks_dir, versions, write_result

from kronika.extract.actors import resolve_mentions
from kronika.extract.entities import extract_entities
from kronika.extract.events import EventFinding, event_arguments, find_events
from kronika.folding import fold
from kronika.knowledge import load_knowledge
from kronika.nlp.pipeline import load_pipeline
from kronika.settings import Settings

SPLIT = ROOT / "bench" / "data" / "plover_split.json"
_POSSESSIVE = re.compile(r"['’]s\b")
V05_TO_16 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}  # fmt: skip
CASE_TO_PLOVER = {
    "ABDUCT_DISSAP": "ASSAULT", "AGREEMENT": "AGREE", "AIR_STRIKE": "ASSAULT",
    "ARMED_CLASH": "ASSAULT", "ARREST": "COERCE", "ART_MISS_ATTACK": "ASSAULT",
    "ATTACK": "ASSAULT", "CHEM_WEAP": "ASSAULT", "FORCE_AGAINST_PROTEST": "ASSAULT",
    "GOV_REGAINS_TERIT": "ASSAULT", "GRENADE": "ASSAULT", "MOB_VIOL": "PROTEST",
    "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT", "NON_VIOL_TERRIT_TRANSFER": "RETREAT",
    "PEACE_PROTEST": "PROTEST", "PROPERTY_DISTRUCT": "ASSAULT", "PROTEST_WITH_INTER": "PROTEST",
    "REM_EXPLOS": "ASSAULT", "SEX_VIOL": "ASSAULT", "SUIC_BOMB": "ASSAULT",
    "VIOL_DEMONSTR": "PROTEST",
}  # fmt: skip
"""ACLED-derived CASE classes → PLOVER. Left out (no PLOVER counterpart or too mixed):
CHANGE_TO_GROUP_ACT, DISR_WEAP, HQ_ESTABLISHED, DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, OTHER."""
RAMS_ROLES = {
    "actor1": {"attacker", "communicator", "giver", "injurer", "killer", "jailer", "damager",
               "damagerdestroyer", "destroyer", "prosecutor", "investigator", "inspector",
               "executioner", "extraditer", "demonstrator", "transporter", "founder", "granter",
               "yielder", "retreater", "surrenderer", "rejecternullifier", "violator",
               "preventer", "observer"},
    "actor2": {"target", "victim", "recipient", "beneficiary", "detainee", "defendant",
               "deceased", "inspectedentity", "observedentity"},
    "place": {"place"},
}  # fmt: skip


class Runner:
    def __init__(self) -> None:
        self.pipeline = load_pipeline(Settings())
        self.knowledge = load_knowledge()
        self.extract_s = 0.0
        self.total_s = 0.0
        self.n_events = 0
        self.docs = 0

    def analyse(self, text: str) -> tuple[Any, Any]:
        p = self.pipeline
        doc = p.nlp(text)
        entities = extract_entities(doc, model_id=p.model_id, label_precision=p.label_precision)
        resolution = resolve_mentions(doc, entities, self.knowledge.context(reference_date=None))
        return doc, resolution

    def events(self, text: str) -> tuple[Any, list[EventFinding]]:
        t0 = time.perf_counter()
        doc, resolution = self.analyse(text)
        t1 = time.perf_counter()
        found = find_events(doc, resolution)
        t2 = time.perf_counter()
        self.extract_s += t2 - t1
        self.total_s += t2 - t0
        self.n_events += len(found)
        self.docs += 1
        return doc, found


def main_event(found: list[EventFinding]) -> EventFinding | None:
    if not found:
        return None
    return min(found, key=lambda f: (f.depth, -f.confidence, f.trigger))


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def _actor_texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [_fold_actor(str(a.get("actorText", ""))) for a in value if a.get("actorText")]


def _matches(gold: list[str], text: str | None, name: str | None) -> bool:
    """Whether a folded gold actor text and the predicted surface or name contain one another
    *as whole words* (a character substring test let "it" match "British")."""
    cands = [f" {_fold_actor(x)} " for x in (text, name) if x and _fold_actor(x)]
    return any(g and (f" {g} " in c or c in f" {g} ") for g in gold for c in cands)


def _fold_actor(text: str) -> str:
    """Folded actor text without possessive endings ("Poland's" → "poland", as the gold
    would otherwise read "polands")."""
    return fold(_POSSESSIVE.sub("", text))


def plover(
    runner: Runner, data: Path, limit: int | None, parts: tuple[str, ...] = ("test", "train")
) -> dict[str, Any]:
    records = {
        r["id"]: r
        for r in json.loads((data / "event-coding-cameo-plover" / "PLOVER_GSR_CAMEO.json").read_text())
        if r.get("text")
    }  # fmt: skip
    split = json.loads(SPLIT.read_text())
    out: dict[str, Any] = {}
    for part in parts:
        ids = split[part][:limit] if limit else split[part]
        gold: list[str] = []
        pred: list[str] = []
        src_ok = src_n = tgt_ok = tgt_n = 0
        confusion: Counter[str] = Counter()
        for rid in ids:
            r = records[rid]
            g = V05_TO_16.get(r["event"], r["event"])
            _, found = runner.events(r["text"])
            best = main_event(found)
            p = best.coding.type if best else "NONE"
            gold.append(g)
            pred.append(p)
            if g != p:
                confusion[f"{g}->{p}"] += 1
            text = r["text"]
            sources, targets = _actor_texts(r.get("source")), _actor_texts(r.get("target"))
            if sources:
                src_n += 1
                if best is not None and best.actor1 is not None:
                    span = best.actor1_span
                    surface = text[span[0] : span[1]] if span else None
                    src_ok += _matches(sources, surface, best.actor1.name)
            if targets:
                tgt_n += 1
                if best is not None and best.actor2 is not None:
                    span = best.actor2_span
                    surface = text[span[0] : span[1]] if span else None
                    tgt_ok += _matches(targets, surface, best.actor2.name)
        acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        f1, per = macro_f1(gold, pred)
        out[part] = {
            "n": len(gold),
            "type_accuracy": round(acc, 4),
            "macro_f1": round(f1, 4),
            "no_event": pred.count("NONE"),
            "source_accuracy": round(src_ok / src_n, 4) if src_n else None,
            "target_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else None,
            "actor_accuracy": round((src_ok + tgt_ok) / (src_n + tgt_n), 4)
            if src_n + tgt_n
            else None,
            "sources": src_n,
            "targets": tgt_n,
            "per_class_f1": {k: round(v, 3) for k, v in per.items()},
            "top_confusions": confusion.most_common(10),
        }
    return out


def case2021(runner: Runner, data: Path, limit: int | None) -> dict[str, Any]:
    path = data / "case2021-task2-event-classes" / "test_set_final_release_with_labels.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["SubType"] in CASE_TO_PLOVER]
    rows = rows[:limit] if limit else rows
    main_ok = any_ok = none = 0
    per: Counter[str] = Counter()
    per_n: Counter[str] = Counter()
    for row in rows:
        gold = CASE_TO_PLOVER[row["SubType"]]
        _, found = runner.events(row["EventSnippet"])
        best = main_event(found)
        per_n[gold] += 1
        if best is None:
            none += 1
        if best is not None and best.coding.type == gold:
            main_ok += 1
            per[gold] += 1
        any_ok += any(f.coding.type == gold for f in found)
    n = len(rows)
    return {
        "n": n,
        "mapped_classes": len(set(CASE_TO_PLOVER)),
        "accuracy": round(main_ok / n, 4) if n else None,
        "any_event_accuracy": round(any_ok / n, 4) if n else None,
        "no_event": none,
        "per_type_accuracy": {k: round(per[k] / per_n[k], 3) for k in sorted(per_n)},
    }


def _cameo_to_plover(path: Path) -> dict[str, str]:
    """The CAMEO → PLOVER table (``CAMEO2PLOVER-2021.txt``): code → category."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def _plover_of(code: str, table: dict[str, str]) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def petr2_records(path: Path) -> list[dict[str, Any]]:
    """The PETRARCH-2 validation sentences: id, text and the gold CAMEO codes (empty when
    the record says ``noevents``)."""
    xml = path.read_text(encoding="utf-8")
    out = []
    for chunk in xml.split("<Sentence ")[1:]:
        ident = re.search(r'id="([^"]+)"', chunk)
        text = re.search(r"<Text>(.*?)</Text>", chunk, re.S)
        if not ident or not text:
            continue
        codes = re.findall(r'<EventCoding[^>]*eventcode="(\d+)"', chunk)
        out.append({"id": ident.group(1), "text": " ".join(text.group(1).split()), "codes": codes})
    return out


def petr2(runner: Runner, data: Path, limit: int | None) -> dict[str, Any]:
    """CAMEO root codes (and PLOVER categories through the CAMEO → PLOVER table) against the
    PETRARCH-2 validation records, with how often a sentence without events stays empty."""
    folder = data / "event-coding-cameo-plover"
    table = _cameo_to_plover(folder / "CAMEO2PLOVER-2021.txt")
    records = petr2_records(folder / "PETR2_GSR_validation.xml")
    records = records[:limit] if limit else records
    gold_roots: set[tuple[str, str]] = set()
    pred_roots: set[tuple[str, str]] = set()
    main_ok = main_n = plover_ok = plover_n = quiet = quiet_n = 0
    for r in records:
        _, found = runner.events(r["text"])
        roots = {c[:2] for c in r["codes"]}
        gold_roots |= {(r["id"], root) for root in roots}
        pred_roots |= {(r["id"], f.coding.cameo[:2]) for f in found if f.coding.cameo}
        best = main_event(found)
        if not roots:
            quiet_n += 1
            quiet += not found
            continue
        main_n += 1
        main_ok += bool(best and best.coding.cameo and best.coding.cameo[:2] in roots)
        categories = {p for c in r["codes"] if (p := _plover_of(c, table))}
        if categories:
            plover_n += 1
            plover_ok += bool(best and best.coding.type in categories)
    tp = len(gold_roots & pred_roots)
    prec = tp / len(pred_roots) if pred_roots else 0.0
    rec = tp / len(gold_roots) if gold_roots else 0.0
    return {
        "sentences": len(records),
        "with_events": main_n,
        "gold_codes": len(gold_roots),
        "predicted_codes": len(pred_roots),
        "root_precision": round(prec, 4),
        "root_recall": round(rec, 4),
        "root_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "main_root_accuracy": round(main_ok / main_n, 4) if main_n else None,
        "plover_sentences": plover_n,
        "main_plover_accuracy": round(plover_ok / plover_n, 4) if plover_n else None,
        "no_event_sentences": quiet_n,
        "no_event_kept_empty": quiet,
    }


def _rams_doc(example: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    words = [w for sent in example["sentences"] for w in sent]
    offsets: list[tuple[int, int]] = []
    pos = 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    return " ".join(words), offsets


def rams(runner: Runner, data: Path, limit: int | None, split: str = "test") -> dict[str, Any]:
    path = data / "rams-event-arguments" / f"{split}.jsonlines"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = lines[:limit] if limit else lines
    role_of = {r: k for k, roles in RAMS_ROLES.items() for r in roles}
    counts = {k: Counter() for k in ("actor1", "actor2", "place", "all")}
    for line in lines:
        ex = json.loads(line)
        text, offsets = _rams_doc(ex)
        doc, resolution = runner.analyse(text)
        (t_start, t_end, _), *_ = ex["evt_triggers"]
        span = doc.char_span(offsets[t_start][0], offsets[t_end][1], alignment_mode="expand")
        if span is None:
            continue
        finding = event_arguments(doc, resolution, span.root)
        gold: dict[str, list[tuple[int, int]]] = {"actor1": [], "actor2": [], "place": []}
        for _, (a_start, a_end), role in ex["gold_evt_links"]:
            name = role.split("arg", 1)[1][2:]
            if name in role_of:
                gold[role_of[name]].append((offsets[a_start][0], offsets[a_end][1]))
        pred = {
            "actor1": finding.actor1_span,
            "actor2": finding.actor2_span,
            "place": finding.place_span,
        }
        for key in ("actor1", "actor2", "place"):
            p, golds = pred[key], gold[key]
            for bucket in (counts[key], counts["all"]):
                bucket["gold"] += len(golds)
                if p is None:
                    continue
                bucket["pred"] += 1
                if any(p[0] < g[1] and g[0] < p[1] for g in golds):
                    bucket["tp"] += 1
                if any(p[0] <= g[1] - 1 < p[1] for g in golds):
                    bucket["tp_strict"] += 1
    out: dict[str, Any] = {"n": len(lines)}
    for key, c in counts.items():
        row: dict[str, Any] = {"gold": c["gold"], "pred": c["pred"]}
        for name, tp in (("overlap", c["tp"]), ("head", c["tp_strict"])):
            prec = tp / c["pred"] if c["pred"] else 0.0
            rec = min(tp, c["gold"]) / c["gold"] if c["gold"] else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            row[name] = {"p": round(prec, 4), "r": round(rec, 4), "f1": round(f1, 4)}
        out[key] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="benchmarks directory (default: ../shared/benchmarks)")
    ap.add_argument("--limit", type=int, help="at most N items per corpus (quick runs)")
    ap.add_argument(
        "--train-only",
        action="store_true",
        help="development run: PLOVER train and RAMS dev only, no CASE-2021 (it has only a "
        "test set), nothing written",
    )
    args = ap.parse_args()
    data = benchmarks_dir(args.data)
    if not (data / "event-coding-cameo-plover").is_dir():
        sys.exit(f"benchmark data not found under {data} (use --data or KRONIKA_BENCHMARKS)")
    runner = Runner()
    command = "python bench/events.py" + (f" --limit {args.limit}" if args.limit else "")
    result: dict[str, Any] = {"benchmark": "events", "command": command, "limit": args.limit}
    parts = ("train",) if args.train_only else ("test", "train")
    result["plover"] = plover(runner, data, args.limit, parts)
    speed = {
        "documents": runner.docs,
        "events": runner.n_events,
        "events_per_s_extractor": round(runner.n_events / runner.extract_s, 1),
        "sentences_per_s_extractor": round(runner.docs / runner.extract_s, 1),
        "sentences_per_s_full": round(runner.docs / runner.total_s, 1),
    }
    result["speed_plover"] = speed
    if not args.train_only:
        result["petr2"] = petr2(runner, data, args.limit)
    if (data / "case2021-task2-event-classes").is_dir() and not args.train_only:
        result["case2021"] = case2021(runner, data, args.limit)
    if (data / "rams-event-arguments").is_dir():
        split = "dev" if args.train_only else "test"
        result["rams"] = {"split": split, **rams(runner, data, args.limit, split)}
    result["versions"] = versions("spacy", "kronika")
    if not args.train_only:
        write_result("events", result)
    print(json.dumps({k: v for k, v in result.items() if k != "versions"}, indent=1)[:4000])


if __name__ == "__main__":
    main()
