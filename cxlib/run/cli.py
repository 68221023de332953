"""The ``cx`` command: a thin layer over the functions a notebook can call.

``cx init CLIENT`` scaffolds a client, ``cx validate CLIENT`` checks its inputs,
``cx inspect FILE`` shows what the workbench reads in an export and proposes its mapping,
``cx run CLIENT… | --all`` renders reports (``--with NOTEBOOK`` adds a consultant's own
notebook as an appendix), ``cx notebook CLIENT`` creates that notebook, ``cx list`` shows
clients and their last run, ``cx demo`` generates the demo clients. Errors are printed as
one message, never a traceback; the exit code is 0 on success, 1 when something failed, 2
on bad usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cxlib import paths
from cxlib.errors import CxError
from cxlib.i18n import detect_language, number, t

if TYPE_CHECKING:  # the CLI imports what a command needs when it runs
    from cxlib.inputs.loaders import Inputs

__all__ = ["main"]


def _cmd_init(args: argparse.Namespace) -> int:
    from cxlib.inputs.scaffold import init_client

    folder = init_client(args.client, name=args.name, language=args.lang)
    lang = args.lang or detect_language()
    print(t("cli_init_done", lang, client=args.client, folder=paths.display(folder)))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from cxlib.inputs.loaders import Inputs, validate_client

    report = validate_client(args.client)
    lang = report.config.language
    for result in report.results.values():
        for warning in result.warnings:
            print(t("cli_warning", lang, text=warning.render(lang)))
    if not report.ok:
        print(report.error().message, file=sys.stderr)
        return 1
    rows = sum(r.frame.height for r in report.results.values())
    print(t("cli_valid", lang, client=args.client, tables=len(report.results),
            rows=number(rows, lang)))
    from cxlib.analysis.feedback.voice import given_warnings

    inputs = Inputs.from_report(report)
    for warning in given_warnings(inputs):  # client.yaml's names of themes found or not
        print(t("cli_warning", lang, text=warning.render(lang)))
    _print_coverage(inputs, lang)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cxlib.inputs.config import load_config
    from cxlib.inputs.inspection import inspect_file, render

    client = load_config(args.client) if args.client else None
    path = Path(args.file)
    lang = client.language if client else detect_language()
    if not path.exists():
        raise CxError(t("insp_no_file", lang, file=args.file))
    print(render(inspect_file(path, table=args.table, client=client, lang=lang), lang))
    return 0


def _cmd_notebook(args: argparse.Namespace) -> int:
    from cxlib.lab.workbook import create_workbook

    made = create_workbook(args.client, args.name)
    print(t("cli_notebook_done", made.language, client=args.client,
            notebook=paths.display(made.notebook), script=paths.display(made.script)))
    return 0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_coverage(inputs: Inputs, lang: str) -> None:
    """Print what each report and section can show, and what would enable the rest."""
    from cxlib.analysis.coverage import REPORTS, coverage, missing_sentence, report_title

    print()
    print(t("cli_coverage", lang))
    items = coverage(inputs)
    for notebook in REPORTS:
        mine = [item for item in items if item.report == notebook]
        statuses = {item.status for item in mine}
        overall = statuses.pop() if len(statuses) == 1 else "partly"
        print(f"{_cut(report_title(notebook, lang), 48):<48}  {t(f'cov_{overall}', lang)}")
        for item in mine:
            heading = t(item.key, lang)
            line = f"  {_cut(heading, 46):<46}  {t(f'cov_{item.status}', lang)}"
            if item.missing:
                line += f"\n      {missing_sentence(item.missing, heading, lang)}"
            print(line)


def _stepper(bar: object, end: int) -> Callable[[str], None]:
    """Return a progress callback that advances ``bar`` by one per notebook, up to ``end``."""

    def step(label: str) -> None:
        bar.set_description(label)
        if bar.n < end:
            bar.update(1)

    return step


def _executor(address: str | None) -> object | None:
    """Return a Dask cluster's executor for ``--scheduler ADDRESS`` (None without one)."""
    if not address:
        return None
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise CxError(t("cli_no_dask", detect_language())) from exc
    return Client(address).get_executor()


def _cmd_run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from cxlib.run.runner import list_clients, list_notebooks, run_client, run_clients

    lang = detect_language()
    slugs = list_clients() if args.all else args.clients
    if not slugs:
        print(t("cli_no_clients", lang), file=sys.stderr)
        return 1
    if args.appendices and (args.all or len(slugs) != 1):
        print(t("cli_with_one_client", lang), file=sys.stderr)
        return 2
    qdpx = "qdpx" in (args.export or [])  # the coded corpus for QDA tools, not a report
    if qdpx:
        args.export = [f for f in args.export if f != "qdpx"] or None
    notebooks = [*(args.notebooks or list_notebooks()), *(args.appendices or [])]
    executor = _executor(args.scheduler)
    workers = 1 if len(slugs) == 1 and executor is None else args.jobs
    with tqdm(total=len(slugs) * len(notebooks), unit="nb", disable=args.quiet,
              file=sys.stderr, dynamic_ncols=True) as bar:
        finished = []

        def done(result: object) -> None:  # the bar reaches the end of each client's share
            finished.append(result)
            bar.update(max(0, len(finished) * len(notebooks) - bar.n))

        try:
            if args.appendices:  # one client's own notebooks: rendered here
                results = [run_client(slugs[0], args.notebooks, step=_stepper(bar, bar.total),
                                      exports=args.export, appendices=args.appendices,
                                      fresh=args.fresh)]
                done(results[0])
            else:
                results = run_clients(slugs, args.notebooks, step=_stepper(bar, bar.total),
                                      done=done, workers=workers, executor=executor,
                                      exports=args.export, fresh=args.fresh)
        except KeyboardInterrupt:
            bar.close()
            _print_results(finished, lang)
            left = [s for s in slugs if s not in {r.client for r in finished}]
            print(t("cli_interrupted_clients", lang, clients=", ".join(left)), file=sys.stderr)
            raise
    code = _print_results(results, lang)
    return max(code, _export_qdpx([r.client for r in results if r.ok])) if qdpx else code


def _export_qdpx(slugs: list[str]) -> int:
    """Write each client's coded corpus as a REFI-QDA project; return the exit code."""
    from cxlib.inputs.config import load_config
    from cxlib.inputs.qdpx_inputs import export_corpus

    code = 0
    for slug in slugs:
        try:
            path = export_corpus(slug)
        except CxError as exc:
            print(exc.message, file=sys.stderr)
            code = 1
            continue
        print(t("inp_cli_qdpx_done", load_config(slug).language, client=slug,
                file=paths.display(path)))
    return code


def _print_results(results: list, lang: str) -> int:
    """Print one line per client and the summary; return the exit code."""
    for result in results:
        if result.ok:
            print(f"{t('cli_ok', lang):<7}{result.client:<20} {result.seconds:6.1f} s  "
                  f"{paths.display(result.index)}")
            if result.reused:
                print(" " * 7 + t("run_reused", lang, n=len(result.reused),
                                  names=", ".join(result.reused)))
        else:
            print(f"{t('cli_failed', lang):<7}{result.client:<20} {result.seconds:6.1f} s\n"
                  f"{result.error}", file=sys.stderr)
    failed = sum(not r.ok for r in results)
    print(t("cli_summary", lang, ok=len(results) - failed, failed=failed,
            seconds=f"{sum(r.seconds for r in results):.1f}"))
    return 0 if not failed else 1


def _cmd_list(_args: argparse.Namespace) -> int:
    from cxlib.inputs.config import load_config
    from cxlib.run.runner import list_clients

    lang = detect_language()
    slugs = list_clients()
    if slugs:
        print(t("cli_list_header", lang))
    for slug in slugs:
        latest = paths.reports_dir(slug) / "latest.txt"
        run = latest.read_text(encoding="utf-8").strip() if latest.is_file() else "-"
        try:
            cfg = load_config(slug)
            print(f"{slug:<20} {cfg.client:<28} {cfg.language:<6}  {cfg.wave:<8} {run}")
        except CxError:
            print(f"{slug:<20} {'(client.yaml invalide / invalid)':<28}")
    return 0


def _cmd_demo(_args: argparse.Namespace) -> int:
    from cxlib.demo import generate_all

    for folder in generate_all():
        print(paths.display(folder))
    return 0


def _parser() -> argparse.ArgumentParser:
    from cxlib.inputs.schemas import TABLES

    parser = argparse.ArgumentParser(prog="cx", description="CX Journey Workbench")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create data/CLIENT/ from the Excel templates")
    init.add_argument("client")
    init.add_argument("--name", help="client display name")
    init.add_argument("--lang", choices=["fr", "en"], help="report language")
    init.set_defaults(func=_cmd_init)
    validate = sub.add_parser("validate", help="check a client's inputs")
    validate.add_argument("client")
    validate.set_defaults(func=_cmd_validate)
    inspect = sub.add_parser("inspect", help="show what the workbench reads in an export "
                             "and propose its client.yaml mapping")
    inspect.add_argument("file")
    inspect.add_argument("--table", choices=sorted(TABLES),
                         help="the contract table the file is for (default: best fit)")
    inspect.add_argument("--client", help="match values with this client's ids and labels "
                         "(default: the client whose folder holds the file)")
    inspect.set_defaults(func=_cmd_inspect)
    run = sub.add_parser("run", help="render a client's reports")
    who = run.add_mutually_exclusive_group(required=True)
    who.add_argument("clients", nargs="*", default=[])
    who.add_argument("--all", action="store_true", help="every client under data/")
    shipped = sorted(p.stem for p in paths.notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    run.add_argument("--notebooks", nargs="+", metavar="NOTEBOOK",
                     help="notebooks to run, among " + ", ".join(shipped)
                     + " (default: all; a partial run never becomes the latest)")
    run.add_argument("--with", dest="appendices", action="append", metavar="NOTEBOOK",
                     help="also run this notebook of yours (notebooks/work/CLIENT/…) and "
                     "publish it as an appendix; repeatable, one client only")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--fresh", action="store_true",
                     help="execute every notebook, even those whose inputs did not change")
    run.add_argument("--export", type=lambda v: [x for x in v.split(",") if x],
                     metavar="FORMATS",
                     help="also write svg,png,xlsx,pptx,pdf to the run's exports/; qdpx "
                     "writes the coded corpus to data/CLIENT/qdpx/ for QDA tools")
    run.add_argument("--jobs", type=int, default=None,
                     help="clients rendered at once (default: by cores and memory)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="render on a Dask cluster (tcp://host:8786) instead of here")
    run.set_defaults(func=_cmd_run)
    notebook = sub.add_parser("notebook", help="create your own notebook for a client, "
                              "in notebooks/work/CLIENT/ (never overwritten)")
    notebook.add_argument("client")
    notebook.add_argument("--name", default="deep-dive",
                          help="the notebook's name (default: deep-dive)")
    notebook.set_defaults(func=_cmd_notebook)
    sub.add_parser("list", help="list clients and their last run").set_defaults(func=_cmd_list)
    sub.add_parser("demo", help="generate the demo clients").set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cx`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit code: 0 success, 1 failure, 2 usage error.
    """
    args = _parser().parse_args(argv)
    # the runner turns every failure into one message: no library log line besides it
    # (nor asyncio's traceback of a kernel's task when Ctrl-C stops a run)
    logging.getLogger("papermill").addHandler(logging.NullHandler())
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        code = args.func(args)
        sys.stdout.flush()  # a reader that went away is noticed here, not at exit
        return code
    except CxError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("cli_interrupted", detect_language()), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of the output went away (``cx run --all | head -1``): the work is
        # done, nothing is left to say, and nothing must be said at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
