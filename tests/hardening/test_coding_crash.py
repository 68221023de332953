"""A coding session killed mid-stream loses nothing it acknowledged.

The session runs in its own process, as a JupyterLab kernel does, applying codes turn
after turn and printing each acknowledgement the coder would see. The test reads some of
them, kills the process with SIGKILL wherever it is — maybe halfway through a line —
then reopens the journal as a new kernel would.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from cxlib.inputs.coding_journal import CodingStore

SESSION = """import json, sys
from pathlib import Path

import polars as pl

from cxlib.coding import from_text
from cxlib.inputs.coding_journal import CodingStore
from cxlib.lab.coding_widget import CodingSession

turns = "".join(f"Claire : la livraison {i} est arrivée en retard.\\n" for i in range(400))
codebook = pl.DataFrame({"code_id": ["th_delais", "va_irritant", "th_livraison"],
                         "label": ["Délais", "Irritant", "Livraison"]})
session = CodingSession({"I01": from_text(turns)}, codebook, CodingStore(Path(sys.argv[1]), "am"))
while True:
    for code in codebook["code_id"]:
        if session.command(f"a {code}") == f"applied {code}":
            seg = session.segment
            print(json.dumps([code, seg["start"], seg["end"]]), flush=True)
    session.move(1)
"""
ACKNOWLEDGED = 60


def test_killed_coding_session_keeps_every_acknowledged_coding(tmp_path: Path, faults) -> None:
    process = subprocess.Popen([sys.executable, "-c", SESSION, str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    try:
        acks = [json.loads(process.stdout.readline()) for _ in range(ACKNOWLEDGED)]
    finally:
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate()
    faults.injected()
    acks += [json.loads(line) for line in rest.splitlines() if line.endswith("]")]
    reopened = CodingStore(tmp_path, "am")
    found = {(r["code_id"], r["start"], r["end"]) for r in reopened.codings().to_dicts()}
    lost = [ack for ack in acks if tuple(ack) not in found]
    faults.lost({tuple(ack): True for ack in acks}, {key: True for key in found})
    assert process.returncode == -signal.SIGKILL
    assert len(acks) >= ACKNOWLEDGED
    assert lost == []
    reopened.add("I01", "th_delais", 0, 5)  # the journal takes new actions after the crash
    assert CodingStore(tmp_path, "am").codings().height == len(found) + 1
