"""Property-based fuzzing of every loader and parser: only the project's own errors escape.

Each reader is given arbitrary bytes, damaged copies of valid files and random but
plausible content. Whatever it is given, it either returns a result that keeps its
promises (offsets that slice the text exactly, typed values read back as written) or
raises a :class:`~cxlib.errors.CxError` — never a ``ValueError``, ``KeyError``, a polars,
zlib or XML exception, or anything else a consultant would see as a traceback.
"""

from __future__ import annotations

import csv
import gzip
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import polars as pl
import pytest
from bad_files import xlsx_bytes, zip_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing.parametric import column, dataframes

from cxlib.coding import read_refi, read_transcript
from cxlib.errors import CxError
from cxlib.inputs.config import ClientConfig, load_config
from cxlib.inputs.readers import read_raw
from cxlib.inputs.schemas import TABLES
from cxlib.inputs.validation import check_table
from cxlib.inputs.xes import read_xes

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORKBOOK = xlsx_bytes([["response_id", "customer_id", "wave", "date", "nps"],
                       ["R1", "C1", "W1", date(2026, 9, 15), 9]])
PROJECT = zip_bytes({
    "project.qde": (
        b'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
        b'name="p"><Users><User guid="a0000000-0000-4000-8000-000000000001" name="am"/></Users>'
        b'<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Wait">'
        b'<Code guid="c0000000-0000-4000-8000-000000000002" name="Queue"/></Code></Codes>'
        b'</CodeBook><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" '
        b'name="I01" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">'
        b'<PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" startPosition="9" '
        b'endPosition="18"><Coding guid="c1000000-0000-4000-8000-000000000001" '
        b'creatingUser="a0000000-0000-4000-8000-000000000001"><CodeRef '
        b'targetGUID="c0000000-0000-4000-8000-000000000002"/></Coding></PlainTextSelection>'
        b"</TextSource></Sources></Project>"),
    "sources/50000000-0000-4000-8000-000000000001.txt": "Client : ça traîne\r\n".encode(),
})
PARQUET_BUFFER = io.BytesIO()
pl.DataFrame({"customer_id": ["C1"], "timestamp": [date(2026, 9, 15)], "stage_id": ["search"],
              "channel_id": ["web"], "value": [1.5]}).write_parquet(PARQUET_BUFFER)
PARQUET = PARQUET_BUFFER.getvalue()
XES = (b'<?xml version="1.0" encoding="UTF-8"?><log xes.version="1849-2016"><trace>'
       b'<string key="concept:name" value="c1"/><event><string key="concept:name" '
       b'value="search"/><date key="time:timestamp" value="2026-09-15T14:05:00+02:00"/>'
       b"</event></trace></log>")


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    """A file holding ``data`` in a fresh folder (hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def _read(name: str, data: bytes, reader: Callable[..., object], *args: str) -> object:
    """What ``reader`` returns for a file ``name`` holding ``data``; None if it raised a
    :class:`~cxlib.errors.CxError`, the only kind of error allowed to escape."""
    with _file(name, data) as path:
        try:
            return reader(path, *args)
        except CxError:
            return None


def _spliced(base: bytes) -> st.SearchStrategy[bytes]:
    """A valid file with a few bytes overwritten, cut short, or left as it is."""
    return st.one_of(
        st.tuples(st.integers(0, len(base) - 1), st.binary(min_size=1, max_size=24)).map(
            lambda edit: base[:edit[0]] + edit[1] + base[edit[0] + len(edit[1]):]),
        st.integers(0, len(base)).map(lambda n: base[:n]),
    )


def _members(base: bytes) -> st.SearchStrategy[bytes]:
    """A valid zip archive with one member's content replaced by arbitrary bytes."""
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return st.tuples(st.sampled_from(sorted(members)), st.binary(max_size=200)).map(
        lambda edit: zip_bytes({**members, edit[0]: edit[1]}))


# -- readers.read_raw ----------------------------------------------------------------------

_CSVISH = st.text(alphabet=st.sampled_from([*"ab;,\t|\"'\r\n 0129éÿ€#-_/.:*^$", "\x00"]),
                  max_size=200)


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), _CSVISH.map(lambda s: s.encode("utf-8")),
                      _CSVISH.map(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8")),
                      _CSVISH.map(lambda s: s.encode("utf-16"))))
def test_read_raw_csv_lets_only_input_errors_escape(data: bytes) -> None:
    raw = _read("survey.csv", data, read_raw, "en")
    if raw is None:
        return
    assert raw.frame.columns[0] == "__row__"
    assert all(dtype == pl.String for dtype in raw.frame.dtypes[1:])


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), _spliced(WORKBOOK), _members(WORKBOOK)))
def test_read_raw_xlsx_lets_only_input_errors_escape(data: bytes) -> None:
    raw = _read("survey.xlsx", data, read_raw, "fr")
    if raw is None:
        return
    assert raw.frame.columns[0] == "__row__"


@FUZZ
@given(data=st.one_of(st.binary(max_size=400).map(lambda b: b"PAR1" + b), _spliced(PARQUET)))
def test_read_raw_parquet_lets_only_input_errors_escape(data: bytes) -> None:
    _read("events.parquet", data, read_raw, "en")


# -- validation.check_table ------------------------------------------------------------------


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClientConfig, dict[str, list[str]]]:
    """The scaffolded client's configuration and the ids its references may hold."""
    from cxlib.inputs.scaffold import init_client

    home = tmp_path_factory.mktemp("fuzz-home")
    (home / "data").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CX_HOME", str(home))
        init_client("acme", language="en")
        cfg = load_config("acme")
    known = {what: cfg.ids(what) for what in ("stages", "channels", "departments", "waves")}
    known.update(personas=["P1"], touchpoints=["TP01"], interviews=["I01"],
                 codebook=["irr_wait"])
    return cfg, known


_CELLS = st.one_of(
    st.sampled_from(["", " ", "P1", "P9", "W1", "search", "web", "fax", "TP01", "I01",
                     "irr_wait", "employee", "client", "9", "10", "11", "-1", "0", "4,5",
                     "1 234,5", "1.234,5", "1,5E+03", "15/09/2026", "2026-09-15",
                     "31/02/2026", "15/09/2026 14:05", "2026-09-15T14:05:00", "oui", "non",
                     "x", "#N/A", "#DIV/0!", "NaN", "inf", "1e400", "Enchantement", "rupture",
                     "é" * 300, '"', ";", "\n"]),
    st.text(max_size=12),
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, str]:
    """A table name and CSV text: some of its columns (maybe one unknown) and random cells."""
    name = draw(st.sampled_from(sorted(TABLES)))
    declared = [c.name for c in TABLES[name].columns]
    header = draw(st.lists(st.sampled_from([*declared, "sat_delivery", "comment", "", "*",
                                                   "__row__", "^a.*$", "Persona ID"]),
                           min_size=1, max_size=len(declared) + 2, unique=True))
    rows = draw(st.lists(st.lists(_CELLS, min_size=len(header), max_size=len(header)),
                         max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return name, buffer.getvalue()


@FUZZ
@given(table=_tables(), lang=st.sampled_from(["fr", "en"]))
def test_check_table_lets_only_input_errors_escape(acme, table: tuple[str, str],
                                                   lang: str) -> None:
    cfg, known = acme
    name, text = table
    with _file(f"{name}.csv", text.encode("utf-8")) as path:
        try:
            raw = read_raw(path, lang)
        except CxError:
            return
        result = check_table(raw, TABLES[name], cfg, known, lang)
    kept, rows = result.frame["__row__"].to_list(), raw.frame["__row__"].to_list()
    assert kept == rows  # no row is ever dropped unless the consultant asks
    rows = set(rows)
    for problem in result.problems + result.warnings:
        assert problem.row is None or problem.row in rows
        assert problem.render(lang)


_XLSX_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.sampled_from(["P1", "W1", "search", "web", "#N/A", "#DIV/0!", "15/09/2026", "oui"]),
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=20),
)


@FUZZ
@given(name=st.sampled_from(sorted(TABLES)), above=st.lists(st.lists(_XLSX_CELLS, max_size=3),
                                                             max_size=3),
       rows=st.lists(st.lists(_XLSX_CELLS, min_size=1, max_size=8), max_size=5),
       data=st.data())
def test_check_table_from_workbooks_lets_only_input_errors_escape(
        acme, name: str, above: list, rows: list, data: st.DataObject) -> None:
    cfg, known = acme
    declared = [c.name for c in TABLES[name].columns]
    header = data.draw(st.lists(st.sampled_from([*declared, "Persona ID", None, "*"]),
                                min_size=1, max_size=len(declared) + 1))
    workbook = xlsx_bytes([*above, header, *rows], instructions=data.draw(st.booleans()))
    with _file(f"{name}.xlsx", workbook) as path:
        try:
            raw = read_raw(path, "fr")
        except CxError:
            return
        result = check_table(raw, TABLES[name], cfg, known, "fr")
    # every row is kept, an event log's identical rows too (counted in a warning)
    assert result.frame.height == raw.frame.height
    for problem in result.problems + result.warnings:
        assert problem.render("fr")


@pytest.mark.parametrize(("drop", "kept", "said"), [
    (False, 2, "1 événement identique à une ligne précédente dans toutes les colonnes, gardé "
               "(ligne 3)"),
    (True, 1, "1 événement en double, retiré (ligne 3)"),
])
def test_identical_event_rows_from_a_workbook_are_kept_unless_copies_are_to_drop(
        acme, drop: bool, kept: int, said: str) -> None:
    """The case fuzzing found: two identical rows of an event log read from Excel."""
    cfg, known = acme
    with _file("events.xlsx", xlsx_bytes([["customer_id"], [False], [False]])) as path:
        raw = read_raw(path, "fr")
        result = check_table(raw, TABLES["events"], cfg, known, "fr", drop_duplicates=drop)
    assert (raw.frame.height, result.frame.height) == (2, kept)
    assert said in result.warnings[0].render("fr")


@FUZZ
@given(frame=dataframes(cols=[column(name, allow_null=True) for name in
                              ("customer_id", "timestamp", "stage_id", "channel_id",
                               "touchpoint_id", "outcome", "persona_id", "value")],
                        max_size=4, allow_time_zones=True),
       drop=st.sets(st.sampled_from(["touchpoint_id", "outcome", "persona_id", "value"])))
def test_check_table_on_typed_parquet_lets_only_input_errors_escape(
        acme, frame: pl.DataFrame, drop: set[str]) -> None:
    cfg, known = acme
    buffer = io.BytesIO()
    try:
        frame.drop(sorted(drop)).write_parquet(buffer)
    except pl.exceptions.PolarsError:
        return  # a dtype Parquet cannot hold is not an input anyone can send
    with _file("events.parquet", buffer.getvalue()) as path:
        try:
            raw = read_raw(path, "en")
        except CxError:
            return
        result = check_table(raw, TABLES["events"], cfg, known, "en")
    assert result.frame.height == frame.height  # identical rows kept, never merged
    for problem in result.problems:
        assert problem.render("en")


@FUZZ
@given(values=st.lists(st.tuples(st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: round(v, 2)),
                                 st.dates(date(1990, 1, 1), date(2100, 12, 31)),
                                 st.integers(0, 10**9)), min_size=1, max_size=6),
       thousands=st.sampled_from(["", " ", "\u00a0", "\u202f", "."]),
       sep=st.sampled_from([";", ",", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_french_numbers_and_dates_read_back_as_written(acme, values: list, thousands: str,
                                                       sep: str, encoding: str) -> None:
    cfg, known = acme
    if encoding == "cp1252" and thousands == "\u202f":
        thousands = "\u00a0"  # cp1252 has no narrow no-break space

    def french(number: float, decimals: int) -> str:
        text = f"{number:,.{decimals}f}"
        return text.replace(",", "\0").replace(".", ",").replace("\0", thousands)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(["kpi", "period", "value", "base"])
    writer.writerows(["churn", day.strftime("%d/%m/%Y"), french(value, 2), french(base, 0)]
                     for value, day, base in values)
    with _file("kpis.csv", buffer.getvalue().encode(encoding)) as path:
        result = check_table(read_raw(path, "fr"), TABLES["kpis"], cfg, known, "fr")
    assert result.problems == []
    assert result.frame["value"].to_list() == pytest.approx([v for v, _, _ in values], rel=1e-12)
    assert result.frame["period"].to_list() == [day for _, day, _ in values]
    assert result.frame["base"].to_list() == [base for _, _, base in values]


# -- coding.read_transcript ------------------------------------------------------------------

_LINES = st.one_of(
    st.sampled_from(["Client : Bonjour", "Intervieweur\u202f: Et alors ?", "**Eve:** ok",
                     "INTERVIEWER: hi", "# Titre", "Date : 12/03", "  ", "", "Speaker 1: oui",
                     "\tindented", "été — \U0001f600", "Bob :", ": nothing"]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",),
                                   exclude_characters="\x00\ufeff\r\n"), max_size=40),
)


def _assert_exact_offsets(transcript: object) -> None:
    text = transcript.text
    previous = 0
    for row in transcript.segments.iter_rows(named=True):
        assert text[row["start"]:row["end"]] == row["text"]
        assert previous <= row["start"] < row["end"] <= len(text)
        previous = row["end"]


@FUZZ
@given(lines=st.lists(_LINES, max_size=12), crlf=st.booleans(), bom=st.booleans(),
       suffix=st.sampled_from([".txt", ".md"]))
def test_transcript_offsets_always_slice_the_text_exactly(lines: list[str], crlf: bool,
                                                          bom: bool, suffix: str) -> None:
    text = ("\r\n" if crlf else "\n").join(lines)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    with _file(f"I01{suffix}", data) as path:
        transcript = read_transcript(path, "fr")
    assert transcript.text == text
    _assert_exact_offsets(transcript)


_VTT = st.lists(st.one_of(
    st.sampled_from(["WEBVTT", "", "NOTE x", "00:00:01.000 --> 00:00:02.000",
                     "00:01.000 --> 00:02.500 align:start", "<v Bob>Hi &amp; bye</v>",
                     "<v.loud Alice Martin>Oui</v>", "Alice: ok", "1", "<c.yellow>x</c>",
                     "99:99:99.999 --> 00:00:02.000"]),
    st.text(max_size=20)), max_size=14).map("\n".join)


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), _VTT.map(lambda s: s.encode("utf-8")),
                      _VTT.map(lambda s: s.encode("utf-16"))),
       suffix=st.sampled_from([".vtt", ".txt", ".md"]))
def test_read_transcript_lets_only_input_errors_escape(data: bytes, suffix: str) -> None:
    transcript = _read(f"I01{suffix}", data, read_transcript, "en")
    if transcript is not None:
        _assert_exact_offsets(transcript)


DOCX = None


def _docx() -> bytes:
    global DOCX
    if DOCX is None:
        import docx

        document = docx.Document()
        document.add_paragraph("Client : Bonjour")
        document.add_paragraph("Vendeur : Oui ?")
        buffer = io.BytesIO()
        document.save(buffer)
        DOCX = buffer.getvalue()
    return DOCX


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), _spliced(_docx()), _members(_docx())))
def test_read_docx_transcript_lets_only_input_errors_escape(data: bytes) -> None:
    transcript = _read("I01.docx", data, read_transcript, "en")
    if transcript is not None:
        _assert_exact_offsets(transcript)


# -- coding.read_refi --------------------------------------------------------------------------


def _assert_codings_slice_their_sources(project: object) -> None:
    texts = dict(project.sources.select("guid", "text").iter_rows())
    for row in project.codings.iter_rows(named=True):
        assert texts[row["source_guid"]][row["start"]:row["end"]] == row["text"]


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), _spliced(PROJECT), _members(PROJECT)),
       suffix=st.sampled_from([".qdpx", ".qdc", ".qde"]))
def test_read_refi_lets_only_input_errors_escape(data: bytes, suffix: str) -> None:
    project = _read(f"p{suffix}", data, read_refi)
    if project is not None:
        _assert_codings_slice_their_sources(project)


_VALUES = st.one_of(st.sampled_from(["0", "5", "9", "18", "-1", "²", "٣", " 3 ", "", "C1",
                                      "{C1}", "S1", "internal://S1.txt", "../../etc/passwd",
                                      "file:///etc/passwd", "U1"]),
                    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=8))


@st.composite
def _selections(draw: st.DrawFn) -> str:
    codings = "".join(f"<Coding guid={quoteattr(draw(_VALUES))} creatingUser="
                      f"{quoteattr(draw(_VALUES))}><CodeRef targetGUID={quoteattr(draw(_VALUES))}/>"
                      "</Coding>" for _ in range(draw(st.integers(0, 2))))
    tag = draw(st.sampled_from(["PlainTextSelection", "PictureSelection", "PDFSelection"]))
    return (f"<{tag} guid={quoteattr(draw(_VALUES))} startPosition={quoteattr(draw(_VALUES))} "
            f"endPosition={quoteattr(draw(_VALUES))}>{codings}</{tag}>")


@st.composite
def _projects(draw: st.DrawFn) -> bytes:
    """A well-formed REFI-QDA project with random codes, sources, positions and references."""
    child = '<Code guid="C2"/>'
    codes = "".join(f"<Code guid={quoteattr(draw(_VALUES))} name={quoteattr(draw(_VALUES))}>"
                    f"{child if draw(st.booleans()) else ''}</Code>"
                    for _ in range(draw(st.integers(0, 3))))
    sources = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["TextSource", "PictureSource", "PDFSource", "AudioSource"]))
        content = (f"<PlainTextContent>{escape(draw(st.text(max_size=20)).replace(chr(0), ''))}"
                   "</PlainTextContent>" if draw(st.booleans()) else "")
        inner = content + "".join(draw(st.lists(_selections(), max_size=3)))
        if kind != "TextSource" and draw(st.booleans()):
            inner = (f"<Representation plainTextPath={quoteattr(draw(_VALUES))}>{inner}"
                     "</Representation>")
        sources.append(f"<{kind} guid={quoteattr(draw(_VALUES))} name={quoteattr(draw(_VALUES))}"
                       f" plainTextPath={quoteattr(draw(_VALUES))}>{inner}</{kind}>")
    users = "".join(f"<User guid={quoteattr(draw(_VALUES))} id={quoteattr(draw(_VALUES))}/>"
                    for _ in range(draw(st.integers(0, 2))))
    xml = (f'<Project xmlns="urn:QDA-XML:project:1.0"><Users>{users}</Users><CodeBook><Codes>'
           f"{codes}</Codes></CodeBook><Sources>{''.join(sources)}</Sources></Project>")
    return xml.encode()


@FUZZ
@given(qde=_projects(), text=st.binary(max_size=40))
def test_read_refi_random_projects_let_only_input_errors_escape(qde: bytes,
                                                                text: bytes) -> None:
    data = zip_bytes({"project.qde": qde, "Sources/S1.txt": text})
    project = _read("p.qdpx", data, read_refi)
    if project is not None:
        _assert_codings_slice_their_sources(project)


# -- xes.read_xes ----------------------------------------------------------------------------

_XES_ATTRIBUTE = st.tuples(
    st.sampled_from(["string", "date", "int", "float", "boolean", "id", "list", "container"]),
    st.sampled_from(["concept:name", "time:timestamp", "activity", "case_id", "timestamp",
                     "org:resource", "", "lifecycle:transition"]),
    st.one_of(st.sampled_from(["2026-09-15T14:05:00Z", "2026-09-15T14:05:00.123+02:00",
                               "nope", "", "1", "true"]), st.text(max_size=10)),
).map(lambda a: f"<{a[0]} key={quoteattr(a[1])} value={quoteattr(a[2].replace(chr(0), ''))}/>")


@st.composite
def _logs(draw: st.DrawFn) -> bytes:
    """A well-formed XES log with random traces, events and attributes."""
    traces = []
    for _ in range(draw(st.integers(0, 3))):
        events = "".join("<event>" + "".join(draw(st.lists(_XES_ATTRIBUTE, max_size=4)))
                         + "</event>" for _ in range(draw(st.integers(0, 3))))
        traces.append("<trace>" + "".join(draw(st.lists(_XES_ATTRIBUTE, max_size=2))) + events
                      + "</trace>")
    return ('<log xmlns="http://www.xes-standard.org/">' + "".join(traces) + "</log>").encode()


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), _spliced(XES), _logs(), _logs().map(gzip.compress),
                      _spliced(gzip.compress(XES, mtime=0))))
def test_read_xes_lets_only_input_errors_escape(data: bytes) -> None:
    frame = _read("log.xes", data, read_xes)
    if frame is None:
        return
    assert frame.columns[:3] == ["case_id", "activity", "timestamp"]
