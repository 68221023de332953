"""Recall and precision of the detection of personal data on a labelled corpus.

``corpus/pii_fr.yaml`` and ``corpus/pii_en.yaml`` mark each item of personal data
``[[kind|text]]``. Every 4th sentence (index % 4 == 3) is held out: the goals are asserted
on it. The figures for both parts are printed (``pytest -s``).

Scoring: a labelled item is recalled when the items found of the same kind cover it
entirely; an item found is correct when it overlaps a labelled item of the same kind.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from cxlib.privacy.detect import Detector

CORPUS = Path(__file__).parent / "corpus"
_MARK = re.compile(r"\[\[(\w+)\|(.+?)\]\]")
#: The issue's goals: recall 100 % for identifiers, 95 % for names; precision 95 %.
FULL_RECALL = ("email", "phone", "card", "iban", "nir", "nino", "bank")


def parse(marked: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Return the plain sentence and its labelled spans."""
    plain, spans, last = [], [], 0
    for match in _MARK.finditer(marked):
        plain.append(marked[last:match.start()])
        start = sum(map(len, plain))
        plain.append(match.group(2))
        spans.append((match.group(1), start, start + len(match.group(2))))
        last = match.end()
    plain.append(marked[last:])
    return "".join(plain), spans


def load(lang: str) -> dict:
    return yaml.safe_load((CORPUS / f"pii_{lang}.yaml").read_text(encoding="utf-8"))


def part(lang: str, held_out: bool) -> list[str]:
    return [s for i, s in enumerate(load(lang)["sentences"]) if (i % 4 == 3) == held_out]


def evaluate(lang: str, held_out: bool) -> dict:
    corpus = load(lang)
    detector = Detector(keep=corpus["vocabulary"], patterns=corpus["patterns"])
    gold, hit, found, right = Counter(), Counter(), Counter(), Counter()
    misses, wrong, vocab_hits = [], [], []
    vocab = re.compile("|".join(re.escape(v) for v in corpus["vocabulary"]), re.IGNORECASE)
    for marked in part(lang, held_out):
        text, spans = parse(marked)
        items = [(f.kind if f.kind != "roster" else "name", f.start, f.end)
                 for f in detector.find(text)]
        for kind, start, end in spans:
            gold[kind] += 1
            covered = {i for k, s, e in items if k == kind for i in range(s, e)}
            if set(range(start, end)) <= covered:
                hit[kind] += 1
            else:
                misses.append((kind, text[start:end], text))
        for kind, start, end in items:
            found[kind] += 1
            if any(k == kind and s < end and start < e for k, s, e in spans):
                right[kind] += 1
            else:
                wrong.append((kind, text[start:end], text))
            vocab_hits += [(text[start:end], text) for m in vocab.finditer(text)
                           if m.start() < end and start < m.end()]
    return {"gold": gold, "hit": hit, "found": found, "right": right, "misses": misses,
            "wrong": wrong, "vocab": vocab_hits}


def table(lang: str, held_out: bool, result: dict) -> str:
    name = "held-out" if held_out else "development"
    lines = [f"{lang} {name}: kind, labelled, recall, found, precision"]
    for kind in sorted(set(result["gold"]) | set(result["found"])):
        g, h, f, r = (result[k][kind] for k in ("gold", "hit", "found", "right"))
        lines.append(f"  {kind:9} {g:4} {h / g if g else 1:7.1%} {f:5} {r / f if f else 1:7.1%}")
    total_f, total_r = sum(result["found"].values()), sum(result["right"].values())
    lines.append(f"  overall precision {total_r / total_f:.1%} ({total_r}/{total_f})")
    return "\n".join(lines)


def test_corpus_is_large_enough_and_well_formed() -> None:
    sentences = load("fr")["sentences"] + load("en")["sentences"]
    assert len(sentences) >= 400
    kinds = Counter(k for s in sentences for k, _s, _e in parse(s)[1])
    assert set(FULL_RECALL) | {"name", "address", "dob", "customer"} <= set(kinds)
    assert sum(1 for s in sentences if not parse(s)[1]) >= 120  # look-alikes only


@pytest.mark.parametrize("held_out", [False, True], ids=["development", "held-out"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_recall_and_precision(lang: str, held_out: bool) -> None:
    result = evaluate(lang, held_out)
    print("\n" + table(lang, held_out, result))
    for kind, text, sentence in result["misses"]:
        print(f"  missed {kind}: {text!r} in {sentence!r}")
    for kind, text, sentence in result["wrong"]:
        print(f"  wrong {kind}: {text!r} in {sentence!r}")
    if not held_out:
        return
    for kind in FULL_RECALL:
        assert result["hit"][kind] == result["gold"][kind], (kind, result["misses"])
    assert result["hit"]["name"] >= 0.95 * result["gold"]["name"], result["misses"]
    assert sum(result["right"].values()) >= 0.95 * sum(result["found"].values()), \
        result["wrong"]
    assert result["vocab"] == []
