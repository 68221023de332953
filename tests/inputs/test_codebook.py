"""Codebooks: YAML, CSV, XLSX and REFI-QDA .qdc; hierarchy checks and code paths."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from cxlib.coding import code_paths, read_codebook
from cxlib.errors import InputError

YAML = """\
codes:
  - id: irritant
    label: Irritant
    kind: valence
    colour: "#d62728"
    children:
      - id: irr_wait
        label: Waiting time
        kind: thème
        description: Le client attend une réponse
      - {id: irr_price, label: Price, kind: theme}
  - id: web
    label: Site web
    kind: canal
"""


def test_yaml_nested_codes_get_their_parent_and_kind(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(YAML, encoding="utf-8")
    book = read_codebook(path)
    assert book.columns == ["code_id", "label", "parent_id", "kind", "description", "colour"]
    assert book["code_id"].to_list() == ["irritant", "irr_wait", "irr_price", "web"]
    assert book["parent_id"].to_list() == [None, "irritant", "irritant", None]
    assert book["kind"].to_list() == ["valence", "theme", "theme", "channel"]
    paths = code_paths(book)
    assert paths["path"].to_list() == ["Irritant", "Irritant > Waiting time", "Irritant > Price",
                                       "Site web"]
    assert paths["depth"].to_list() == [0, 1, 1, 0]


def test_csv_from_french_excel(tmp_path: Path) -> None:
    path = tmp_path / "codebook.csv"
    text = ("Code ID;Libellé;Parent;Type;Couleur\r\nirr;Irritant;;valence;#f00\r\n"
            "irr_wait;Délai d'attente;irr;étape;\r\n")
    path.write_bytes(text.encode("cp1252"))
    book = read_codebook(path)
    assert book["label"].to_list() == ["Irritant", "Délai d'attente"]
    assert book["kind"].to_list() == ["valence", "stage"]
    assert book["colour"].to_list() == ["#f00", None]
    assert code_paths(book)["path"][1] == "Irritant > Délai d'attente"


def test_xlsx_plain_table(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code_id", "label", "parent_id", "kind"])
    sheet.append(["a", "A", None, "theme"])
    sheet.append(["b", "B", "a", "emotion"])
    path = tmp_path / "codebook.xlsx"
    book.save(path)
    frame = read_codebook(path)
    assert frame["parent_id"].to_list() == [None, "a"]
    assert frame["description"].null_count() == 2


def test_taguette_qdc_with_empty_sets_is_accepted(samples: Path) -> None:
    book = read_codebook(samples / "taguette_uto_tag_codebook.qdc")
    assert book["label"].to_list() == ["xsd:element name", "CodeBook", "Variables"]
    assert book["code_id"][0] == "098ac082-a9c7-50f4-9728-48730081a95e"  # lower-cased
    assert book["parent_id"].null_count() == 3


def test_nested_qdc(tmp_path: Path) -> None:
    path = tmp_path / "book.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        '<Codes><Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Irritant" '
        'isCodable="true" color="#FF0000"><Description>Pain</Description>'
        '<Code guid="AAAAAAAA-0000-0000-0000-000000000002" name="Attente" isCodable="true"/>'
        "</Code></Codes></CodeBook>", encoding="utf-8")
    book = read_codebook(path)
    assert book.rows() == [
        ("aaaaaaaa-0000-0000-0000-000000000001", "Irritant", None, None, "Pain", "#FF0000"),
        ("aaaaaaaa-0000-0000-0000-000000000002", "Attente",
         "aaaaaaaa-0000-0000-0000-000000000001", None, None, None),
    ]


def test_every_problem_is_reported_at_once_with_rows(tmp_path: Path) -> None:
    path = tmp_path / "codebook.csv"
    path.write_text("code_id,label,parent_id,kind,colour\n"
                    "a,A,ghost,theme,#123456\n"
                    "a,A bis,,mood,red\n"
                    "b,,c,theme,\n"
                    "c,C,b,theme,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_codebook(path)
    message = str(caught.value)
    assert "6 problems" in message
    assert "row 2, column 'parent_id': found 'ghost'" in message
    assert "row 3, column 'code_id': found 'a', expected an identifier used once" in message
    assert "row 3, column 'kind': found 'mood'" in message
    assert "row 3, column 'colour': found 'red'" in message
    assert "row 4, column 'label': empty cell" in message
    assert "b > c > b" in message or "c > b > c" in message


def test_error_if_columns_missing(tmp_path: Path) -> None:
    path = tmp_path / "codebook.csv"
    path.write_text("id_code;nom\nx;X\n", encoding="utf-8")
    with pytest.raises(InputError, match="columns code_id"):
        read_codebook(path)


def test_error_if_yaml_unreadable_or_suffix_unknown(tmp_path: Path) -> None:
    bad = tmp_path / "codebook.yaml"
    bad.write_text("codes: [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="unreadable YAML"):
        read_codebook(bad)
    with pytest.raises(InputError, match=r"\.yaml, \.xlsx, \.csv or REFI-QDA \.qdc"):
        read_codebook(tmp_path / "codebook.json")


def test_code_paths_refuses_cycles_and_unknown_parents() -> None:
    cyclic = pl.DataFrame({"code_id": ["a", "b", "c"], "label": ["A", "B", "C"],
                           "parent_id": ["b", "a", None]})
    with pytest.raises(InputError, match=r"a > b > a|b > a > b"):
        code_paths(cyclic)
    orphan = pl.DataFrame({"code_id": ["a"], "label": ["A"], "parent_id": ["zz"]})
    with pytest.raises(InputError, match="found 'zz'"):
        code_paths(orphan)


def test_code_paths_custom_separator() -> None:
    book = pl.DataFrame({"code_id": ["a", "b", "c"], "label": ["A", "B", "C"],
                         "parent_id": [None, "a", "b"]})
    assert code_paths(book, sep=" / ")["path"].to_list() == ["A", "A / B", "A / B / C"]
