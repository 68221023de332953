"""What a rendered report must never carry: local paths, the user's name, run internals,
another client's data, or markup smuggled in through the client's own text.

The demo clients are rendered once per session (``demo_runs`` in ``tests/conftest.py``);
the hostile client — a scaffolded client whose names, labels and quotes hold HTML and
script — is rendered once for this module.
"""

from __future__ import annotations

import csv
import getpass
import html
import io
import json
import re
from pathlib import Path

import nbformat
import pytest

from cxlib import paths

pytestmark = pytest.mark.slow

DEMOS = ("demo-fr", "demo-en")
_LIBRARY_SCRIPT = re.compile(r"<script(?![^>]*cx-spec)[^>]*>.*?</script>", re.DOTALL)
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)


def _files(result: object) -> list[Path]:
    """Every file of a published run, the hidden executed notebooks included."""
    return sorted(p for p in result.index.parent.rglob("*") if p.is_file())


def _text(path: Path) -> str:
    """A file without the vega libraries and styles the template inlines (no client data)."""
    text = path.read_text(encoding="utf-8", errors="ignore")
    return _STYLE.sub("", _LIBRARY_SCRIPT.sub("", text)) if path.suffix == ".html" else text


@pytest.mark.parametrize("slug", DEMOS)
def test_reports_carry_no_local_path_nor_user_name(demo_runs: dict, demo_home: Path,
                                                   slug: str) -> None:
    home = str(Path.home())
    user = getpass.getuser()
    local = {str(demo_home), str(demo_home.resolve()), str(paths.notebooks_dir().parent),
             f"{home}/", f"/home/{user}", f"/Users/{user}", f"\\Users\\{user}"}
    word = re.compile(rf"(?<![\w-]){re.escape(user)}(?![\w-])")
    for report in demo_runs[slug].reports:
        text = _text(report)
        assert not [p for p in local if p in text], report.name
        assert not word.search(text), f"{report.name} names the user {user!r}"


@pytest.mark.parametrize("slug", DEMOS)
def test_runs_pass_only_client_run_and_language_to_notebooks(demo_runs: dict,
                                                              slug: str) -> None:
    executed = sorted(demo_runs[slug].work.glob("*.ipynb"))  # outside the published run
    assert executed
    for path in executed:
        parameters = nbformat.read(path, as_version=4).metadata.papermill.parameters
        assert parameters == {"client": slug, "run_id": "test",
                              "language": slug.removeprefix("demo-")}
    for report in demo_runs[slug].reports:
        text = _text(report)
        for internal in ("injected-parameters", "# Parameters", "CX_INPUTS_CACHE",
                         "inputs.pickle", ".build", "papermill"):
            assert internal not in text, f"{report.name} shows {internal!r}"


def _markers(home: Path, slug: str) -> set[str]:
    """Texts that identify a client: its name, personas, touchpoints, respondents, codes."""
    from cxlib.inputs.loaders import load_inputs

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        inputs = load_inputs(slug)
    found = {inputs.config.client}
    for table, column in (("personas", "name"), ("touchpoints", "name"),
                          ("interviews", "respondent"), ("codebook", "label")):
        found |= {v for v in inputs[table][column].to_list() if v}
    return found


def _corpus(home: Path, slug: str) -> str:
    """Every text of a client's inputs, to keep only the markers the other lacks."""
    folder = home / "data" / slug
    parts = [p.read_text(encoding="utf-8", errors="ignore") for p in folder.rglob("*")
             if p.is_file() and p.suffix in (".yaml", ".txt", ".md", ".vtt", ".csv")]
    from cxlib.inputs.loaders import load_inputs

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        inputs = load_inputs(slug)
    for frame in inputs.values():
        parts += [str(v) for col in frame.columns for v in frame[col].unique().to_list()]
    return "\n".join(parts)


def test_a_client_reports_carry_nothing_of_the_other_client(demo_runs: dict,
                                                             demo_home: Path) -> None:
    for slug, other in (DEMOS, DEMOS[::-1]):
        corpus = _corpus(demo_home, other)
        markers = {m for m in _markers(demo_home, slug) if len(m) >= 6 and m not in corpus}
        assert len(markers) >= 10, markers
        for path in _files(demo_runs[other]):
            text = _text(path)
            leaked = sorted(m for m in markers if m in text)
            assert not leaked, f"{other}/{path.name} carries {slug}'s {leaked[:3]}"


# -- markup in the client's own text ----------------------------------------------------------

PAYLOADS = {
    "client": 'Acme <script>alert("client")</script>',
    "persona": '<script>alert("persona")</script>Claire',
    "touchpoint": '<img src=x onerror=alert("touchpoint")>Product page',
    "code": '<a href="javascript:alert(1)">Waiting</a> time',
    "quote": 'le colis <script>alert("quote")</script> <img src=x onerror=alert(2)> arrive',
}


def _csv(folder: Path, table: str, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    (folder / f"{table}.xlsx").unlink()
    (folder / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    config = folder / "client.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"{table}: {table}.xlsx", f"{table}: {table}.csv"), encoding="utf-8")


def _hostile_client(folder: Path) -> None:
    """Put a payload in the client name, a persona, a touchpoint, a code and a quote."""
    from cxlib.inputs.loaders import load

    config = folder / "client.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'^client: ".*?"', lambda _m: "client: "
                             + json.dumps(PAYLOADS["client"]), text, count=1, flags=re.M),
                      encoding="utf-8")
    for table, column, key in (("personas", "name", "persona"),
                               ("touchpoints", "name", "touchpoint"),
                               ("codebook", "label", "code")):
        rows = load(folder.name, table).drop("__row__").to_dicts()
        rows[0][column] = PAYLOADS[key]
        if table == "codebook":  # a quote illustrates an irritant of a stage
            rows += [{**rows[0], "code_id": "st_delivery", "label": "Delivery", "kind": "stage"},
                     {**rows[0], "code_id": "va_irritant", "label": "Irritant",
                      "kind": "valence"}]
        _csv(folder, table, rows)
    transcript = ("Intervieweur : Comment s'est passée la livraison ?\n"
                  f"Camille : {PAYLOADS['quote']}\n")
    (folder / "transcripts" / "I01.txt").write_text(transcript, encoding="utf-8")
    start = transcript.index(PAYLOADS["quote"])
    _csv(folder, "codings", [{"interview_id": "I01", "coder": "am", "code_id": code,
                              "start": start, "end": start + len(PAYLOADS["quote"])}
                             for code in ("irr_wait", "st_delivery", "va_irritant")])


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> object:
    """A scaffolded client full of markup, rendered once with every notebook."""
    from cxlib.inputs.scaffold import init_client
    from cxlib.run.runner import run_client

    home = tmp_path_factory.mktemp("hostile-home")
    (home / "data").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        _hostile_client(init_client("hostile", language="en"))
        return run_client("hostile", run_id="test")


def test_markup_in_client_text_is_shown_as_text(hostile_run: object) -> None:
    assert hostile_run.ok, hostile_run.error
    pages = {p.name: p.read_text(encoding="utf-8") for p in hostile_run.reports}
    shown = {key: [] for key in PAYLOADS}
    for name, page in pages.items():
        assert "<script>alert(" not in page, name
        assert not re.search(r"<img[^>]*onerror", page, re.I), name
        assert not re.search(r"<[a-z][^<>]*\shref\s*=\s*[\"']?\s*javascript:", page, re.I), \
            name
        visible = html.unescape(_LIBRARY_SCRIPT.sub("", page))
        for key, payload in PAYLOADS.items():
            in_chart = json.dumps(payload).replace("<", "\\u003c")[1:-1]  # drawn by vega
            if payload in visible or in_chart in visible:
                shown[key].append(name)
    assert all(shown.values()), shown
