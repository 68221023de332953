"""Redaction throughput on survey verbatims: texts per second and peak memory.

Usage::

    .venv/bin/python benchmarks/bench_redaction.py [--texts 100000] [--seed 7]

Generates ``--texts`` survey verbatims in French and English (one in five carries personal
data: a name, an e-mail, a phone number, a card number…; the others amounts, dates, order
numbers, stage and brand names), then times, each on all of them:

- ``redact``: :func:`cxlib.coding.redact` one text at a time, as the reports quote;
- ``log``: :func:`cxlib.privacy.log.redaction_log` on a survey table (what the runner
  computes once per run for the redaction log);
- ``identifiers``: :func:`cxlib.privacy.gate.collect_identifiers` on the same table (what
  the publish gate reads from the inputs).

Each step is timed untraced, then run again under ``tracemalloc`` for its peak of Python
allocations; the process's peak resident memory is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
import tracemalloc
from collections.abc import Callable

import polars as pl

PLAIN = [
    "Livraison en {n} jours, commande {order}, {amount} € : rien à redire.",
    "L'Appli plante à l'étape Paiement depuis le {date}, 3 essais.",
    "Boutique de Lyon très accueillante, attente {n} minutes.",
    "Delivery took {n} days for order {order}, £{amount} — fine otherwise.",
    "The App crashed at the Billing stage on {date}, I tried three times.",
    "Great Store in Leeds, waited {n} minutes, staff helpful.",
    "Forfait Jade à {amount} € par mois, trop cher pour ce que c'est.",
    "Customer Care never called back about ticket {order}.",
]
PERSONAL = [
    "J'ai eu Kevin au SAV, rappel au 06 {a} {b} {c} {d} promis.",
    "Mme Bernadette Lefort m'a dit d'écrire à b.lefort{n}@orange.fr.",
    "My adviser, Mr Jonathan Pryce, said to call Sarah on 07700 900{n:03d}.",
    "Card 4111 1111 1111 1111 charged twice, account 12-34-56 {order8}.",
    "Ma carte 4970 1012 3456 7890 a été débitée, client C{order6}.",
]


def verbatims(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        template = rng.choice(PERSONAL if rng.random() < 0.2 else PLAIN)
        out.append(template.format(
            n=rng.randint(1, 99), order=rng.randint(10000, 999999),
            amount=rng.randint(5, 500), date=f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}",
            a=rng.randint(10, 99), b=rng.randint(10, 99), c=rng.randint(10, 99),
            d=rng.randint(10, 99), order8=rng.randint(10**7, 10**8 - 1),
            order6=rng.randint(10**5, 10**6 - 1)))
    return out


def measure(label: str, count: int, step: Callable[[], object]) -> None:
    """Time ``step`` untraced, then run it again under tracemalloc for its peak."""
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    step()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:12} {count:>8} texts  {seconds:7.2f} s  {count / seconds:9.0f} texts/s  "
          f"peak {peak / 2**20:7.1f} MiB allocated (process {rss:.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from cxlib.coding import redact
    from cxlib.privacy._names import lexicons
    from cxlib.privacy.gate import collect_identifiers
    from cxlib.privacy.log import redaction_log
    from cxlib.privacy.policy import Policy

    texts = verbatims(args.texts, args.seed)
    survey = {"survey": pl.DataFrame({"verbatim": texts})}
    policy = Policy(keep=("Forfait Jade", "Boutique", "Store", "Customer Care", "Billing"),
                    patterns={"customer_number": r"C\d{6}"})
    started = time.perf_counter()
    lexicons()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; lexicons loaded in "
          f"{time.perf_counter() - started:.2f} s")
    measure("redact", len(texts), lambda: [
        redact(t, lang="fr", keep=policy.keep, patterns=policy.patterns) for t in texts])
    measure("log", len(texts), lambda: redaction_log(survey, policy=policy))
    measure("identifiers", len(texts), lambda: collect_identifiers(survey))


if __name__ == "__main__":
    main()
