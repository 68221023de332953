"""The ``feedback:`` section of ``client.yaml``: the names and codebook links a consultant gives.

Themes found in what customers write are named by the data (``Appli plante``); a consultant
may give a theme the name the client will read, and say which codebook theme it belongs to
(or none) where the automatic link is wrong::

    feedback:
      themes:
        appli: {name: "Application mobile"}                  # keyed by the strongest term
        parking: {name: "Parking du magasin", code: none}     # none: in no codebook theme
        correct: {name: "Photos et couleurs réelles", code: th_produit}
        colis: "Suivi du colis"                               # a name alone
        malvoyant: {name: "Accessibilité", code: none}
        lecteur: {into: malvoyant}                           # one theme with malvoyant's

A theme is keyed by its strongest term (the first of its top terms, a lemma such as
``remboursement``), which stays when the data moves a little, not by its displayed name.
Two themes customers write about in different words (``malvoyant``, ``lecteur d'écran``)
become one with ``into``: the theme of the key joins the theme of the key it names, whose
name, codebook link and strongest terms it takes; its texts count as that theme's. The file's
shape is checked here with the rest of ``client.yaml``; a ``code`` is checked
against the codebook when the themes are built (:func:`check_codes`), and a key matching no
theme of the run is a warning, never an error
(:mod:`cxlib.analysis.feedback.given`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cxlib.errors import ConfigError, Problem
from cxlib.i18n import t

if TYPE_CHECKING:
    from cxlib.inputs.config import ClientConfig

__all__ = ["NO_CODE", "FeedbackSettings", "ThemeName", "check_codes", "config_file"]

#: ``code: none``: the theme belongs to no codebook theme (it is *not in the codebook*).
NO_CODE = "none"


def _invalid(key: str, **values: str) -> ValueError:
    """Return the configuration's own error, said in the client's language when raised."""
    from cxlib.inputs.config import _Invalid  # its module imports this one

    return _Invalid(key, **values)


class ThemeName(BaseModel):
    """What a consultant says of one theme: its name, its codebook theme, or another to join.

    ``name`` replaces the name found in the data everywhere the theme is shown; ``code``
    is a codebook theme's ``code_id``, or ``none`` for no codebook theme (left out: the
    automatic link stands). A plain text is read as a name: ``colis: "Suivi du colis"``.
    ``into`` names another key of ``feedback.themes``: this theme joins that key's theme
    (and says nothing else of itself).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    code: str | None = None
    into: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _text_is_a_name(cls, value: object) -> object:
        if isinstance(value, str):
            return {"name": value}
        if not isinstance(value, dict | ThemeName):
            raise _invalid("fbc_err_empty")
        return value

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str | None) -> str | None:
        if value is not None and not any(c.isalpha() for c in value):
            raise _invalid("fbc_err_name")
        return " ".join(value.split()) if value is not None else None

    @field_validator("code", mode="before")
    @classmethod
    def _none_is_no_code(cls, value: object) -> object:
        """Read ``code: none`` (any case) and ``code: null`` alike: no codebook theme."""
        if value is None or (isinstance(value, str) and value.strip().lower() == NO_CODE):
            return NO_CODE
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a code id YAML reads as a number
        return value.strip() if isinstance(value, str) else value

    @field_validator("into", mode="before")
    @classmethod
    def _key_as_text(cls, value: object) -> object:
        """Read ``into:`` as the key written (a YAML number key as its text)."""
        return None if value is None else str(value).strip()

    @model_validator(mode="after")
    def _something_said(self) -> ThemeName:
        if self.into is not None and (self.name is not None or self.code is not None):
            raise _invalid("fbc_err_into_alone")
        if self.name is None and self.code is None and self.into is None:
            raise _invalid("fbc_err_empty")
        return self


class FeedbackSettings(BaseModel):
    """``feedback:`` of ``client.yaml``: ``themes`` by their strongest term."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    themes: dict[str, ThemeName] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _nothing_is_empty(cls, value: object) -> object:
        """Read ``feedback:`` left empty (every line commented out) as no setting."""
        return {} if value is None else value

    @field_validator("themes", mode="before")
    @classmethod
    def _keys_as_text(cls, value: object) -> object:
        """Read ``themes:`` left empty as none, and a YAML number key as the text written."""
        if value is None:
            return {}
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


def config_file(cfg: ClientConfig) -> Path:
    """Return the client's ``client.yaml``, as messages name it."""
    return cfg.path / "client.yaml"


def check_codes(cfg: ClientConfig, codes: Mapping[str, str]) -> None:
    """Check that every ``code`` of ``feedback.themes`` is a theme of the codebook, or none.

    Parameters
    ----------
    cfg : ClientConfig
        The client.
    codes : mapping
        The codebook's theme codes (``code_id`` -> label) a theme may be linked to.

    Raises
    ------
    ConfigError
        Naming ``client.yaml``, each key whose code is unknown and the known code ids.
    """
    lang = cfg.language
    expected = t("fbc_code", lang, ids=", ".join(codes)) if codes else t("fbc_code_none", lang)
    problems = [Problem(file=config_file(cfg), column=f"feedback.themes.{key}.code",
                        found=given.code, expected=expected, key=True)
                for key, given in cfg.feedback.themes.items()
                if given.code not in (None, NO_CODE) and given.code not in codes]
    if problems:
        raise ConfigError.from_problems(problems, lang, file=config_file(cfg))
