"""Quote extraction on PolNeAR (../shared/benchmarks/polnear): content, cue and speaker.

Each PolNeAR attribution is a Content span (quoted or paraphrased), a Cue and a Source. Gold
for an article is its first ``.ann`` file by name (some articles have one per annotator).
kronika runs its own pipeline (spaCy + entity corrector, mention resolution, then
``kronika.extract.quotes.find_quotes``) on the raw text, with no outlet.

Metrics, over word tokens (``\\w+``; punctuation and quotation marks do not count):

- **content P/R/F1 at 0.3 overlap**: a predicted quote matches a gold content when the
  shared tokens are at least 0.3 of the *longer* of the two (symmetric, so a whole paragraph
  does not match a clause); gold and predictions are paired one to one, best score first.
  The Gender Gap Tracker's looser definition (shared tokens > 0.3 of the *gold* only, greedy
  per gold) is reported beside it as ``ggt``, for comparison with its published figures;
- **exact**: the same token set;
- **cue accuracy**: among matches whose gold has a cue, the predicted cue overlaps it;
- **speaker accuracy**: among matches whose gold has a source, the predicted speaker
  evidence overlaps the gold source, or (a speaker inherited from an earlier quote, with no
  evidence span) the speaker's last name occurs in the gold source text.

Throughput: quotes found per second of quote extraction alone, and the time of mention
resolution + quote extraction relative to the spaCy parse of the same texts.

Rules were developed on train/dev only; test is measured, never looked at for tuning.

    python bench/quotes.py [--data DIR] [--split dev|test|all] [--limit N] [--no-write]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import benchmarks_dir, versions, write_result

CORPUS = "polnear"
THRESHOLD = 0.3
_WORD = re.compile(r"\w+")

Segs = list[tuple[int, int]]


@dataclass
class Gold:
    content: Segs
    cue: Segs = field(default_factory=list)
    source: Segs = field(default_factory=list)
    source_text: str = ""


@dataclass
class Article:
    name: str
    text: str
    gold: list[Gold]


def _segs(field_text: str) -> Segs:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_text.split(";"))]


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, Segs, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _segs(offsets), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for e in events:
        content = spans.get(e.get("Content", ""))
        if content is None:
            continue
        cue = spans.get(e.get("Cue", ""))
        source = spans.get(e.get("Source", ""))
        out.append(
            Gold(
                content=content[1],
                cue=cue[1] if cue else [],
                source=source[1] if source else [],
                source_text=source[2] if source else "",
            )
        )
    return out


def read_split(root: Path, split: str, limit: int | None = None) -> list[Article]:
    folder = root / CORPUS / split
    anns: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)
    out = []
    for path in sorted((folder / "text").glob("*.txt")):
        ann = anns.get(path.stem)
        if ann is None:
            continue
        out.append(Article(path.stem, path.read_text("utf-8"), read_ann(ann)))
        if limit and len(out) >= limit:
            break
    return out


def tokens(text: str, segs: Segs) -> frozenset[int]:
    """Start offsets of the word tokens inside ``segs``."""
    out: set[int] = set()
    for a, b in segs:
        out.update(m.start() + a for m in _WORD.finditer(text[a:b]))
    return frozenset(out)


def _overlaps(a: Segs, b: Segs) -> bool:
    return any(x < w and v < y for x, y in a for v, w in b)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: dict[str, int] = field(default_factory=lambda: {"overlap": 0, "exact": 0, "ggt": 0})
    cue_n: int = 0
    cue_ok: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [predicted, matched]


def score_article(art: Article, found: list[Any], counts: Counts) -> None:
    text = art.text
    gold = [(g, tokens(text, g.content)) for g in art.gold]
    gold = [(g, t) for g, t in gold if t]
    pred = [(f, tokens(text, [(f.start, f.end)])) for f in found]
    pred = [(f, t) for f, t in pred if t]
    counts.gold += len(gold)
    counts.pred += len(pred)
    pairs = []
    for gi, (_, gt) in enumerate(gold):
        for pi, (_, pt) in enumerate(pred):
            shared = len(gt & pt)
            if shared:
                pairs.append((shared / max(len(gt), len(pt)), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for score, gi, pi in pairs:
        if score < THRESHOLD or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, gt = gold[gi]
        f, pt = pred[pi]
        counts.tp["overlap"] += 1
        counts.tp["exact"] += int(gt == pt)
        counts.by_kind.setdefault(f.kind, [0, 0])[1] += 1
        if g.cue:
            counts.cue_n += 1
            counts.cue_ok += int(f.cue_span is not None and _overlaps([f.cue_span], g.cue))
        if g.source:
            counts.speaker_n += 1
            counts.speaker_ok += int(_speaker_ok(f, g))
    for f, _ in pred:
        counts.by_kind.setdefault(f.kind, [0, 0])[0] += 1
    # the Gender Gap Tracker's definition: per gold, greedy, shared / |gold| > 0.3
    free = set(range(len(pred)))
    for _, gt in gold:
        best, best_score = None, THRESHOLD
        for pi in free:
            score = len(gt & pred[pi][1]) / len(gt)
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            free.discard(best)
            counts.tp["ggt"] += 1


def _speaker_ok(f: Any, g: Gold) -> bool:
    if f.speaker_span is not None:
        return _overlaps([f.speaker_span], g.source)
    if f.speaker is None:
        return False
    from kronika.folding import fold

    last = fold(f.speaker.name).split()[-1:]
    return bool(last) and last[0] in fold(g.source_text).split()


def prf(tp: int, gold: int, pred: int) -> dict[str, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def run_split(articles: list[Article]) -> dict[str, Any]:
    from kronika.extract.actors import resolve_mentions
    from kronika.extract.entities import extract_entities
    from kronika.extract.quotes import QuoteContext, find_quotes
    from kronika.knowledge import load_knowledge
    from kronika.nlp.embeddings import FRAMING_LAYERS, document_token_vectors
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    pipeline = load_pipeline(Settings())
    knowledge = load_knowledge()
    ctx = QuoteContext.from_registry(knowledge.registry)
    actor_ctx = knowledge.context(reference_date=None)
    texts = [a.text for a in articles]
    t0 = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    resolve_s = encoder_s = quote_s = 0.0
    counts = Counts()
    n_quotes = 0
    for art, doc in zip(articles, docs, strict=True):
        t1 = time.perf_counter()
        entities = extract_entities(
            doc, model_id=pipeline.model_id, label_precision=pipeline.label_precision
        )
        resolution = resolve_mentions(doc, entities, actor_ctx)
        t2 = time.perf_counter()
        # the encoder's token vectors: the attribution model reads them, and in the pipeline
        # framing computes them anyway (or the parse workers do), so they are timed apart
        document_token_vectors(doc, FRAMING_LAYERS)
        t3 = time.perf_counter()
        found = find_quotes(doc, resolution, None, ctx)
        t4 = time.perf_counter()
        resolve_s += t2 - t1
        encoder_s += t3 - t2
        quote_s += t4 - t3
        n_quotes += len(found)
        score_article(art, found, counts)
    tp = counts.tp
    return {
        "articles": len(articles),
        "gold_attributions": counts.gold,
        "predicted_quotes": counts.pred,
        "content_overlap_0.3": prf(tp["overlap"], counts.gold, counts.pred),
        "content_exact": prf(tp["exact"], counts.gold, counts.pred),
        "content_ggt_0.3": prf(tp["ggt"], counts.gold, counts.pred),
        "cue_accuracy": round(counts.cue_ok / counts.cue_n, 3) if counts.cue_n else None,
        "cue_scored": counts.cue_n,
        "speaker_accuracy": round(counts.speaker_ok / counts.speaker_n, 3)
        if counts.speaker_n
        else None,
        "speaker_scored": counts.speaker_n,
        "by_kind": {
            k: {"predicted": v[0], "matched": v[1]} for k, v in sorted(counts.by_kind.items())
        },
        "model": pipeline.model_id,
        "seconds": {
            "parse": round(parse_s, 2),
            "resolve_mentions": round(resolve_s, 2),
            "encoder": round(encoder_s, 2),
            "quotes": round(quote_s, 2),
        },
        "quotes_per_s": round(n_quotes / quote_s, 1) if quote_s else None,
        "quotes_cost_vs_parse": round(quote_s / parse_s, 3) if parse_s else None,
        "resolve_and_quotes_cost_vs_parse": round((resolve_s + quote_s) / parse_s, 3)
        if parse_s
        else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmarks folder (default: KRONIKA_BENCHMARKS or ../shared/benchmarks)"
    )
    parser.add_argument("--split", choices=("dev", "test", "train", "all"), default="all",
                        help="all = dev and test (train is for development runs only)")  # fmt: skip
    parser.add_argument("--limit", type=int, help="first N articles of each split")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    root = benchmarks_dir(args.data)
    if not (root / CORPUS).is_dir():
        print(f"PolNeAR not found at {root / CORPUS} (set --data or KRONIKA_BENCHMARKS)")
        return 1
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    result: dict[str, Any] = {"benchmark": CORPUS, "threshold": THRESHOLD, "splits": {}}
    for split in splits:
        r = run_split(read_split(root, split, args.limit))
        result["splits"][split] = r
        print(
            f"{split:5} overlap={r['content_overlap_0.3']} exact={r['content_exact']} "
            f"ggt={r['content_ggt_0.3']} cue={r['cue_accuracy']} speaker={r['speaker_accuracy']} "
            f"quotes/s={r['quotes_per_s']} cost/parse={r['quotes_cost_vs_parse']}"
        )
    result["command"] = " ".join(
        ["python bench/quotes.py", *(argv if argv is not None else sys.argv[1:])]
    )
    result["versions"] = versions("kronika", "spacy")
    if not args.no_write and not args.limit and args.split == "all":
        write_result("quotes", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
