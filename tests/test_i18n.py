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
                assert "{" + name + "}" in text, f"{key}: plural on {name}, not a placeholder"
