"""Names and codebook links the consultant gives to themes, from ``feedback.themes`` of client.yaml.

Themes are named by the data (:mod:`cxlib.analysis.feedback.naming`) and linked to the
codebook by shared words (:func:`~cxlib.analysis.feedback.themes.link_codebook`); a
consultant may give a theme the name the client will read, and say which codebook theme it
belongs to, or none (:mod:`cxlib.inputs._feedback_config`). The rename happens once, where
the themes are built (:func:`cxlib.analysis.feedback.voice.listen`), so every output — the
report, the front page, the journey map's lane, the deck, ``figures.json`` — shows the same
name.

**Keys.** A setting is keyed by a theme's strongest term (the first of its ``terms``,
``remboursement``), which stays when the data moves a little; the displayed name does not.
A key matches a theme when it is of the same word family as that term
(:func:`~cxlib.analysis.feedback.themes.family`: ``rembourser`` matches ``remboursement``),
as written or lemmatised. A key matching several themes goes to the largest; a key
matching a theme another key already claimed is left unused; a key matching none is left
unused. Each case is a warning that names the key (and lists the strongest terms of the
themes found), never an error: themes move between runs, the run goes on.

**Names.** A given name goes through the privacy check of a found name: a name the
redaction would change (an e-mail, a phone number, a person's name) is refused, and so is
a name another theme already bears; the theme then keeps its found name, with a warning.

**Joins.** A key with ``into`` makes its theme join the theme of the key it names: the
joined theme's row goes, its strongest terms follow the other's, and its id is listed in the
``joined`` column of the theme it joined (its texts are counted there by
:func:`cxlib.analysis.feedback.voice.listen`). An ``into`` that is no other key, names a key
that joins a theme itself, or a key that matches no theme of the run, is a warning; the
theme stays one of its own.

**Codes.** A ``code`` that is no theme of the codebook stops the run with a
:class:`~cxlib.errors.ConfigError` naming client.yaml, the key and the known codes (the
codebook's themes that group none); ``none`` unlinks the theme, which then reads *not in
the codebook*.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import polars as pl

from cxlib.analysis.feedback.naming import publishable
from cxlib.analysis.feedback.themes import _lemma, family
from cxlib.errors import Problem
from cxlib.i18n import named, t
from cxlib.inputs._feedback_config import NO_CODE, ThemeName, check_codes, config_file
from cxlib.inputs.config import ClientConfig

__all__ = ["give"]


def _matches(key: str, strongest: Sequence[str], languages: Sequence[str]) -> list[int]:
    """Return the themes whose strongest term is of the key's word family, in theme order."""
    word = " ".join(key.split()).lower()
    families = {family(word), *(family(_lemma(word, lang)) for lang in languages)}
    return [i for i, term in enumerate(strongest) if term and family(term) in families]


def _claims(cfg: ClientConfig, themes: pl.DataFrame,
            languages: Sequence[str]) -> tuple[dict[int, tuple[str, ThemeName]], list[Problem]]:
    """Return the settings each theme takes (theme index -> key, setting) and the warnings."""
    lang, file = cfg.language, config_file(cfg)
    strongest = [terms[0] if terms else "" for terms in themes["terms"].to_list()]
    names = themes["name"].to_list()
    known = ", ".join(dict.fromkeys(s for s in strongest if s)) or "—"
    claimed: dict[int, tuple[str, ThemeName]] = {}
    warnings = []
    for key, setting in cfg.feedback.themes.items():
        where = f"feedback.themes.{key}"
        found = _matches(key, strongest, languages)
        if not found:
            warnings.append(Problem(file=file, column=where, found=key, key=True,
                                    expected=t("fbc_unmatched", lang, terms=known)))
            continue
        if len(found) > 1:
            warnings.append(Problem(file=file, column=where, found=key, key=True, expected=t(
                "fbc_several", lang, kept=named(names[found[0]], lang),
                themes=", ".join(named(names[i], lang) for i in found))))
        if found[0] in claimed:
            warnings.append(Problem(file=file, column=where, found=key, key=True, expected=t(
                "fbc_same_theme", lang, other=claimed[found[0]][0],
                kept=named(names[found[0]], lang))))
            continue
        claimed[found[0]] = (key, setting)
    return claimed, warnings


def _names(cfg: ClientConfig, found: list[str], claimed: Mapping[int, tuple[str, ThemeName]],
           languages: Sequence[str], gone: Collection[int] = ()
           ) -> tuple[dict[int, str], list[Problem]]:
    """Return the given names each theme takes (privacy-checked, unique) and the warnings."""
    from cxlib.privacy.redaction import redact

    lang, file = cfg.language, config_file(cfg)
    safe = publishable(sorted({*languages, lang}))
    warnings = []
    wanted: dict[int, str] = {}
    for i, (key, setting) in claimed.items():
        if setting.name is None:
            continue
        if not safe(setting.name):
            warnings.append(Problem(file=file, column=f"feedback.themes.{key}.name",
                                    found=redact(setting.name, None, lang), key=True,
                                    expected=t("fbc_private", lang, kept=named(found[i], lang))))
            continue
        wanted[i] = setting.name
    kept = [j for j in range(len(found)) if j not in gone]  # a theme joining another goes
    while True:  # a refused name takes the found one back, which may clash in turn
        final = {j: wanted.get(j, found[j]) for j in kept}
        clash = next((i for i in wanted if any(
            final[j].lower() == wanted[i].lower() for j in kept
            if j != i and (j not in wanted or j < i))), None)
        if clash is None:
            return wanted, warnings
        other = next(final[j] for j in kept
                     if j != clash and final[j].lower() == wanted[clash].lower())
        warnings.append(Problem(file=file, column=f"feedback.themes.{claimed[clash][0]}.name",
                                found=wanted.pop(clash), key=True, expected=t(
                                    "fbc_duplicate", lang, other=named(other, lang),
                                    kept=named(found[clash], lang))))


def give(themes: pl.DataFrame, cfg: ClientConfig, codes: Mapping[str, str], *,
         languages: Sequence[str] = ()) -> tuple[pl.DataFrame, list[Problem]]:
    """Give themes the names and codebook links of ``feedback.themes`` in client.yaml.

    Parameters
    ----------
    themes : polars.DataFrame
        From :func:`~cxlib.analysis.feedback.themes.link_codebook` (``theme, name, terms,
        keywords, code, code_label, shared``).
    cfg : ClientConfig
        The client, whose ``feedback.themes`` says what to give.
    codes : mapping
        The codebook's theme codes a theme may be linked to -> their labels.
    languages : sequence of str
        The languages of the texts (keys are lemmatised, names checked, in each).

    Returns
    -------
    tuple
        The themes with the names and links given, and ``name_given`` and ``code_given``
        (whether the consultant gave them), ``joined`` (the ids of the themes that joined
        it, whose rows are gone) and ``joined_names`` (the names found of it and of them,
        when some joined it); and the warnings
        (:class:`~cxlib.errors.Problem`, naming client.yaml and the key), in the order of the
        keys.

    Raises
    ------
    ConfigError
        When a ``code`` is no theme of the codebook (see :func:`check_codes`).
    """
    check_codes(cfg, codes)
    langs = list(dict.fromkeys([*languages, cfg.language]))
    claimed, warnings = _claims(cfg, themes, langs)
    joins, unjoined = _joins(cfg, themes, claimed)
    found = themes["name"].to_list()
    wanted, refused = _names(cfg, found, claimed, langs, gone=joins)
    linked = {i: setting.code for i, (_, setting) in claimed.items() if setting.code}
    code = [linked.get(i, c) for i, c in enumerate(themes["code"].to_list())]
    code = [None if c == NO_CODE else c for c in code]
    labels = [codes.get(c, c) if i in linked and c else label for i, (c, label)
              in enumerate(zip(code, themes["code_label"].to_list(), strict=True))]
    shared = [[] if i in linked else s for i, s in enumerate(themes["shared"].to_list())]
    ids, terms = themes["theme"].to_list(), themes["terms"].to_list()
    joiners = [[j for j, into in joins.items() if into == i] for i in range(len(ids))]
    joined = [[ids[j] for j in js] for js in joiners]
    terms = [list(dict.fromkeys([*own, *(t for j, into in joins.items() if into == i
                                        for t in terms[j])]))
             for i, own in enumerate(terms)]
    given = themes.with_columns(
        pl.Series("name", [wanted.get(i, n) for i, n in enumerate(found)], dtype=pl.String),
        pl.Series("terms", terms, dtype=pl.List(pl.String)),
        pl.Series("code", code, dtype=pl.String),
        pl.Series("code_label", [None if c is None else lab for c, lab in
                                 zip(code, labels, strict=True)], dtype=pl.String),
        pl.Series("shared", shared, dtype=pl.List(pl.String)),
        pl.Series("name_given", [i in wanted for i in range(len(found))], dtype=pl.Boolean),
        pl.Series("code_given", [i in linked for i in range(len(found))], dtype=pl.Boolean),
        pl.Series("joined", joined, dtype=pl.List(pl.String)),
        pl.Series("joined_names", [[found[i], *(found[j] for j in joiners[i])] if joiners[i]
                                   else [] for i in range(len(ids))], dtype=pl.List(pl.String)),
    )
    keep = [i not in joins for i in range(len(found))]
    return given.filter(pl.Series(keep, dtype=pl.Boolean)), warnings + unjoined + refused


def _joins(cfg: ClientConfig, themes: pl.DataFrame, claimed: Mapping[int, tuple[str, ThemeName]]
           ) -> tuple[dict[int, int], list[Problem]]:
    """Return which theme joins which (index -> index) and the warnings of joins not made."""
    lang, file = cfg.language, config_file(cfg)
    names = themes["name"].to_list()
    settings = cfg.feedback.themes
    ends = sorted(key for key, setting in settings.items() if setting.into is None)
    of_key = {key: i for i, (key, _) in claimed.items()}
    joins, warnings = {}, []
    for i, (key, setting) in claimed.items():
        if setting.into is None:
            continue
        kept = named(names[i], lang)
        if setting.into not in ends:  # not a key, or one that joins another itself
            expected = t("fbc_into_unknown", lang, keys=", ".join(ends) or "—", kept=kept)
        elif setting.into not in of_key:
            expected = t("fbc_into_unmatched", lang, into=setting.into, kept=kept)
        else:
            joins[i] = of_key[setting.into]
            continue
        warnings.append(Problem(file=file, column=f"feedback.themes.{key}.into",
                                found=setting.into, key=True, expected=expected))
    return joins, warnings
