"""Messages: plurals chosen by count, by each language's rule."""

import pytest

from cxlib.i18n import MESSAGES, t


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("fr", 0, "0 service jamais interrogé : –."),
    ("fr", 1, "1 service jamais interrogé : –."),
    ("fr", 2, "2 services jamais interrogés : –."),
    ("en", 0, "0 departments never interviewed: –."),
    ("en", 1, "1 department never interviewed: –."),
    ("en", 2, "2 departments never interviewed: –."),
])
def test_plural_by_count_and_language(lang: str, n: int, text: str) -> None:
    assert t("jm_hc_departments", lang, n=n, names="–") == text


def test_plural_words_may_differ_entirely() -> None:
    assert t("wv_new_irritants", "fr", n=1, wave="V1", names="x") == \
        "1 nouvel irritant depuis V1 : x."
    assert t("wv_new_irritants", "fr", n=3, wave="V1", names="x") == \
        "3 nouveaux irritants depuis V1 : x."


def test_plural_tokens_name_a_placeholder_of_the_message() -> None:
    import re

    for key, texts in MESSAGES.items():
        for text in texts.values():
            for name in re.findall(r"\{(\w+)\|[^{}|]*\|[^{}|]*\}", text):
                # a count that only chooses the plural, never shown, is named n_<what>
                assert "{" + name + "}" in text or name.startswith("n_"), (
                    f"{key}: plural on {name}, not a placeholder")


@pytest.mark.parametrize(("key", "values", "fr", "en"), [
    ("more_problems", {"n": 1}, "… et 1 autre problème", "… and 1 more problem"),
    ("more_problems", {"n": 4}, "… et 4 autres problèmes", "… and 4 more problems"),
    ("cfg_too_short", {"min": 1}, "au moins 1 élément", "at least 1 item"),
    ("input_invalid", {"n": 2, "files": "a.csv"}, "2 problèmes dans les données d'entrée "
     "(a.csv) :", "2 problems in the input data (a.csv):"),
    ("ev_found_duplicates", {"n": 1, "rows": "4"}, "1 événement en double, retiré (ligne 4)",
     "1 duplicate event, dropped (row 4)"),
    ("ev_found_identical", {"n": 2, "rows": "4, 7"}, "2 événements identiques à une ligne "
     "précédente dans toutes les colonnes, gardés (lignes 4, 7)",
     "2 events identical to an earlier row in every column, kept (rows 4, 7)"),
    ("expect_calendar_day", {"expected": "jj/mm/aaaa"},
     "un jour qui existe dans le calendrier : jj/mm/aaaa",
     "a day that exists in the calendar: jj/mm/aaaa"),
    ("run_partial", {"n": 2, "total": 6, "names": "00_overview, 04_kpis"},
     "Édition partielle : 2 rapports sur 6 (00_overview, 04_kpis). Elle ne remplace pas la "
     "dernière édition complète : c'est une édition complète qu'on envoie au client.",
     "Partial run: 2 of 6 reports (00_overview, 04_kpis). It does not replace the latest "
     "complete run: a complete run is what goes to the client."),
])
def test_counted_messages_agree_with_their_count(key: str, values: dict, fr: str,
                                                 en: str) -> None:
    assert (t(key, "fr", **values), t(key, "en", **values)) == (fr, en)


def test_low_base_and_department_sentences_agree_with_their_counts() -> None:
    low = t("kp_low_base_sentence", "en", n_low=1, flag=30, n_suppressed=0, suppress=10)
    assert low.startswith("1 segment has a low base (fewer than 30 answers) and 0 are not "
                          "shown (fewer than 10)")
    low = t("kp_low_base_sentence", "fr", n_low=3, flag=30, n_suppressed=1, suppress=10)
    assert low.startswith("3 segments ont une base faible (moins de 30 réponses) et 1 n'est "
                          "pas montré (moins de 10)")
    low = t("kp_low_base_sentence", "fr", n_low=1, flag=30, n_suppressed=2, suppress=10)
    assert low.startswith("1 segment a une base faible (moins de 30 réponses) et 2 ne sont "
                          "pas montrés (moins de 10)")
    dept = t("iv_dept_missing", "en", department="Claims", touchpoints=1)
    assert "although it owns 1 touchpoint: its view" in dept


def test_counts_already_written_as_numbers_still_choose_the_plural() -> None:
    from cxlib.i18n import number

    one, many = number(1, "fr"), number(2550, "fr")
    assert t("ov_summary", "fr", touchpoints=one, responses=one, events=many,
             interviews=one) == "1 point de contact, 1 réponse, 2\u202f550 événements, 1 entretien."
    assert t("ov_summary", "en", touchpoints=number(1, "en"), responses=number(1060, "en"),
             events="–", interviews=0) == "1 touchpoint, 1,060 responses, – events, 0 interviews."
    assert t("tp_critical", "fr", stage="A", channel="B", ended=one, rate="5 %",
             touchpoints="Caisse", n_tp=1) == ("« A » × « B » : 1 parcours s'y arrête sans achat "
                                               "(5 % des clients qui y passent). Point de "
                                               "contact : Caisse.")
    assert t("jm_hc_unused", "en", stages="Buy, Use", n_stages=2) == (
        "Stages no customer reaches in the event log: Buy, Use.")


def _catalog(lang: str) -> dict[str, str]:
    import yaml

    from cxlib.i18n import catalog_files

    merged: dict[str, str] = {}
    for path in catalog_files(lang):
        with path.open(encoding="utf-8") as stream:
            merged.update(yaml.load(stream, Loader=yaml.BaseLoader) or {})
    return merged


def test_each_language_has_one_catalog_with_the_same_ids_in_the_same_order() -> None:
    import yaml

    from cxlib.i18n import catalog_files

    fr_files, en_files = catalog_files("fr"), catalog_files("en")
    assert [p.name.replace(".fr.", ".en.").replace("fr.yaml", "en.yaml")
            for p in fr_files] == [p.name for p in en_files]
    for fr_path, en_path in zip(fr_files, en_files, strict=True):
        with fr_path.open(encoding="utf-8") as a, en_path.open(encoding="utf-8") as b:
            assert list(yaml.load(a, Loader=yaml.BaseLoader) or {}) == list(
                yaml.load(b, Loader=yaml.BaseLoader) or {}), fr_path.name
    fr, en = _catalog("fr"), _catalog("en")
    assert set(fr) == set(en) == set(MESSAGES)
    assert all(isinstance(text, str) for text in [*fr.values(), *en.values()])


def test_translations_have_the_same_placeholders_and_plural_counts() -> None:
    import re
    from string import Formatter

    plural = re.compile(r"\{(\w+)\|[^{}|]*\|[^{}|]*\}")

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(plural.sub("", text)) if name}

    fr, en = _catalog("fr"), _catalog("en")
    mismatched = [key for key in fr if fields(fr[key]) != fields(en[key])]
    assert mismatched == []
    # a plural chooses by a count the message shows, or by n_<what> given beside it
    for key in fr:
        for lang_text in (fr[key], en[key]):
            for count in plural.findall(lang_text):
                assert count in fields(lang_text) or count.startswith("n"), key


def test_no_module_outside_i18n_asks_which_language_it_writes() -> None:
    import ast
    from pathlib import Path

    import cxlib

    package = Path(cxlib.__file__).parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path.parent.name == "i18n" or "demo" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Constant) and side.value in ("fr", "en")
                    for side in [node.left, *node.comparators]):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(("lang", "text"), [("fr", "« oui »"), ("en", "“yes”")])
def test_quotation_marks_are_the_language_s_own(lang: str, text: str) -> None:
    from cxlib.i18n import quoted

    assert quoted("oui" if lang == "fr" else "yes", lang) == text.replace(" ", "\u00a0")


def test_numbers_and_percentages_follow_the_language() -> None:
    from cxlib.i18n import number

    assert number(12345.6, "fr", decimals=1) == "12\u202f345,6"
    assert number(12345.6, "en", decimals=1) == "12,345.6"
    assert number(0.82, "fr", percent=True) == "82\u202f%"
    assert number(-0.05, "en", percent=True, sign=True) == "\u22125%"
