"""The `paiban` command (also `python -m layout`).

Each sub-command is a module in `layout/commands/` with `register(subparsers)`, which
adds its parser and sets `func` to the function that runs it (returning the exit code).
Only the module of the command given is imported (every one for `paiban --help`).

Whatever happens, no traceback reaches the user:

- a `PaibanError` (bad input, a bad environment the stage recognised): its message, exit 1;
- an operating-system error (a read-only or full disk, a missing folder): what and where, exit 1;
- Ctrl-C: "interrupted, nothing was written", exit 130;
- anything else is a bug: an internal-error message naming the command, the stage, the
  issue folder and where to report it, exit 2 (the traceback with PAIBAN_DEBUG=1).

Messages are in the language `--lang zh|en` names (before the command or after it, for
every command), else PAIBAN_LANG, else the locale — argparse's own usage and error
lines too.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import pkgutil
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, TracebackType

import layout.commands
from layout.errors import IssueError, PaibanError
from layout.i18n import LANGUAGES, N_, _, add_lang_option, ngettext, normalize, using

EXIT_ERROR = 1        # the user's input or environment: fix and run again
EXIT_INTERNAL = 2     # a bug in paiban (argparse also exits 2 on a usage error)
EXIT_INTERRUPTED = 130
DEBUG_VARIABLE = "PAIBAN_DEBUG"
REPORT_TO = N_("please report it to the paiban maintainers (an issue in the paiban repository) with this "
               "message and, if you can, the issue folder")
STAGES = ("model", "text", "flow", "compose", "render", "preflight", "proof", "lint", "epaper", "commands")

# argparse's own messages (the usage line, "the following arguments are required" …),
# marked here for the model catalog: argparse looks each up with gettext when it shows
# it, and `_argparse_in_our_language` points that look-up at our catalogs while the
# parser is built and the command line parsed (Python ships no Chinese for argparse).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("%(prog)s: error: %(message)s\n"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"), N_("unexpected option string: %s"),
)

# import name → distribution, for the message when a dependency is missing
DEPENDENCIES = {"yaml": "PyYAML", "PIL": "pillow", "reportlab": "reportlab", "qrcode": "qrcode",
                "fontTools": "fonttools", "pikepdf": "pikepdf", "pypdfium2": "pypdfium2",
                "lunardate": "lunardate", "jieba": "jieba"}


def command_names() -> list[str]:
    """The sub-commands, found without importing them."""
    return sorted(info.name for info in pkgutil.iter_modules(layout.commands.__path__)
                  if not info.name.startswith("_"))


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"layout.commands.{name}")


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The parser with the sub-command named in `argv` only (all of them when none is
    named, or help is asked before the command)."""
    from layout import __version__

    names = command_names()
    parser = argparse.ArgumentParser(prog="paiban", description=_("Newspaper issue layout for Chinese papers."))
    parser.add_argument("--version", action="version", version=f"paiban {__version__}")
    parser.add_argument("--lang", dest="global_lang", choices=LANGUAGES, default=None,
                        help=_("language of messages: zh (简体中文) or en (English); "
                               "default PAIBAN_LANG, else the locale"))
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(names) + "}")
    chosen = _chosen(argv, names)
    for name in [chosen] if chosen else names:
        command_module(name).register(subparsers)
    for command in subparsers.choices.values():
        with contextlib.suppress(argparse.ArgumentError):  # the command has its own --lang
            add_lang_option(command)
    return parser


def _chosen(argv: list[str], names: list[str]) -> str | None:
    """The sub-command named first in `argv` (after a `--lang` option, if any), if no
    other option comes before it."""
    rest = argv[2:] if argv[:1] == ["--lang"] else argv[1:] if argv[:1] and argv[0].startswith("--lang=") else argv
    first = rest[0] if rest else None
    return first if first in names else None


def lang_option(argv: list[str]) -> str | None:
    """The language `--lang X` or `--lang=X` names in `argv` (the first; None when none
    or not one we have, which argparse then reports)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return normalize(argv[i + 1])
        if arg.startswith("--lang="):
            return normalize(arg.partition("=")[2])
    return None


@contextlib.contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """argparse's messages through our catalogs inside the block (its module-level
    gettext functions swapped, and put back however the block ends)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    """Run `paiban` with `argv` (default: the command line); returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with using(lang_option(argv)):
        return _run(argv)


def _run(argv: list[str]) -> int:
    args: argparse.Namespace | None = None
    try:
        with _argparse_in_our_language():
            args = build_parser(argv).parse_args(argv)
        status: int = args.func(args)
        return status
    except BrokenPipeError:  # `paiban lint … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("paiban: " + _("interrupted, nothing was written"))
        return EXIT_INTERRUPTED
    except PaibanError as exc:
        report(exc)
        return EXIT_ERROR
    except ModuleNotFoundError as exc:
        if not _missing_dependency(exc):
            return internal_error(exc, argv, args)
        _say(missing_dependency_message(exc))
        return EXIT_ERROR
    except UnicodeDecodeError as exc:  # a stage read a file as UTF-8 that is not
        _say("paiban: " + _("{file} is not UTF-8 text ({reason} at byte {at}); save it as UTF-8").format(
            file=_target(args) or _("a file"), reason=exc.reason, at=exc.start))
        return EXIT_ERROR
    except (OSError, MemoryError) as exc:
        if isinstance(exc, OSError) and exc.errno is None:
            return internal_error(exc, argv, args)
        _say(environment_message(exc))
        return EXIT_ERROR
    except Exception as exc:  # a bug: reported as one, never as a traceback
        if damaged_input(exc):
            return damaged_input_error(exc, args)
        return internal_error(exc, argv, args)


def console() -> None:
    """Entry point of the `paiban` console script and `python -m layout`: `main()`, then
    straight out once output is flushed and exit handlers (temporary-file clean-up)
    have run — the interpreter's teardown of every module and object costs 0.2 s and
    does nothing for us. Not for in-process callers: they call `main()`."""
    try:
        status = main()
    except SystemExit as exc:  # argparse: --help, --version, a usage error
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_INTERNAL)
        if isinstance(exc.code, str):
            _say(exc.code)
    _leave(status)


def _leave(status: int) -> None:
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    atexit._run_exitfuncs()  # weakref finalizers, tempfile clean-up, logging
    os._exit(status)


def report(exc: PaibanError) -> None:
    """Print a PaibanError for people on stderr (its diagnostics, one a line)."""
    if isinstance(exc, IssueError):
        n = len(exc.problems)
        _say("paiban: " + ngettext("the issue has {n} problem; nothing was written:",
                                   "the issue has {n} problems; nothing was written:", n).format(n=n))
        for problem in exc.problems:
            _say(f"  {problem}")
    else:
        _say(f"paiban: {exc}")


def environment_message(exc: BaseException) -> str:
    """What went wrong outside paiban (disk, permissions, memory), for people."""
    if isinstance(exc, MemoryError):
        return "paiban: " + _("out of memory; close other programs or build fewer pages at once. Nothing was written.")
    assert isinstance(exc, OSError)
    where = " ".join(f"'{name}'" for name in (exc.filename, exc.filename2) if name)
    advice = {errno.ENOSPC: N_("free some space on that disk"), errno.EACCES: N_("check the folder's permissions"),
              errno.EPERM: N_("check the folder's permissions"),
              errno.EROFS: N_("the disk is read-only; choose another folder"), errno.ENOENT: N_("check the path"),
              errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
              errno.EEXIST: N_("remove it or choose another name"), errno.EISDIR: N_("give a file, not a folder")}
    hint = _(advice.get(exc.errno or 0, N_("check the path and the disk")))
    return "paiban: " + _("{problem}{where}; {hint}. Nothing was written.").format(
        problem=exc.strerror or exc, where=": " + where if where else "", hint=hint)


def _missing_dependency(exc: ModuleNotFoundError) -> bool:
    return (exc.name or "").split(".")[0] in DEPENDENCIES


def missing_dependency_message(exc: ModuleNotFoundError) -> str:
    """How to install paiban when this Python lacks one of its packages."""
    name = (exc.name or "").split(".")[0]
    root = Path(__file__).resolve().parents[1]
    return "paiban: " + _("the Python package {package} (module '{module}') is not installed for {python}.\n"
                          "Set paiban up once, in {root}:\n"
                          "    python3 -m venv .venv && .venv/bin/pip install -e .\n"
                          "then run it as .venv/bin/paiban (or .venv/bin/python -m layout).").format(
        package=DEPENDENCIES.get(name, name), module=name, python=sys.executable, root=root)


# Exceptions of the libraries that read files (PDF, image, font, compressed data), raised
# when a file is damaged: bad input, even where a stage forgot to say so itself.
DAMAGED_INPUT = {("pikepdf", "PdfError"), ("pikepdf._core", "PdfError"), ("PIL", "UnidentifiedImageError"),
                 ("PIL.Image", "UnidentifiedImageError"), ("PIL.Image", "DecompressionBombError"),
                 ("fontTools.ttLib.ttFont", "TTLibError"), ("fontTools.ttLib", "TTLibError"),
                 ("struct", "error"), ("zlib", "error"), ("yaml.error", "YAMLError")}


def damaged_input(exc: BaseException) -> bool:
    """True for a file library's error about a damaged file (by class, not by import)."""
    return any((kind.__module__, kind.__name__) in DAMAGED_INPUT for kind in type(exc).__mro__)


def damaged_input_error(exc: BaseException, args: argparse.Namespace | None) -> int:
    target = _target(args)
    _say("paiban: " + _("a file{of} cannot be read; it looks damaged ({error}).\nExport or save it again. If the "
                        "file is sound, this is a bug: {report} ({variable}=1 shows the traceback).").format(
        of=_(" of {target}").format(target=target) if target else "", error=f"{type(exc).__name__}: {exc}",
        report=_(REPORT_TO), variable=DEBUG_VARIABLE))
    if os.environ.get(DEBUG_VARIABLE):
        traceback.print_exception(exc)
    return EXIT_ERROR


def internal_error(exc: BaseException, argv: list[str], args: argparse.Namespace | None) -> int:
    """Report a bug: what, in which command and stage, on which issue, where to report."""
    command = getattr(args, "command", None) or (argv[0] if argv else "")
    target = _target(args)
    working = _(", working on {target}").format(target=target) if target else ""
    lines = ["paiban: " + _("internal error (a bug in paiban, not in your files) in `paiban {command}` during the "
                            "{stage} stage{working}:").format(command=command, stage=stage_of(exc.__traceback__),
                                                              working=working),
             f"  {type(exc).__name__}: {exc}",
             _("Nothing was written (the output folder holds what it held before)."),
             _("To help fix it, {report}; run again with {variable}=1 to see the traceback.").format(
                 report=_(REPORT_TO), variable=DEBUG_VARIABLE)]
    _say("\n".join(lines))
    if os.environ.get(DEBUG_VARIABLE):
        traceback.print_exception(exc)
    return EXIT_INTERNAL


def _target(args: argparse.Namespace | None) -> str:
    """The issue folder or file the command was working on, as given ("" if none)."""
    value = next((getattr(args, name) for name in ("issue", "path", "new", "files") if getattr(args, name, None)), None)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value else ""


def stage_of(tb: TracebackType | None) -> str:
    """The pipeline stage of the innermost frame in our own package (model, text, …,
    or the top-level module's name, e.g. build)."""
    package = Path(__file__).resolve().parent
    stage = "command"
    for frame, _line in traceback.walk_tb(tb):
        path = Path(frame.f_code.co_filename).resolve()
        if package in path.parents:
            part = path.relative_to(package).parts
            stage = part[0] if len(part) > 1 and part[0] in STAGES else path.stem
    return stage


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
