"""A workbench error raised in a notebook cell reads as its message, with no traceback."""

import pytest
from IPython.core.interactiveshell import InteractiveShell

from cxlib.lab.ipython import register


@pytest.fixture
def shell() -> InteractiveShell:
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_a_cx_error_shows_its_message_and_no_traceback(
        shell: InteractiveShell, capsys: pytest.CaptureFixture[str]) -> None:
    assert register(shell)
    result = shell.run_cell("from cxlib.errors import CxError\n"
                            "raise CxError('client.yaml, row 3: expected a date')")
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "client.yaml, row 3: expected a date" in output
    assert "Traceback" not in output and "raise CxError" not in output
    assert result.error_in_exec is not None  # the cell still failed


def test_any_other_error_keeps_its_traceback(
        shell: InteractiveShell, capsys: pytest.CaptureFixture[str]) -> None:
    register(shell)
    shell.run_cell("1 / 0")
    captured = capsys.readouterr()
    assert "ZeroDivisionError" in captured.out + captured.err
    assert "Traceback" in captured.out + captured.err


def test_registering_twice_is_harmless(shell: InteractiveShell) -> None:
    assert register(shell) and register(shell)
    assert shell.CustomTB is not None

