"""Read a demo client's spec from its YAML file.

Each demo client is data: ``specs/<slug>.yaml`` beside this module holds one
:class:`~cxlib.demo._spec.ClientSpec`, its keys named as the dataclass fields (fields left
out take their default). The YAML only knows mappings, lists, strings, numbers, booleans
and dates, so the dataclasses are rebuilt from their type hints: nested mappings become
the nested dataclasses, lists become tuples where the field is a tuple, ISO dates
(``2026-04-30``) become :class:`datetime.date`, and a mapping keyed by a tuple of ids
(``Wording.questions``, keyed by stage and population) is written as nested mappings,
one level per id. Fields typed plain ``dict`` (``config``, ``actions``) are kept as
read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from cxlib.demo._spec import ClientSpec

__all__ = ["demo_spec", "load_spec", "read_spec"]

_NONE = type(None)


def read_spec(text: str, source: str = "spec") -> ClientSpec:
    """Build a client spec from YAML text.

    Parameters
    ----------
    text : str
        The YAML document: one mapping with the fields of :class:`ClientSpec`.
    source : str, default "spec"
        Where the text comes from, to name it in error messages.

    Returns
    -------
    ClientSpec
        The spec, with nested dataclasses, tuples and dates as the type hints say.

    Raises
    ------
    ValueError
        If a value does not have the type its field declares, a field is unknown or a
        required field is missing; the message gives the path to the value.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when installed
    return _convert(yaml.load(text, Loader=loader), ClientSpec, source)


def load_spec(path: str | Path) -> ClientSpec:
    """Read a client spec from a YAML file.

    Parameters
    ----------
    path : str or Path
        The YAML file (UTF-8).

    Returns
    -------
    ClientSpec
        The spec it describes.

    Raises
    ------
    ValueError
        If the file does not describe a valid spec (see :func:`read_spec`).
    """
    path = Path(path)
    return read_spec(path.read_text(encoding="utf-8"), path.name)


@cache
def demo_spec(slug: str) -> ClientSpec:
    """Return a built-in demo client's spec, read once from ``specs/<slug>.yaml``.

    Parameters
    ----------
    slug : str
        The demo client (``demo-fr``, ``demo-en``).

    Returns
    -------
    ClientSpec
        Its spec.

    Raises
    ------
    FileNotFoundError
        If there is no spec file for ``slug``.
    """
    spec_file = resources.files("cxlib.demo").joinpath("specs", f"{slug}.yaml")
    return read_spec(spec_file.read_text(encoding="utf-8"), f"specs/{slug}.yaml")


# -- conversion by type hint -------------------------------------------------------------


def _fail(where: str, expected: str, value: object) -> ValueError:
    return ValueError(f"{where}: expected {expected}, got {value!r}")


def _convert(value: Any, hint: Any, where: str) -> Any:
    """Return ``value`` (as read from YAML) shaped as the type ``hint`` says."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(value, typing.get_args(hint), where)
    if origin is tuple:
        return _tuple(value, typing.get_args(hint), where)
    if origin is dict:
        return _dict(value, typing.get_args(hint), where)
    if dataclasses.is_dataclass(hint):
        return _dataclass(value, hint, where)
    return _scalar(value, hint, where)


def _fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` as read from YAML can be one member of a union."""
    origin = typing.get_origin(hint) or hint
    if origin is tuple:
        return isinstance(value, list)
    if origin is dict or dataclasses.is_dataclass(origin):
        return isinstance(value, dict)
    if origin is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if origin is date:
        return isinstance(value, date | str)
    return isinstance(value, origin)


def _union(value: Any, members: tuple[Any, ...], where: str) -> Any:
    if value is None and _NONE in members:
        return None
    for member in members:
        if member is not _NONE and _fits(value, member):
            return _convert(value, member, where)
    names = " or ".join(getattr(m, "__name__", str(m)) for m in members)
    raise _fail(where, names, value)


def _tuple(value: Any, items: tuple[Any, ...], where: str) -> tuple:
    if not isinstance(value, list):
        raise _fail(where, "a list", value)
    if len(items) == 2 and items[1] is Ellipsis:
        return tuple(_convert(v, items[0], f"{where}[{i}]") for i, v in enumerate(value))
    if len(value) != len(items):
        raise _fail(where, f"a list of {len(items)} items", value)
    return tuple(_convert(v, h, f"{where}[{i}]")
                 for i, (v, h) in enumerate(zip(value, items, strict=True)))


def _dict(value: Any, kv: tuple[Any, ...], where: str) -> dict:
    if not isinstance(value, dict):
        raise _fail(where, "a mapping", value)
    key_hint, value_hint = kv
    if typing.get_origin(key_hint) is tuple:
        depth = len(typing.get_args(key_hint))
        return {key: _convert(v, value_hint, f"{where}.{'.'.join(key)}")
                for key, v in _flatten(value, depth, where)}
    return {_convert(k, key_hint, f"{where} key"): _convert(v, value_hint, f"{where}.{k}")
            for k, v in value.items()}


def _flatten(value: dict, depth: int, where: str) -> list[tuple[tuple[str, ...], Any]]:
    """Read a mapping keyed by ``depth``-tuples of ids from ``depth`` nested mappings."""
    if depth == 1:
        return [((_convert(k, str, f"{where} key"),), v) for k, v in value.items()]
    out = []
    for k, inner in value.items():
        if not isinstance(inner, dict):
            raise _fail(f"{where}.{k}", "a mapping", inner)
        out += [((k, *key), v) for key, v in _flatten(inner, depth - 1, f"{where}.{k}")]
    return out


def _dataclass(value: Any, cls: type, where: str) -> Any:
    if not isinstance(value, dict):
        raise _fail(where, f"a mapping of {cls.__name__} fields", value)
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = [k for k in value if k not in fields]
    if unknown:
        raise ValueError(f"{where}: unknown {cls.__name__} field(s) {', '.join(map(str, unknown))}"
                         f" (known: {', '.join(fields)})")
    missing = [name for name, f in fields.items() if name not in value
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise ValueError(f"{where}: missing {cls.__name__} field(s) {', '.join(missing)}")
    return cls(**{k: _convert(v, hints[k], f"{where}.{k}") for k, v in value.items()})


def _scalar(value: Any, hint: Any, where: str) -> Any:
    if hint is Any:
        return value
    if hint is date:
        return _date(value, where)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float) and isinstance(value, bool):
        raise _fail(where, hint.__name__, value)
    if not isinstance(value, hint):
        raise _fail(where, getattr(hint, "__name__", str(hint)), value)
    return value


def _date(value: Any, where: str) -> date:
    """Return a date from a YAML date or an ISO string (``2026-04-30``)."""
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(where, "an ISO date (YYYY-MM-DD)", value)
