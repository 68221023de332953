"""Figures computed once per run: the store every output reads, and the run's registry.

The same figure appears on the front page, in a report, on a slide and in a workbook. Each
is computed once per run: an analysis decorated with :func:`computed_once` stores its
result in the run's figure store (a private folder named by :data:`FIGURES_ENV`, set by the
runner for the runner and the kernel alike), keyed by the content of the tables it reads,
the client's configuration and its arguments. The front page, started first (beside the
kernel), fills the store; the notebooks then read the very same values, not a
recomputation of them (one asking before a value is stored computes the same value, once
more). Outside a run (an analyst's own notebook) the store is a small in-process memory.

:func:`registry` names the figures a client reads in more than one place — the headline
KPIs, the most cited irritants and enchantments, the missing touchpoints, the themes of
what customers write, the action plan — each with its value, base, definition and wave,
as read from that store; the runner publishes them as ``figures.json`` beside the reports.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from cxlib.privacy.policy import POLICY_ENV

__all__ = ["FIGURES_ENV", "Figure", "computed_once", "registry", "write_registry"]

#: Environment variable naming the run's figure store (a folder never published).
FIGURES_ENV = "CX_FIGURES"
_MEMORY: OrderedDict[str, Any] = OrderedDict()
_MEMORY_SIZE = 32
_LOCK = threading.Lock()
F = TypeVar("F", bound=Callable[..., Any])


def _frame_key(frame: pl.DataFrame) -> str:
    rows = int(frame.hash_rows(seed=11).sum()) if frame.height else 0
    return f"{frame.height}:{frame.schema}:{rows}"


def _value_key(value: Any) -> str:
    if isinstance(value, pl.DataFrame):
        return _frame_key(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(_value_key(v) for v in value) + "]"
    return repr(value)


def _key(name: str, inputs: Any, tables: tuple[str, ...], args: tuple[Any, ...],
         kwargs: dict[str, Any]) -> str:
    digest = hashlib.sha256(name.encode("utf-8"))
    digest.update(inputs.config.model_dump_json().encode("utf-8"))
    for table in tables:
        present = table in inputs
        digest.update(f"|{table}:{_frame_key(inputs[table]) if present else '-'}".encode())
    digest.update(_value_key(args).encode("utf-8"))
    digest.update(_value_key(sorted(kwargs.items())).encode("utf-8"))
    digest.update(os.environ.get(POLICY_ENV, "").encode("utf-8"))  # quotes redacted by it
    return f"{name}-{digest.hexdigest()[:24]}"


def _store() -> Path | None:
    location = os.environ.get(FIGURES_ENV)
    return Path(location) if location else None


def _remember(key: str, value: Any) -> None:
    with _LOCK:
        _MEMORY[key] = value
        _MEMORY.move_to_end(key)
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)


def _recalled(key: str) -> tuple[bool, Any]:
    with _LOCK:  # the front page asks from two threads
        if key not in _MEMORY:
            return False, None
        _MEMORY.move_to_end(key)
        return True, _MEMORY[key]


#: How long a process of the run waits for a value another one is computing.
WAIT_SECONDS = 300.0


def _computing(pending: Path) -> bool:
    """Whether another live process of the run is computing the value ``pending`` marks.

    A thread of this process is never waited for: two analyses of one process can each
    ask for what the other computes.
    """
    try:
        pid = int(pending.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # it died: the value will not come
    except PermissionError:
        return True
    return True


def stored(key: str, compute: Callable[[], Any]) -> Any:
    """Return the value the run's figure store holds under ``key``, computed once.

    Outside a run (no store) the value is computed. While another process of the run
    computes it (the runner's front page, when the kernel reaches a report that shows the
    same figure), this one waits for it rather than computing it too on the same cores.
    The value must be picklable; it is written whole or not at all, so a process reading
    the store never sees half of it.

    Parameters
    ----------
    key : str
        A name unique to the value (safe as a file name).
    compute : callable
        Computes the value when the store does not hold it.

    Returns
    -------
    object
        The value.
    """
    store = _store()
    if store is None:
        return compute()
    path, pending = store / f"{key}.pickle", store / f"{key}.pending"
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.is_file() and _computing(pending) and time.monotonic() < deadline:
        time.sleep(0.05)
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    store.mkdir(parents=True, exist_ok=True)
    try:
        marker = os.open(pending, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(marker, str(os.getpid()).encode("ascii"))
        os.close(marker)
    except FileExistsError:  # marked by this process's other thread, or by a dead one
        marker = None
    try:
        value = compute()
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    finally:
        if marker is not None:
            pending.unlink(missing_ok=True)
    return value


def computed_once(*tables: str) -> Callable[[F], F]:
    """Compute an analysis of a client's inputs once per run, whoever asks for it.

    Parameters
    ----------
    *tables : str
        The input tables the analysis reads: its result is reused only while their
        content, the client's configuration and the arguments are unchanged.

    Returns
    -------
    callable
        A decorator for functions taking the client's ``Inputs`` first; their results
        must be picklable.
    """
    def decorate(func: F) -> F:
        name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"

        @functools.wraps(func)
        def wrapper(inputs: Any, *args: Any, **kwargs: Any) -> Any:
            key = _key(name, inputs, tables, args, kwargs)
            known, value = _recalled(key)
            if known:
                return value
            value = stored(key, lambda: func(inputs, *args, **kwargs))
            _remember(key, value)
            return value

        return wrapper  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True)
class Figure:
    """A figure of the run, as every output shows it.

    Attributes
    ----------
    name : str
        Its name in the registry (``kpi.nps``, ``irritant.1``, ``voice.theme.2``…).
    value : str | int | float | None
        The value, as computed (numbers unrounded) or as worded (a ranked title).
    base : int or None
        How many answers, interviews or texts it rests on.
    definition : str
        What it is, in the report's language.
    wave : str or None
        The wave it describes.
    """

    name: str
    value: str | int | float | None
    base: int | None
    definition: str
    wave: str | None


def _kpis(inputs: Any, lang: str, wave: str) -> list[Figure]:
    from cxlib.analysis import kpi_review as kr
    from cxlib.analysis.coverage import allows
    from cxlib.i18n import t

    if not allows(inputs, "04_kpis", "kp_headline"):
        return []
    out = []
    for r in kr.headline(inputs).iter_rows(named=True):
        if r["value"] is None:
            continue
        k = r["kpi"]
        out.append(Figure(f"kpi.{k}", r["value"], r["n"], t(f"kpi_{k}", lang), wave))
        if r["change"] is not None:
            out.append(Figure(f"kpi.{k}.change", r["change"], r["n"],
                              t("fig_change", lang, kpi=t(f"kpi_{k}", lang)), wave))
    return out


def _cited(inputs: Any, lang: str, wave: str) -> list[Figure]:
    from cxlib.analysis import interviews as iv
    from cxlib.analysis.coverage import allows
    from cxlib.i18n import t

    if not allows(inputs, "03_interviews", "iv_irritants"):
        return []
    spans = iv.client_spans(inputs)
    out = []
    for valence, limit in (("irritant", 5), ("enchantment", 3)):
        for rank, item in enumerate(iv.top_items(inputs, spans, valence, lang, limit=limit,
                                                 quotes_each=1), start=1):
            title = " · ".join(x for x in (item["touchpoints"], item["theme"]) if x)
            out.append(Figure(f"{valence}.{rank}", title, int(item["interviews"]),
                              t(f"fig_{valence}", lang, rank=rank), wave))
    return out


def _touchpoints(inputs: Any, lang: str, wave: str) -> list[Figure]:
    from cxlib.analysis import touchpoints as tp
    from cxlib.analysis.coverage import allows
    from cxlib.i18n import t

    if not allows(inputs, "02_touchpoints", "tp_gaps"):
        return []
    missing = tp.missing_touchpoints(inputs)
    return [Figure("touchpoints.missing", missing.height, None, t("fig_missing", lang), wave)]


def _voice(inputs: Any, lang: str, wave: str) -> list[Figure]:
    from cxlib.analysis import feedback as fb
    from cxlib.analysis.coverage import allows
    from cxlib.i18n import t

    if not allows(inputs, "06_voice", "vo_changes"):
        return []
    ranked = fb.themes_ranked(fb.listen(inputs), lang).filter(
        (pl.col("base") != "suppressed") & (pl.col("negative") > 0)).head(3)
    return [Figure(f"voice.theme.{rank}", r["name"], int(r["n"]),
                   t("fig_voice_theme", lang, rank=rank), wave)
            for rank, r in enumerate(ranked.iter_rows(named=True), start=1)]


def _actions(inputs: Any, lang: str, wave: str) -> list[Figure]:
    from cxlib.i18n import t

    if not inputs.has("actions"):
        return []
    actions = inputs["actions"]
    return [Figure("actions", actions.height, actions.height, t("fig_actions", lang), wave)]


def registry(inputs: Any, lang: str | None = None) -> list[Figure]:
    """Return the figures of a run that its outputs show in more than one place.

    Parameters
    ----------
    inputs : Inputs
        The client's validated inputs.
    lang : str, optional
        Language of the definitions and titles (default: the client's).

    Returns
    -------
    list of Figure
        Headline KPIs and their changes, most cited irritants and enchantments, missing
        touchpoints, the three most negative themes of customers' texts, the actions;
        a part whose data the client lacks is left out.
    """
    cfg = inputs.config
    lang = lang or cfg.language
    wave = cfg.labels("waves").get(cfg.wave, cfg.wave)
    return [figure for part in (_kpis, _cited, _touchpoints, _voice, _actions)
            for figure in part(inputs, lang, wave)]


def write_registry(figures: list[Figure], path: Path) -> Path:
    """Write the registry as JSON (one object per figure, in order) and return its path."""
    import json

    path.write_text(json.dumps([asdict(f) for f in figures], ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path
