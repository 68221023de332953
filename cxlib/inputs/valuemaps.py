"""Recode a column's values into ids: ``values:`` of an input in ``client.yaml``.

A recoding is a list of rules, applied in order, the first that matches a value giving its
id. Written inline (``channel_id: {"1": web_form, "8": phone}``), every rule is an exact
match. Written as a mapping workbook in the client folder (``channel_id: channel_map.xlsx``,
also ``.csv``), each row gives a value (column ``value`` or ``valeur``), its id (``id``)
and optionally how to match (``rule`` or ``règle``): ``exact`` (the default), ``prefix``,
``contains`` or ``regex`` — for web analytics exports, where hundreds of page and event
names fall into a few stages and channels.

Rules are matched against each distinct value once, not against every row: a log of
millions of rows with thousands of page names costs thousands of matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cxlib import paths
from cxlib.errors import CxError, Problem
from cxlib.i18n import t
from cxlib.inputs.readers import read_raw

__all__ = ["Rule", "load_rules", "match_values"]

#: How a rule matches, as a consultant may write it (English or French).
RULE_KINDS = {"": "exact", "exact": "exact", "exacte": "exact", "=": "exact",
              "prefix": "prefix", "préfixe": "prefix", "prefixe": "prefix",
              "starts with": "prefix", "commence par": "prefix",
              "contains": "contains", "contient": "contains",
              "regex": "regex", "regexp": "regex", "expression": "regex"}
_VALUE = ("value", "valeur", "from", "source")
_ID = ("id", "to", "target", "cible")
_RULE = ("rule", "règle", "regle", "match")


@dataclass(frozen=True)
class Rule:
    """One recoding rule: ``value`` matched the ``kind`` way gives ``target``.

    ``row`` is the rule's row in its mapping workbook (None when written inline).
    """

    value: str
    target: str
    kind: str = "exact"
    row: int | None = None


def _column(columns: list[str], names: tuple[str, ...]) -> str | None:
    return next((c for c in columns if c in names), None)


def load_rules(spec: dict[str, str] | str, folder: Path, where: str, config_file: Path,
               lang: str) -> tuple[list[Rule], Path | None, dict[str, str], list[Problem]]:
    """Return the rules of one ``values:`` entry.

    Parameters
    ----------
    spec : dict or str
        ``{value: id}`` written inline, or the name of a mapping workbook in ``folder``.
    folder : Path
        The client folder.
    where : str
        Key path of the entry in ``client.yaml`` (``inputs.events.values.channel_id``).
    config_file : Path
        The client's ``client.yaml``, named by problems of an inline entry.
    lang : {"fr", "en"}
        Language of messages.

    Returns
    -------
    tuple
        The rules in order; the workbook read (None inline); the workbook's headers as it
        writes them, by column id; the problems found (bad rule, bad pattern, no such
        workbook).
    """
    if isinstance(spec, dict):
        return [Rule(str(k).strip(), str(v).strip()) for k, v in spec.items()], None, {}, []
    target = (folder / spec).resolve()
    if not target.is_relative_to(folder.resolve()) or not target.is_file():
        return [], None, {}, [Problem(file=config_file, column=where, key=True, found=spec,
                                      expected=t("inp_expect_value_workbook", lang,
                                                 folder=paths.display(folder) + "/"))]
    try:
        raw = read_raw(target, lang)
    except CxError as exc:
        return [], target, {}, list(getattr(exc, "problems", [Problem(file=target)]))
    columns = [c for c in raw.frame.columns if c != "__row__"]
    value, ident, rule = _column(columns, _VALUE), _column(columns, _ID), _column(columns, _RULE)
    if value is None or ident is None:
        return [], target, raw.headers, [Problem(
            file=target, literal=False,
            found=t("inp_found_headers", lang, headers=", ".join(raw.headers.values())),
            expected=t("inp_expect_value_columns", lang))]
    frame = raw.frame.select("__row__", pl.col(value).cast(pl.String).alias("v"),
                             pl.col(ident).cast(pl.String).alias("i"),
                             (pl.col(rule).cast(pl.String) if rule else pl.lit(""))
                             .fill_null("").alias("r"))
    rules, problems = [], []
    for row, found, target_id, kind in frame.iter_rows():
        kind_id = RULE_KINDS.get(kind.strip().lower())
        if kind_id is None:
            problems.append(Problem(file=target, row=row, column=raw.headers.get(rule, rule),
                                    found=kind, expected=t("inp_expect_rule", lang)))
            continue
        if not (found or "").strip() or not (target_id or "").strip():
            column = value if not (found or "").strip() else ident
            problems.append(Problem(file=target, row=row, column=raw.headers.get(column, column),
                                    found="", expected=t("inp_expect_rule_filled", lang)))
            continue
        if kind_id == "regex" and (error := _regex_error(found.strip())):
            problems.append(Problem(file=target, row=row, column=raw.headers.get(value, value),
                                    found=found, expected=t("inp_expect_regex", lang,
                                                            error=error)))
            continue
        rules.append(Rule(found.strip(), target_id.strip(), kind_id, row))
    return rules, target, raw.headers, problems


def _regex_error(pattern: str) -> str | None:
    """Return why polars refuses a regular expression, or None when it is valid."""
    try:
        pl.Series([""]).str.contains(pattern)
    except pl.exceptions.PolarsError as exc:
        return str(exc).strip().splitlines()[-1][:120]
    return None


def match_values(values: pl.Series, rules: list[Rule]) -> pl.DataFrame:
    """Match distinct values against rules, in order, first match wins.

    Parameters
    ----------
    values : polars.Series
        The distinct values of a column (text).
    rules : list of Rule
        The recoding.

    Returns
    -------
    polars.DataFrame
        ``value`` and ``id`` (null where no rule matches), one row per value.
    """
    work = pl.DataFrame({"value": values.cast(pl.String)}).with_columns(
        pl.col("value").str.strip_chars().alias("key"), pl.lit(None, pl.String).alias("id"))
    i = 0
    while i < len(rules):
        if rules[i].kind == "exact":  # a run of exact rules is one lookup
            run: dict[str, str] = {}
            while i < len(rules) and rules[i].kind == "exact":
                run.setdefault(rules[i].value, rules[i].target)
                i += 1
            found = pl.col("key").replace_strict(list(run), list(run.values()), default=None,
                                                 return_dtype=pl.String)
            work = work.with_columns(pl.coalesce("id", found).alias("id"))
            continue
        rule = rules[i]
        key = pl.col("key")
        hit = (key.str.starts_with(rule.value) if rule.kind == "prefix"
               else key.str.contains(rule.value, literal=rule.kind == "contains"))
        work = work.with_columns(pl.when(pl.col("id").is_null() & hit)
                                 .then(pl.lit(rule.target)).otherwise(pl.col("id")).alias("id"))
        i += 1
    return work.select("value", "id")
