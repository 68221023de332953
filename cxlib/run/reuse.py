"""Re-runs that redo only what changed: a report is reused when nothing it reads changed.

A report notebook declares in its metadata the tables it reads::

    "metadata": {"cx": {"reads": ["survey", "touchpoints"], "dated": false}}

(``inventory`` in ``reads`` stands for the data inventory's figures of every table;
``dated`` says the report speaks of today, "ended 36 days ago"). A notebook without the
declaration is never reused.

Its *key* is a hash of: the notebook file; the run's parameters but the run id; the
workbench (the bytes of the ``cxlib`` package and of the report templates); the client's
``client.yaml``; the content of each table it reads (its validated rows; with the
interviews or codings, the transcripts folder's files); the inventory figures when it
reads ``inventory``; and today's date when it is ``dated``.

After a notebook runs, what it wrote into the run's build folder — the executed notebook,
its summary line, its attachments, its tables and charts for the exports — is stored
under ``reports/.cache/<client>/reuse/<notebook>/`` with its key. A later run with the
same key restores those files, the old run id replaced by the new one, instead of
executing the notebook; the HTML is then exported as usual, so a reused report is
byte-identical to a fresh one apart from the edition date and the run id.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import nbformat

from cxlib import paths
from cxlib.inputs.config import ClientConfig

__all__ = [
    "INVENTORY",
    "Declaration",
    "ReuseCache",
    "Snapshot",
    "declared",
    "reuse_key",
    "table_fingerprints",
    "to_execute",
]

#: The token of ``reads`` that stands for the inventory figures of every table.
INVENTORY = "inventory"
#: The build folder's file of records for the exports, shared by every notebook of a run.
_RECORDS = "exports.jsonl"
_MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Declaration:
    """What a notebook says it depends on (see the module's docstring)."""

    reads: tuple[str, ...]
    dated: bool = False


def declared(notebook: Path) -> Declaration | None:
    """Return the notebook's ``cx`` metadata, or None when it declares nothing.

    Parameters
    ----------
    notebook : Path
        A report notebook.

    Returns
    -------
    Declaration or None
        The tables it reads and whether it speaks of today.
    """
    meta = nbformat.read(notebook, as_version=4).metadata.get("cx", {})
    if "reads" not in meta:
        return None
    return Declaration(tuple(meta["reads"]), bool(meta.get("dated", False)))


def _digest(path: Path, into: hashlib._Hash) -> None:
    """Feed a file's bytes, or a folder's files with their relative names, to a hash."""
    if path.is_dir():
        for item in sorted(p for p in path.rglob("*") if p.is_file()):
            into.update(str(item.relative_to(path)).encode("utf-8") + b"\0")
            _digest(item, into)
    elif path.is_file():
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                into.update(block)
    else:
        into.update(b"<absent>")


@functools.cache
def workbench_fingerprint() -> str:
    """Return a hash of the workbench's code, catalogs and report templates.

    Computed once per process: the code a run executes does not change during the run.
    """
    import cxlib

    digest = hashlib.sha256()
    package = Path(cxlib.__file__).parent
    for item in sorted(package.rglob("*")):
        if item.is_file() and item.suffix in {".py", ".yaml", ".json", ".j2", ".css", ".js"}:
            digest.update(str(item.relative_to(package)).encode("utf-8") + b"\0")
            _digest(item, digest)
    _digest(paths.templates_dir() / "report", digest)
    return digest.hexdigest()


def table_fingerprints(report: object) -> dict[str, str]:
    """Return a hash of each validated input table, and of the data inventory.

    The validated frames, not the files, are hashed: a mapping, a value workbook or a
    file renamed in ``client.yaml`` change them too.

    Parameters
    ----------
    report : ValidationReport
        The run's validation (:func:`cxlib.inputs.loaders.validate_client`).

    Returns
    -------
    dict of str to str
        By table name (absent tables are left out), plus :data:`INVENTORY`.
    """
    import polars as pl

    from cxlib.analysis.overview import data_inventory

    out = {}
    for name, result in report.results.items():  # type: ignore[attr-defined]
        frame = result.frame
        rows = int(frame.hash_rows(seed=7).sum()) if frame.height else 0
        out[name] = f"{pl.__version__}:{frame.height}:{frame.schema}:{rows}"
    inventory = data_inventory(report).drop("file", strict=False)  # type: ignore[arg-type]
    out[INVENTORY] = inventory.write_csv()
    return out


def reuse_key(cfg: ClientConfig, notebook: Path, parameters: dict[str, object],
              declaration: Declaration, *, tables: dict[str, str],
              today: date | None = None) -> str:
    """Return the key of a notebook's result: what must not change for it to be reused.

    Parameters
    ----------
    cfg : ClientConfig
        The client (its ``client.yaml`` is part of every key).
    notebook : Path
        The notebook file.
    parameters : dict
        The run's parameters; ``run_id`` is left out.
    declaration : Declaration
        What the notebook reads.
    tables : dict of str to str
        The fingerprints of :func:`table_fingerprints`.
    today : date, optional
        Today, for a ``dated`` notebook.

    Returns
    -------
    str
        A SHA-256 hex digest.
    """
    digest = hashlib.sha256()
    digest.update(workbench_fingerprint().encode("ascii"))
    _digest(notebook, digest)
    _digest(cfg.path / "client.yaml", digest)
    kept = {k: v for k, v in sorted(parameters.items()) if k != "run_id"}
    digest.update(json.dumps(kept, sort_keys=True, default=str).encode("utf-8"))
    for table in sorted(declaration.reads):
        digest.update(f"\0{table}\0{tables.get(table, '<absent>')}".encode())
        if table in ("interviews", "codings"):
            _digest(cfg.path / "transcripts", digest)
    if declaration.dated:
        digest.update((today or date.today()).isoformat().encode("ascii"))
    return digest.hexdigest()


def to_execute(cfg: ClientConfig, notebooks: Sequence[str], parameters: dict[str, object],
               tables: dict[str, str] | None) -> list[str]:
    """Return the notebooks a run will execute: those without a stored result to reuse.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    notebooks : sequence of str
        Shipped notebooks' names.
    parameters : dict
        The run's parameters.
    tables : dict of str to str or None
        The fingerprints of :func:`table_fingerprints`; None when nothing is reused
        (``--fresh``).

    Returns
    -------
    list of str
        In the order given.
    """
    cache = ReuseCache(cfg.slug)
    out = []
    for name in notebooks:
        source = paths.notebooks_dir() / f"{name}.ipynb"
        declaration = declared(source) if tables is not None else None
        if declaration is None or not cache.holds(name, reuse_key(
                cfg, source, parameters, declaration, tables=tables or {})):
            out.append(name)
    return out


@dataclass
class Snapshot:
    """The build folder's files before a notebook runs, to tell what it wrote."""

    folder: Path
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    records: int = 0

    @classmethod
    def take(cls, folder: Path) -> Snapshot:
        """Record the size and time of every file of ``folder``."""
        files = {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
                 for p in folder.rglob("*") if p.is_file()}
        records = folder / _RECORDS
        return cls(folder, files, records.stat().st_size if records.is_file() else 0)

    def written(self) -> tuple[list[str], bytes]:
        """Return the files written or changed since, and the records appended since."""
        now = Snapshot.take(self.folder)
        changed = [name for name, stamp in now.files.items()
                   if name != _RECORDS and self.files.get(name) != stamp]
        records = self.folder / _RECORDS
        tail = b""
        if records.is_file():
            with records.open("rb") as stream:
                stream.seek(self.records)
                tail = stream.read()
        return sorted(changed), tail


class ReuseCache:
    """The stored results of a client's notebooks, by notebook and key.

    Parameters
    ----------
    slug : str
        The client.
    """

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.root = paths.reports_dir() / ".cache" / slug / "reuse"

    def _folder(self, notebook: str) -> Path:
        return self.root / notebook

    def store(self, notebook: str, key: str, run_id: str, build: Path,
              written: Iterable[str], records: bytes) -> None:
        """Keep what a notebook wrote into ``build``, replacing its previous result."""
        target = self._folder(notebook)
        staging = target.with_name(f".{notebook}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "files").mkdir(parents=True)
        for name in written:
            (staging / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(build / name, staging / "files" / name)
        (staging / _RECORDS).write_bytes(records)
        (staging / _MANIFEST).write_text(json.dumps({"key": key, "run_id": run_id}),
                                         encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)

    def stored(self, notebook: str) -> bool:
        """Return whether any result is stored for the notebook, whatever its key."""
        return (self._folder(notebook) / _MANIFEST).is_file()

    def holds(self, notebook: str, key: str) -> bool:
        """Return whether a result with this key is stored for the notebook."""
        try:
            manifest = json.loads((self._folder(notebook) / _MANIFEST).read_text(
                encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return manifest.get("key") == key

    def restore(self, notebook: str, key: str, run_id: str, build: Path) -> bool:
        """Put a stored result with this key into ``build``; return whether there was one.

        Where the stored run's id is written — the run id parameter of the executed
        notebook, the names of its attachments (``<client>-<run>-…``) and the links to them
        — it becomes ``run_id``. The tables for the exports are numbered after those
        already in ``build``.
        """
        source = self._folder(notebook)
        try:
            manifest = json.loads((source / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if manifest.get("key") != key:
            return False
        fresh = _RunId(self.slug, manifest["run_id"], run_id)
        renamed = _copy_files(source / "files", build, fresh)
        lines = []
        for line in (source / _RECORDS).read_text(encoding="utf-8").splitlines():
            record = json.loads(fresh(line))
            if "file" in record:
                record["file"] = renamed.get(record["file"], record["file"])
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        with (build / _RECORDS).open("a", encoding="utf-8") as handle:
            handle.writelines(lines)
        return True


class _RunId:
    """Write a new run id where a stored result wrote the old one, and only there.

    The run id parameter of the executed notebook and the names of attachments
    (``<client>-<run>-…``), with the links to them: a short id ("r1") may be part of any
    word, so it is never replaced alone.
    """

    def __init__(self, slug: str, old: str, new: str) -> None:
        self.marks = {f"{slug}-{old}-": f"{slug}-{new}-",
                      f'run_id = \\"{old}\\"': f'run_id = \\"{new}\\"'} if old else {}

    def __call__(self, text: str) -> str:
        for before, after in self.marks.items():
            text = text.replace(before, after)
        return text


def _copy_files(source: Path, build: Path, fresh: _RunId) -> dict[str, str]:
    """Copy a stored result's files into ``build``; return their new names by old name.

    The tables for the exports are numbered after those already in ``build``.
    """
    renamed: dict[str, str] = {}
    tables = build / "tables"
    taken = len(list(tables.glob("*.parquet"))) if tables.is_dir() else 0
    for item in sorted(p for p in source.rglob("*") if p.is_file()):
        name = str(item.relative_to(source))
        if name.startswith("tables/") and name.endswith(".parquet"):
            new_name = f"tables/{taken:03d}.parquet"
            taken += 1
        else:
            new_name = fresh(name)
        renamed[name] = new_name
        (build / new_name).parent.mkdir(parents=True, exist_ok=True)
        if item.suffix in {".ipynb", ".json", ".html", ".txt", ".md"}:
            (build / new_name).write_text(fresh(item.read_text(encoding="utf-8")),
                                          encoding="utf-8")
        else:
            shutil.copy2(item, build / new_name)
    return renamed
