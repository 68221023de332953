"""Column and table declarations: the two building blocks of the data contract."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Column", "Table"]


@dataclass(frozen=True)
class Column:
    """One column of an input table.

    Parameters
    ----------
    name : str
        Column header as it must appear in the file (lower case, ``snake_case``).
    kind : str
        One of ``str``, ``id``, ``int``, ``float``, ``date``, ``datetime``, ``bool``, ``enum``.
    required : bool
        Whether the column must be present in the file.
    nullable : bool
        Whether a cell may be empty.
    enum : str or None
        Name of the code list in :data:`ENUMS` for ``enum`` columns.
    ref : str or None
        What the value must refer to: a ``client.yaml`` list (``stages``, ``channels``,
        ``departments``, ``waves``) or another table's id (``personas``, ``touchpoints``,
        ``interviews``, ``codebook``).
    lo, hi : float or None
        Inclusive numeric bounds; ``scale:<name>`` bounds come from the client's scales.
    unique : bool
        Whether values must be unique within the table.
    help_en, help_fr : str
        What the column holds, for templates and error messages.
    example : str
        Value written in the template's example row.
    """

    name: str
    kind: str
    required: bool = True
    nullable: bool = False
    enum: str | None = None
    ref: str | None = None
    lo: float | None = None
    hi: float | None = None
    scale: str | None = None
    unique: bool = False
    help_en: str = ""
    help_fr: str = ""
    example: str = ""


@dataclass(frozen=True)
class Table:
    """An input table: its logical name, columns and the keys that identify a row.

    Parameters
    ----------
    name : str
        Logical name used in ``client.yaml`` under ``inputs:`` and by :func:`cxlib.load`.
    columns : tuple of Column
        Declared columns, in template order.
    required : bool
        Whether every client must provide the table. None must: a client is only its
        ``client.yaml``, and each report shows what the tables present allow.
    pattern_columns : tuple of Column
        Columns whose name is a prefix followed by a stage id (``sat_<stage_id>``).
    help_en, help_fr : str
        One sentence describing the table.
    """

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    pattern_columns: tuple[Column, ...] = field(default_factory=tuple)
    help_en: str = ""
    help_fr: str = ""

    def column(self, name: str) -> Column:
        """Return the declared column called ``name``.

        Parameters
        ----------
        name : str
            Column header.

        Returns
        -------
        Column
            The declaration.
        """
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)
