"""The append-only codings journal and the coding session it backs."""

import json
from pathlib import Path

import polars as pl
import pytest

from cxlib.coding import from_text
from cxlib.inputs.coding_journal import CodingStore
from cxlib.lab.coding_widget import CodingSession, keyword_rules, suggest

TEXT = ("Intervieweur : Comment s'est passée la livraison ?\n"
        "Claire : Le livreur est arrivé en retard, trois heures d'attente.\n"
        "Intervieweur : Et le montage ?\n"
        "Claire : La notice était claire, merci.\n")
CODEBOOK = pl.DataFrame({"code_id": ["th_delais", "va_irritant", "th_autonomie"],
                         "label": ["Délais et attente", "Irritant", "Autonomie"],
                         "keywords": [None, "retard;râler", "notice;tutoriel"]})


@pytest.fixture
def session(tmp_path: Path) -> CodingSession:
    return CodingSession({"I01": from_text(TEXT)}, CODEBOOK, CodingStore(tmp_path, "am"))


def test_every_action_is_on_disk_before_it_is_reported(session: CodingSession) -> None:
    session.move(1)
    assert session.command("a th_delais") == "applied th_delais"
    lines = session.store.path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-1])
    assert (record["op"], record["code_id"], record["coder"]) == ("add", "th_delais", "am")
    seg = session.segment
    assert (record["start"], record["end"]) == (seg["start"], seg["end"])
    assert TEXT[record["start"]:record["end"]].startswith("Le livreur")


def test_undo_remove_and_replay(session: CodingSession, tmp_path: Path) -> None:
    session.move(1)
    session.command("a th_delais")
    session.command("a va_irritant")
    session.command("u")
    assert session.codes_here() == ["th_delais"]
    session.command("r th_delais")
    assert session.codes_here() == []
    session.command("u")
    again = CodingStore(tmp_path, "am")  # a new kernel reading the same journal
    assert again.codings()["code_id"].to_list() == ["th_delais"]


def test_two_coders_never_share_a_file(tmp_path: Path) -> None:
    first, second = CodingStore(tmp_path, "am"), CodingStore(tmp_path, "jb")
    first.add("I01", "th_delais", 0, 10)
    second.add("I01", "va_irritant", 0, 10)
    assert first.path != second.path
    both = CodingStore.all_codings(tmp_path)
    assert sorted(both["coder"].to_list()) == ["am", "jb"]


def test_half_written_line_from_a_crash_is_skipped(tmp_path: Path) -> None:
    store = CodingStore(tmp_path, "am")
    store.add("I01", "th_delais", 0, 10)
    with store.path.open("ab") as handle:
        handle.write(b'{"seq": 2, "op": "add", "interview_id": "I0')  # the kernel died here
    assert store.codings().height == 1
    store.add("I01", "va_irritant", 0, 10)
    assert sorted(store.codings()["code_id"].to_list()) == ["th_delais", "va_irritant"]


def test_suggestions_never_become_codings_silently(session: CodingSession) -> None:
    session.move(1)
    assert session.suggestions() == ["th_delais", "va_irritant"]  # attente; retard
    assert session.codes_here() == []
    session.command("y va_irritant")
    session.command("x th_delais")
    assert session.codes_here() == ["va_irritant"]
    assert session.suggestions() == []
    suggested = [json.loads(x) for x in session.store.path.read_text().splitlines()]
    assert suggested[0]["suggested"] is True


def test_search_plain_and_regex(session: CodingSession) -> None:
    assert session.command("/NOTICE") == "1 turn(s) found"
    assert session.segment["text"].startswith("La notice")
    assert len(session.search(r"re:^(Comment|Et le)")) == 2


def test_keyword_rules_fall_back_to_label_words() -> None:
    rules = keyword_rules(CODEBOOK)
    assert rules["th_delais"] == ["delais", "attente"]
    assert suggest("Aucun tutoriel !", rules) == ["th_autonomie"]


@pytest.mark.parametrize(("command", "message"), [
    ("a nope", "unknown code 'nope'"),
    ("zz", "commands: a CODE, r CODE, y CODE, x CODE, u, n, p, /TEXT, /re:PATTERN"),
    ("u", "nothing to undo"),
])
def test_command_messages(session: CodingSession, command: str, message: str) -> None:
    assert session.command(command) == message


def test_error_if_coder_identity_unusable(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"coder '\.\./x': use letters, digits, _ or -"):
        CodingStore(tmp_path, "../x")
