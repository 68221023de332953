"""Start a new client: ``cx init acme`` copies ``templates/client/`` into ``data/acme/``.

The scaffold is a small, valid client: a commented ``client.yaml`` and one Excel input
template per table of the data contract, each with an *Instructions* sheet (every column,
whether it is required, what it holds, in French and English) and a *Données* sheet with the
headers and one example row. ``cx validate acme`` passes on it as created; the consultant
then replaces the example rows with the client's data.

The Excel templates are generated from :mod:`cxlib.inputs.schemas` by :func:`build_templates`, so
they never drift from the contract (a test rebuilds them and compares).
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

from cxlib import paths
from cxlib.errors import CxError
from cxlib.i18n import detect_language, t
from cxlib.inputs.schemas import TABLES, Column, Table

__all__ = ["SCAFFOLD_FILES", "build_templates", "init_client"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9\-]{0,62}$")
_FIXED_TIME = datetime(2026, 1, 1)
_EXAMPLE_TRANSCRIPT = (
    "Intervieweur : Bonjour, pouvez-vous nous décrire votre rôle au service après-vente ?\n"
    "Camille : Je traite les demandes des clients qui attendent leur commande. Le plus "
    "difficile, c'est quand ils attendent une réponse depuis plusieurs jours.\n"
    "Intervieweur : Qu'est-ce qui les agace le plus ?\n"
    "Camille : Ne pas savoir où en est leur colis. Ils rappellent trois fois.\n"
)
_KIND_HELP = {
    "str": ("texte", "text"), "id": ("identifiant", "identifier"),
    "int": ("nombre entier", "whole number"), "float": ("nombre", "number"),
    "date": ("date jj/mm/aaaa", "date"), "datetime": ("date et heure", "date and time"),
    "bool": ("oui / non", "yes / no"), "enum": ("code de la liste", "code from the list"),
}

#: The labels of the example configuration, in the client's language.
_LABELS = {
    "fr": {"wave_1": "Vague 1", "search": "Je cherche une idée",
           "compare": "Je compare les offres", "purchase": "J'achète",
           "delivery": "Je reçois ma commande", "after_sales": "J'ai besoin d'aide",
           "web": "Site web", "app": "Application", "store": "Magasin",
           "phone": "Service client", "email": "E-mail", "d_ecommerce": "E-commerce",
           "d_stores": "Réseau magasins", "d_after_sales": "Service après-vente",
           "d_marketing": "Marketing"},
    "en": {"wave_1": "Wave 1", "search": "I look for an idea",
           "compare": "I compare the offers", "purchase": "I buy",
           "delivery": "I receive my order", "after_sales": "I need help",
           "web": "Website", "app": "App", "store": "Store",
           "phone": "Customer service", "email": "Email", "d_ecommerce": "E-commerce",
           "d_stores": "Store network", "d_after_sales": "After-sales service",
           "d_marketing": "Marketing"},
}

#: Every file ``cx init`` creates, relative to the client folder.
SCAFFOLD_FILES: tuple[str, ...] = (
    "client.yaml",
    *(f"{name}.xlsx" for name in TABLES),
    "transcripts/I01.txt",
)


def _example_value(column: Column) -> object:
    text = column.example
    if text == "":
        return None
    if column.kind == "int":
        return int(text)
    if column.kind == "float":
        return float(text.replace(",", "."))
    if column.kind == "date":
        return datetime.strptime(text, "%d/%m/%Y").date()
    if column.kind == "datetime":
        return datetime.strptime(text, "%d/%m/%Y %H:%M")
    return text


def _columns(spec: Table) -> list[Column]:
    extra = [Column(p.name + "delivery", p.kind, required=False, nullable=True,
                    scale=p.scale, help_en=p.help_en, help_fr=p.help_fr, example=p.example)
             for p in spec.pattern_columns]
    return [*spec.columns, *extra]


def _write_workbook(spec: Table, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.properties.created = book.properties.modified = _FIXED_TIME
    book.properties.creator = "cxlib"
    info = book.active
    info.title = "Instructions"
    info.append([f"{spec.help_fr} / {spec.help_en}"])
    info.append([])
    info.append(["colonne / column", "obligatoire / required", "type", "description (fr)",
                 "description (en)"])
    for column in _columns(spec):
        fr, en = _KIND_HELP[column.kind]
        info.append([column.name, "oui / yes" if column.required else "non / no",
                     f"{fr} / {en}", column.help_fr, column.help_en])
    for cell in info[3]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (22, 22, 30, 55, 55), strict=True):
        info.column_dimensions[letter].width = width
    data = book.create_sheet("Données")
    columns = _columns(spec)
    data.append([c.name for c in columns])
    data.append([_example_value(c) for c in columns])
    for cell in data[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center")
    for cell in data[2]:
        if isinstance(cell.value, date | datetime):
            cell.number_format = "DD/MM/YYYY" if isinstance(cell.value, date) and not \
                isinstance(cell.value, datetime) else "DD/MM/YYYY HH:MM"
    for index, column in enumerate(columns, start=1):
        data.column_dimensions[data.cell(1, index).column_letter].width = max(
            14, len(column.name) + 4)
    data.freeze_panes = "A2"
    book.save(target)


def build_templates(folder: Path | None = None) -> list[Path]:
    """Write one Excel input template per table of the data contract.

    Parameters
    ----------
    folder : Path, optional
        Where to write (default ``templates/client/``).

    Returns
    -------
    list of Path
        The workbooks written.
    """
    folder = folder or paths.templates_dir() / "client"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in TABLES.values():
        target = folder / f"{spec.name}.xlsx"
        _write_workbook(spec, target)
        written.append(target)
    (folder / "transcripts").mkdir(exist_ok=True)
    (folder / "transcripts" / "I01.txt").write_text(_EXAMPLE_TRANSCRIPT, encoding="utf-8")
    return written


def init_client(slug: str, name: str | None = None, language: str | None = None) -> Path:
    """Create ``data/<slug>/`` from the scaffold.

    Parameters
    ----------
    slug : str
        Client folder name: lower-case letters, digits and hyphens.
    name : str, optional
        Display name (default: the slug, capitalised).
    language : {"fr", "en"}, optional
        Report language (default: the consultant's locale).

    Returns
    -------
    Path
        The new client folder.

    Raises
    ------
    CxError
        If the name is invalid or the client already exists (nothing is overwritten).
    """
    lang = language or detect_language()
    if not _SLUG.match(slug):
        raise CxError(t("client_bad_name", lang, client=slug))
    target = paths.client_dir(slug)
    if target.exists():
        raise CxError(t("client_exists", lang, client=slug, folder=paths.display(target)))
    source = paths.templates_dir() / "client"
    staging = target.with_name(f".{slug}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging)
    config = (source / "client.yaml").read_text(encoding="utf-8")
    display_name = (name or slug.replace("-", " ").title()).replace('"', "'")
    (staging / "client.yaml").write_text(
        config.format(client_name=display_name, language=lang, **_LABELS[lang]),
        encoding="utf-8")
    staging.rename(target)
    return target
