"""Report export: no code, no outside reference, branded frame, contents, atomic writes."""

import re
from pathlib import Path

import nbformat
import pytest

from cxlib.errors import RunError
from cxlib.presentation import report

META = {"client": "Maison <Test>", "slug": "acme", "wave": "W2", "wave_label": "Vague 2",
        "language": "fr", "date": "2026-11-26", "run_id": "r1", "primary": "#1f4e79",
        "secondary": "#f2a900", "logo": None, "title": "Périmètre et données"}
CHART = ('<div class="cx-chart" role="img" aria-label="x"><script type="application/json" '
         'class="cx-spec">{"mark":"bar","data":{"values":[{"a":1}]},'
         '"encoding":{"y":{"field":"a","type":"quantitative"}}}</script></div>')


def _out(html: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": html,
                                                        "text/plain": "<HTML>"})


def _executed(tmp_path: Path, chart: bool = True) -> Path:
    nb = nbformat.v4.new_notebook()
    removed = nbformat.v4.new_markdown_cell("# Guide for the consultant only")
    removed.metadata["tags"] = ["remove-cell"]
    code = nbformat.v4.new_code_cell("secret_source_code = 1")
    code.outputs = [
        _out('<h1 id="perimetre">Périmètre</h1>'),
        _out('<h2 id="scope">Périmètre &amp; données</h2>'),
        _out('<h3 id="stages">Étapes</h3>'),
        _out("<p>Texte du rapport</p>"),
        nbformat.v4.new_output("stream", name="stderr", text="DeprecationWarning: noise"),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2,
                                                          "version_minor": 0},
            "text/plain": "IntSlider(value=3)"}),
        nbformat.v4.new_output("error", ename="ValueError", evalue="hidden",
                               traceback=["Traceback hidden"]),
        *([_out(CHART)] if chart else []),
        _out('<h2 id="findings">Constats</h2>'),
    ]
    nb.cells = [removed, code]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"abc": {"text": "hidden widget text"}}}}
    path = tmp_path / "00_overview.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def page(cx_home: Path, tmp_path: Path) -> str:
    out = report.export_html(_executed(tmp_path), tmp_path / "out" / "00_overview.html", META)
    return out.read_text(encoding="utf-8")


def test_no_code_noise_or_widget_state(page: str) -> None:
    for absent in ("secret_source_code", "Guide for the consultant", "DeprecationWarning",
                   "Traceback hidden", "hidden widget text", "IntSlider", "In&nbsp;["):
        assert absent not in page, absent
    assert "<p>Texte du rapport</p>" in page


def test_nothing_loaded_from_outside(page: str) -> None:
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', page)
    for name in ("require.js", "mathjax", "mermaid", "@jupyter-widgets", "cdn.jsdelivr"):
        assert name not in page.lower(), name
    assert page.count("vegaEmbed(target") == 1
    assert page.count("<script>") == 2  # the bundle once, then the drawing loop


def test_bundle_left_out_of_pages_without_charts(cx_home: Path, tmp_path: Path) -> None:
    out = report.export_html(_executed(tmp_path, chart=False), tmp_path / "p.html", META)
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text
    assert out.stat().st_size < 30_000


def test_branded_header_in_client_language(page: str) -> None:
    assert '<html lang="fr">' in page
    assert "--cx-primary: #1f4e79; --cx-secondary: #f2a900;" in page
    assert "Maison &lt;Test&gt;" in page and "Maison <Test>" not in page
    assert "Vague 2" in page and "Édition du 26 novembre 2026" in page
    assert "<title>Périmètre et données — Maison &lt;Test&gt;</title>" in page


def test_contents_nest_h3_under_h2(page: str) -> None:
    toc = page.split("<nav ", 1)[1].split("</nav>", 1)[0]
    assert 'class="cx-toc"' in toc
    assert "Sommaire" in toc
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert links == [("scope", "Périmètre &amp; données"), ("stages", "Étapes"),
                     ("findings", "Constats")]
    assert toc.index("<ul>") > toc.index("#scope")


def test_logo_embedded_as_data_uri(cx_home: Path, tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    out = report.export_html(_executed(tmp_path), tmp_path / "p.html",
                             {**META, "logo": str(logo)})
    assert 'src="data:image/svg+xml;base64,' in out.read_text(encoding="utf-8")


def test_written_atomically_with_usual_mode(cx_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "p.html"
    target.parent.mkdir()
    target.write_text("previous", encoding="utf-8")
    report.export_html(_executed(tmp_path), target, META)
    assert [p.name for p in target.parent.iterdir()] == ["p.html"]
    assert target.stat().st_mode & 0o644 == 0o644


def test_unfinished_notebook_never_exported(cx_home: Path, tmp_path: Path) -> None:
    path = _executed(tmp_path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"exception": True}
    nbformat.write(nb, path)
    target = tmp_path / "p.html"
    with pytest.raises(RunError, match=r"^Le notebook 00_overview n'est pas allé au bout de "
                                       r"son exécution : il n'est pas publié\. Notebook "
                                       r"conservé : .*00_overview\.ipynb$"):
        report.export_html(path, target, META)
    assert not target.exists()


def test_index_lists_reports_with_status_and_escaped_summary(cx_home: Path,
                                                             tmp_path: Path) -> None:
    entries = [{"title": "Périmètre et données", "file": "00_overview.html", "status": "ok",
                "summary": "5 points <de> contact"},
               {"title": "Personas", "file": "01_personas.html", "status": "failed",
                "summary": ""}]
    index = report.write_index(tmp_path, entries, META)
    text = index.read_text(encoding="utf-8")
    assert '<a href="00_overview.html">Périmètre et données</a>' in text
    assert "01_personas.html" not in text  # a failed report is not linked
    assert "5 points &lt;de&gt; contact" in text
    assert "Produit" in text and "Échec" in text
    assert "2 rapports de l&#39;édition r1" in text
    assert "<script" not in text
