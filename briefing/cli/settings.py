"""The settings file: the defaults a user keeps (TOML) — marking, algorithm,
sentence counts, output format, template folder, library, mail server.

Where a value comes from, strongest first: the command line; the
environment (``BRIEFING_LIBRARY``, ``BRIEFING_SMTP_*``); the settings file
(``briefing --config FILE``, else ``BRIEFING_CONFIG``, else ``config.toml``
in the user config folder); the built-in default. ``briefing config``
prints each value and its origin.

The file's values reach the commands as click's ``default_map`` (an option
given on the command line wins, and ``--plan``'s check counts them as
defaults, not as options given); the library, template folder and mail
server are read from the :class:`Settings` the group keeps on its context
(:func:`current`). A bad file is one line naming it and the key, exit 2.
No password is ever kept in the file: it names the environment variable
that holds it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click

from briefing.model import (
    DEFAULT_ALGORITHM,
    DEFAULT_KEY_POINTS,
    DEFAULT_SENTENCES,
    DEFAULT_TOPIC_SENTENCES,
    MAX_KEY_POINTS,
    MAX_SENTENCES,
    MAX_TOPIC_SENTENCES,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_ENV = "BRIEFING_CONFIG"
CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 1_000_000
"""A settings file larger than this is refused."""
PASSWORD_ENV = "BRIEFING_SMTP_PASSWORD"

_LENGTH = ("build", "summarize", "tui", "send")
"""The commands that summarise (and so take --algorithm and --sentences)."""


@dataclass(frozen=True)
class Key:
    """One setting: its name in the file (``smtp.host`` is ``host`` in the
    ``[smtp]`` table), its kind, default, the command options it is the
    default of, and the environment variable that overrides the file."""

    name: str
    kind: str
    """``str``, ``int`` or ``path`` (``~`` expanded, relative to the file's folder)."""
    default: object
    help: str
    options: Mapping[str, str] = field(default_factory=dict)
    """Command name → the parameter this is the default of."""
    env: str | None = None
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None


def _keys() -> tuple[Key, ...]:
    from briefing.output.formats import SUFFIXES
    from briefing.output.send import SECURITY

    return (
        Key("marking", "str", "", "Protective marking shown at top and bottom",
            {"build": "marking", "tui": "marking", "send": "marking"}),
        Key("algorithm", "str", DEFAULT_ALGORITHM, "Summarizer (see 'briefing algorithms')",
            dict.fromkeys(_LENGTH, "algorithm")),
        Key("sentences", "int", DEFAULT_SENTENCES, "Sentences per article",
            dict.fromkeys(_LENGTH, "sentences"), bounds=(1, MAX_SENTENCES)),
        Key("topic_sentences", "int", DEFAULT_TOPIC_SENTENCES, "Sentences per topic section",
            {"build": "topic_sentences", "send": "topic_sentences"},
            bounds=(1, MAX_TOPIC_SENTENCES)),
        Key("key_points", "int", DEFAULT_KEY_POINTS, "Sentences in 'Key points' (0: none)",
            {"build": "key_points", "send": "key_points"}, bounds=(0, MAX_KEY_POINTS)),
        Key("format", "str", "markdown", "build's format, the TUI export's first offer",
            {"build": "fmt"}, choices=tuple(SUFFIXES)),
        Key("templates", "path", None, "Your templates' folder (overrides by name)"),
        Key("library", "path", None, "The library file", env="BRIEFING_LIBRARY"),
        Key("smtp.host", "str", None, "Mail server", env="BRIEFING_SMTP_HOST"),
        Key("smtp.port", "int", None, "Its port (default 587, or 465 with ssl)",
            env="BRIEFING_SMTP_PORT", bounds=(1, 65535)),
        Key("smtp.security", "str", "starttls", "starttls, ssl or none",
            env="BRIEFING_SMTP_SECURITY", choices=SECURITY),
        Key("smtp.user", "str", None, "Login name (none: no login)", env="BRIEFING_SMTP_USER"),
        Key("smtp.from", "str", None, "Sender address (default: the user)",
            env="BRIEFING_SMTP_FROM"),
        Key("smtp.cafile", "path", None, "Certificates to trust besides the system's",
            env="BRIEFING_SMTP_CAFILE"),
        Key("smtp.password_env", "str", PASSWORD_ENV,
            "The environment variable holding the password"),
    )  # fmt: skip


@dataclass(frozen=True)
class Value:
    value: object
    origin: str
    """``default``, ``config FILE`` or ``environment NAME``."""


class SettingsError(Exception):
    """The settings file cannot be used (one line, naming it)."""


@dataclass(frozen=True)
class Settings:
    file: Path | None
    """The settings file read (None: none)."""
    values: Mapping[str, Value]
    keys: tuple[Key, ...]

    def __getitem__(self, name: str) -> object:
        return self.values[name].value

    def default_map(self) -> dict[str, dict[str, object]]:
        """The file's values as each command's option defaults."""
        made: dict[str, dict[str, object]] = {}
        for key in self.keys:
            value = self.values[key.name]
            if value.origin.startswith("config"):
                for command, param in key.options.items():
                    made.setdefault(command, {})[param] = value.value
        return made

    def library(self) -> Path:
        """The library file when ``--library`` names none."""
        named = self["library"]
        if isinstance(named, Path):
            return named
        from platformdirs import user_data_path

        return user_data_path("briefing") / "library.sqlite3"

    def templates(self) -> Path | None:
        found = self["templates"]
        return found if isinstance(found, Path) else None

    def smtp(self, env: Mapping[str, str]) -> dict[str, object]:
        """The mail server's settings, and the password from the environment
        variable ``smtp.password_env`` names."""
        made = {k.name.split(".", 1)[1]: self[k.name] for k in self.keys if k.name[:5] == "smtp."}
        made["password"] = env.get(str(made.pop("password_env"))) or None
        return made


def default_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path("briefing") / CONFIG_NAME


def load(named: str | None, env: Mapping[str, str], *, read_file: bool = True) -> Settings:
    """The settings: ``named`` (``--config``), else the file
    ``BRIEFING_CONFIG`` names, else the default file if there is one;
    then the environment over it. Raises :class:`SettingsError`."""
    keys = _keys()
    chosen = named or env.get(CONFIG_ENV) or None
    path: Path | None = Path(chosen).expanduser() if chosen else default_file()
    document: dict[str, object] = {}
    if path is not None and read_file and (chosen or path.is_file()):
        document = _read(path)
    else:
        path = None
    values: dict[str, Value] = {}
    found = _flatten(document, path)
    known = {k.name for k in keys}
    for name in found:
        if name not in known:
            hint = " (keep it in an environment variable: smtp.password_env names it)"
            raise SettingsError(
                f"config {path}: unknown setting {name!r}"
                + (hint if name.endswith("password") else f"; known: {', '.join(sorted(known))}")
            )
    for key in keys:
        if key.env and env.get(key.env):
            values[key.name] = Value(
                _checked(key, env[key.env], f"environment {key.env}", Path.cwd()),
                f"environment {key.env}",
            )
        elif key.name in found:
            assert path is not None
            origin = f"config {path}"
            values[key.name] = Value(_checked(key, found[key.name], origin, path.parent), origin)
        else:
            values[key.name] = Value(key.default, "default")
    return Settings(path, values, keys)


def _read(path: Path) -> dict[str, object]:
    from briefing.ingest.inputs import read_text

    try:
        text = read_text(path, MAX_CONFIG_BYTES, "a settings file")
    except ValueError as exc:
        raise SettingsError(f"config {path}: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config {path}: not TOML ({exc})") from None


def _flatten(document: Mapping[str, object], path: Path | None) -> dict[str, object]:
    found: dict[str, object] = {}
    for name, value in document.items():
        if isinstance(value, dict):
            if name != "smtp":
                raise SettingsError(f"config {path}: unknown table [{name}]; known: [smtp]")
            found.update({f"smtp.{k}": v for k, v in value.items()})
        else:
            found[name] = value
    return found


def _checked(key: Key, value: object, origin: str, folder: Path) -> object:
    """``value`` as ``key`` takes it; else one line naming origin and key."""
    where = f"{origin}: {key.name}" if origin.startswith("config") else origin

    def bad(why: str) -> SettingsError:
        return SettingsError(f"{where}: {why}")

    if key.kind == "int":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(f"{value!r} is not a whole number")
        if key.bounds and not key.bounds[0] <= value <= key.bounds[1]:
            raise bad(f"{value} is not from {key.bounds[0]} to {key.bounds[1]}")
        return value
    if not isinstance(value, str):
        raise bad(f"{value!r} is not text")
    if key.kind == "path":
        path = Path(value).expanduser()
        return path if path.is_absolute() else folder / path
    if key.name == "algorithm":
        from briefing.summarizers.algorithms import NAMES

        choices: tuple[str, ...] = tuple(NAMES)
        value = value.lower()
    else:
        choices = key.choices
        value = value.strip().lower() if choices else value
    if choices and value not in choices:
        raise bad(f"{value!r} is not one of {', '.join(choices)}")
    return value


def current() -> Settings:
    """The settings of the command running (the built-in defaults and the
    environment when none were loaded, as when a command is called alone)."""
    from briefing.cli.runner import ExitCode, Failure

    ctx = click.get_current_context(silent=True)
    found = ctx.find_object(Settings) if ctx is not None else None
    if found is not None:
        return found
    try:
        return load(None, os.environ, read_file=False)
    except SettingsError as exc:
        raise Failure(str(exc), ExitCode.USAGE) from None


@click.command("config")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@click.option("--path", "path_only", is_flag=True,
              help="Only the settings file's path (where one would be read).")  # fmt: skip
def config_command(fmt: str, path_only: bool) -> None:
    """Show the settings in force and where each comes from (command-line
    options override them)."""
    import json

    from briefing.cli.runner import shown

    settings = current()
    file = settings.file or default_file()
    if path_only:
        click.echo(shown(file))
        return
    rows = []
    for key in settings.keys:
        value = settings.values[key.name]
        shown_value = settings.library() if key.name == "library" else value.value
        rows.append((key.name, shown_value, value.origin))
    variable = str(settings["smtp.password_env"])
    held = "set" if os.environ.get(variable) else "not set"
    if fmt == "json":
        data = {
            "file": str(settings.file) if settings.file else None,
            "settings": {
                name: {"value": str(v) if isinstance(v, Path) else v, "origin": origin}
                for name, v, origin in rows
            },
            "password": {"environment": variable, "set": held == "set"},
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if settings.file:
        click.echo(f"# settings file: {shown(settings.file)}")
    else:
        click.echo(f"# no settings file ({shown(file)} would be read): built-in defaults")
    width = max(len(name) for name, *_ in rows)
    for (name, v, origin), key in zip(rows, settings.keys):
        text = "-" if v is None or v == "" else shown(v)
        click.echo(f"{name:<{width}}  {text:<24}  {origin}  # {key.help}")
    click.echo(f"{'smtp.password':<{width}}  {'(' + held + ')':<24}  environment {variable}")
