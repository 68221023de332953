"""Personal data planted in a demo client's inputs never reaches a published file.

Copies of both demo clients get personal data planted inside every long enough coded
passage of their transcripts (written over the passage, same length, so the codings'
offsets still hold) and at the end of every survey verbatim; ``client.yaml`` declares the
client's customer numbers. After a run with the workbook, the deck and the chart files,
no planted item appears in any file of the published run (workbooks and decks unzipped),
while quotes, placeholders and stage labels still show.
"""

from __future__ import annotations

import csv
import html
import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

#: Planted text per language, and what of it must never be published.
PLANTED = {
    "fr": [("Mme Bernadette Lefort", "Lefort"), ("ma carte 4970 1012 3456 7890", "4970 1012"),
           ("écrire à kevin.durand@exemple.fr", "kevin.durand"),
           ("rappel au 06 71 84 29 35", "84 29 35"),
           ("sécu 1 85 03 75 116 001 42", "116 001 42"), ("client C204518", "C204518"),
           ("j'ai eu Kevin au SAV", "Kevin")],
    "en": [("Mr Jonathan Pryce", "Pryce"), ("card 4970 1012 3456 7890", "4970 1012"),
           ("mail emma.w@example.co.uk", "emma.w@"), ("call 07700 900456", "900456"),
           ("NI number AB 12 34 56 C", "AB 12 34 56"), ("customer C204518", "C204518"),
           ("sort code 20-45-77 account 31926819", "31926819"), ("ask for Kevin", "Kevin")],
}
PLACEHOLDERS = {"fr": ("[nom]", "[carte]", "[email]", "[téléphone]"),
                "en": ("[name]", "[card]", "[email]", "[phone]")}


def _plant_transcripts(client: Path, lang: str) -> int:
    encoding = "utf-8-sig"
    codings = next(client.glob("cod*.csv"))
    sep = ";" if lang == "fr" else ","
    rows = list(csv.DictReader(io.StringIO(codings.read_text(encoding=encoding)),
                               delimiter=sep))
    texts = {p.stem: p.read_text(encoding=encoding) for p in (client / "transcripts").glob("*")}
    planted, used = 0, []
    for row in rows:
        text, start, end = texts.get(row["interview_id"]), int(row["start"]), int(row["end"])
        if text is None or any(i == row["interview_id"] and s < end and start < e
                               for i, s, e in used):
            continue  # one item per passage: two would overwrite each other
        used.append((row["interview_id"], start, end))
        item = PLANTED[lang][planted % len(PLANTED[lang])][0]
        at = start + 1
        if end - at < len(item) + 2 or "\n" in text[at:at + len(item) + 2]:
            continue
        texts[row["interview_id"]] = text[:at] + " " + item + " " + text[at + len(item) + 2:]
        planted += 1
    for stem, text in texts.items():
        path = next((client / "transcripts").glob(f"{stem}.*"))
        path.write_text(text, encoding="utf-8", newline="")
    return planted


def _plant_survey(client: Path, lang: str) -> int:
    path = client / ("export_enquete_satisfaction.csv" if lang == "fr" else "survey.csv")
    encoding, sep = ("cp1252", ";") if lang == "fr" else ("utf-8", ",")
    rows = [r for r in csv.reader(io.StringIO(path.read_bytes().decode(encoding)),
                                  delimiter=sep)]
    column, planted = rows[0].index("verbatim"), 0
    for row in rows[1:]:
        if row[column]:
            row[column] += f" {PLANTED[lang][planted % len(PLANTED[lang])][0]}."
            planted += 1
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
    return planted


def _published(run: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(p for p in run.rglob("*") if p.is_file()):
        name = path.relative_to(run).as_posix()
        if path.suffix in {".xlsx", ".pptx"}:
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    texts[f"{name}:{member}"] = html.unescape(
                        archive.read(member).decode("utf-8", errors="replace"))
        elif path.suffix in {".html", ".svg", ".json", ".csv", ".txt"}:
            texts[name] = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["demo-fr", "demo-en"])
def test_planted_personal_data_never_reaches_a_published_file(
        demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slug: str) -> None:
    from cxlib.inputs.config import load_config
    from cxlib.run.runner import run_client

    lang = slug.removeprefix("demo-")
    client = tmp_path / "data" / slug
    shutil.copytree(demo_home / "data" / slug, client)
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    config = yaml.safe_load((client / "client.yaml").read_text(encoding="utf-8"))
    config["privacy"] = {"patterns": {"customer_number": r"C2\d{5}"}}
    (client / "client.yaml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                        encoding="utf-8")
    assert _plant_transcripts(client, lang) > 20
    assert _plant_survey(client, lang) > 100

    result = run_client(slug, run_id="planted", exports=["svg", "xlsx", "pptx"])
    assert result.ok, result.error
    files = _published(result.index.parent)
    leaks = [(name, secret) for name, text in files.items()
             for _item, secret in PLANTED[lang] if secret in text]
    assert leaks == [], [(n, files[n][max(0, files[n].find(x) - 150):files[n].find(x) + 60])
                         for n, x in leaks]
    everything = "\n".join(files.values())
    stages = [s.label for s in load_config(slug).stages]
    assert all(label in everything for label in stages)  # stage labels still show
    assert "«" in everything or "“" in everything  # quotes still show
    shown = [p for p in PLACEHOLDERS[lang] if p in everything]
    assert len(shown) >= 2, shown  # planted passages were quoted, redacted
    line = {"fr": "Données personnelles masquées dans les citations : ",
            "en": "Personal data redacted in quotes: "}[lang]
    assert line in files["00_overview.html"]  # the data inventory's line
    log = (result.work / "redaction-log.json").read_text(encoding="utf-8")
    assert '"card"' in log and '"transcripts"' in log and '"survey"' in log
