"""The cx command: exit codes and messages, never a traceback."""

from pathlib import Path

import pytest

from cxlib.run.cli import main


def test_init_then_validate(cx_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "acme", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Client 'acme' created in data/acme. Replace the example rows")
    assert main(["validate", "acme"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Client 'acme': 12 valid tables, 12 rows."
    assert "\nWhat this data allows the reports to show:\n" in out
    assert "not rendered" not in out


def test_validate_reports_problems_without_traceback(
        client_dir: Path, write_csv, capsys: pytest.CaptureFixture[str]) -> None:
    write_csv(client_dir, "kpis", "kpi;period;value\nchurn;01/09/2026;abc\n")
    assert main(["validate", "acme"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "1 problem in the input data (data/acme/kpis.csv):",
        "  - data/acme/kpis.csv, row 2, column 'value': found 'abc', expected a number "
        "(e.g. 12.5)",
    ]


def test_unknown_client_is_one_line(cx_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "ghost"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == ("Client 'ghost' not found: folder data/ghost does not exist. Create "
                           "it with 'cx init ghost'; 'cx list' shows the clients.")


def test_list_shows_clients(make_client, capsys: pytest.CaptureFixture[str]) -> None:
    make_client("acme", "fr")
    assert main(["list"]) == 0
    header, line = capsys.readouterr().out.strip().splitlines()
    assert header.split()[:4] == ["CLIENT", "NAME", "LANG", "WAVE"]  # the consultant's locale
    assert line.split() == ["acme", "Acme", "fr", "W1", "-"]


def test_run_without_clients_fails(cx_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--all"]) == 1
    assert "No client to run" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_output_piped_into_a_reader_that_stops_early_is_no_traceback(make_client) -> None:
    import subprocess
    import sys

    make_client("acme", "en")
    child = subprocess.Popen([sys.executable, "-m", "cxlib.run.cli", "list"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # like `cx list | head -0`: gone before the first line
    _out, err = child.communicate(timeout=120)
    assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode()
    assert child.returncode == 1


def test_validate_says_which_theme_names_of_client_yaml_found_no_theme(
        demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from cxlib.run.runner import run_client

    client = tmp_path / "data" / "demo-fr"
    shutil.copytree(demo_home / "data" / "demo-fr", client)
    monkeypatch.setenv("CX_HOME", str(tmp_path))
    yaml = client / "client.yaml"
    original = yaml.read_text(encoding="utf-8")
    yaml.write_text(original + "\nfeedback:\n  themes:\n    parkin: {name: Parking}\n",
                    encoding="utf-8")
    assert main(["validate", "demo-fr"]) == 0
    out = capsys.readouterr().out
    assert "feedback.themes.parkin" in out and "trouvé « parkin »" in out
    # a code the codebook does not hold stops a run before any notebook
    yaml.write_text(original + "\nfeedback:\n  themes:\n    appli: {code: produit}\n",
                    encoding="utf-8")
    result = run_client("demo-fr", ["00_overview"], run_id="r1")
    assert not result.ok and "feedback.themes.appli.code" in result.error
    assert not (tmp_path / "reports" / ".build" / "demo-fr" / "r1" / ".executed").exists()
