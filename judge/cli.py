"""The `judge` command line.

Exit status: 0 success (for `submit`: accepted), 1 not accepted / a check failed / the program
failed, 2 usage errors (unknown problem, missing file, bad options).
"""
from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from judge.grading.verdict import DESCRIPTIONS, Report
from judge.problem.bank import Bank, UnknownProblem, load_cached
from judge.problem.cases import describe_generate
from judge.problem.schema import Problem, ProblemError
from judge.submission import SubmissionError, read_submission

EXIT_REJECTED, EXIT_USAGE = 1, 2
_COLORS = {"AC": "green", "PA": "yellow", "WA": "red", "CE": "magenta", "IE": "magenta"}


def _usage(message: str) -> "click.exceptions.Exit":
    click.echo(f"judge: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def _problem(bank: Bank, problem_id: str) -> Problem:
    try:
        if problem_id.endswith((".yaml", ".yml")) or os.sep in problem_id:
            return load_cached(problem_id)
        return bank.get(problem_id)
    except UnknownProblem as exc:
        raise _usage(str(exc)) from None
    except FileNotFoundError:
        raise _usage(f"no problem file {problem_id}") from None
    except ProblemError as exc:
        raise _usage(f"the problem is invalid: {exc}") from None


def _pool(workers: int | None = None, strict: bool = False):
    from sandbox import StrictModeError
    from judge.runner import open_pool
    try:
        return open_pool(workers, strict)
    except StrictModeError as exc:
        raise _usage(f"{exc} (or pass --insecure)") from None


def _grader(pool):
    from judge.grading.grade import Grader
    return Grader(pool)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--problems", "problems_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="GRADJUDGE_PROBLEMS", help="Problem bank directory (default: ./problems).")
@click.pass_context
def main(ctx: click.Context, problems_dir: Path | None) -> None:
    """gradjudge: grade autograd exercises locally."""
    ctx.obj = Bank(problems_dir)
    source = ctx.get_parameter_source("problems_dir")
    ctx.obj.given = None if problems_dir is None else (
        "env" if source is click.core.ParameterSource.ENVIRONMENT else "option")


@main.command("problems")
@click.pass_obj
def list_problems(bank: Bank) -> None:
    """List the problems with points, answer kind and tags."""
    problems, errors = bank.load_all()
    if not problems and not errors:
        raise _usage(f"no problems in {bank.directory}")
    width = max((len(p.id) for p in problems), default=10)
    for p in problems:
        tags = ", ".join(p.tags)
        line = f"{p.id:<{width}}  {p.points:>5g} pts  {p.answer.kind:<9}  {p.title}"
        click.echo(line + (f"  [{tags}]" if tags else ""))
    for error in errors:
        click.echo(click.style(f"invalid: {error}", fg="red"), err=True)


@main.command()
@click.argument("problem_id")
@click.option("--lang", default=None, help="Show statement_LANG (e.g. ja) instead of the main `statement`.")
@click.pass_obj
def show(bank: Bank, problem_id: str, lang: str | None) -> None:
    """Show a problem's statement, limits and public samples (with the reference's answers)."""
    p = _problem(bank, problem_id)
    click.echo(click.style(f"{p.title}  ({p.id}, {p.points:g} points)", bold=True))
    click.echo(f"limits: {p.time_s:g}s CPU, {p.memory_mib} MiB per test; answer: {_answer_line(p)}\n")
    statement = p.statement
    if lang is not None:
        if lang in p.statements:
            statement = p.statements[lang]
        else:
            others = ", ".join(sorted(p.statements)) or "none"
            click.echo(f"note: {p.id} has no statement_{lang}; showing its main statement (translations: "
                       f"{others})", err=True)
    click.echo(statement.rstrip() + "\n")
    values = _public_values(p)
    for test in p.tests:
        if test.generate is not None:
            detail = describe_generate(test.generate)      # how cases are drawn; values only when public
        elif test.public:
            detail = ", ".join(f"{k} = {v}" for k, v in test.inputs.items()) or "no inputs"
            if test.stdin:
                detail += f", stdin {json.dumps(test.stdin, ensure_ascii=False)}"
            if test.name in values:
                detail += f" -> {values[test.name]}"
            elif test.expected is not None:
                detail += f" -> {test.expected}"
        else:
            detail = "fixed inputs"
        click.echo(f"{'public' if test.public else 'hidden'} test {test.name}: {detail}")
        if test.generate is not None and test.public:
            shown = [name for name in values if name.startswith(f"{test.name}-")]
            for name in shown:
                click.echo(f"  {name}: {values[name]}")


_SHOWN_CASES = 3                    # of a public generated test


def _public_values(p: Problem) -> dict[str, str]:
    """Inputs and the reference's answers of the public cases, by case name: from the expected-value
    cache when there, else computed in the sandbox (started only then). {} if that fails."""
    from judge.expected import ExpectedStore, ReferenceFailure
    from judge.problem.cases import expand_cases
    cases, per_test = [], {}
    for case in expand_cases(p):
        if not case.public:
            continue
        per_test[case.test] = per_test.get(case.test, 0) + 1
        if per_test[case.test] <= _SHOWN_CASES:
            cases.append(case)
    if not cases:
        return {}
    runner = _LazyPool()
    try:
        answers = ExpectedStore(runner).answers(p, cases)
    except ReferenceFailure as exc:
        click.echo(f"note: the reference fails ({exc.brief}); showing the literals only", err=True)
        return {}
    except Exception as exc:      # no sandbox here: the statement is still worth showing
        click.echo(f"note: could not compute the reference's answers ({type(exc).__name__}: {exc})", err=True)
        return {}
    finally:
        runner.close()
    out = {}
    for case, named in zip(cases, answers):
        text = _format_answers(named)
        if case.name != case.test:          # a generated case: its drawn inputs too
            drawn = ", ".join(f"{k} = {_format_array(v)}" for k, v in case.inputs.items())
            text = f"{drawn} -> {text}" if drawn else text
        out[case.name] = text
    return out


def _format_answers(named) -> str:
    if len(named) == 1 and named[0].name == "output":
        return _format_array(named[0].value)
    return ", ".join(f"{a.name} = {_format_array(a.value)}" for a in named)


def _format_array(value) -> str:
    import numpy as np
    array = np.asarray(value, dtype=float)
    if array.size > 60:
        return f"(an array of shape {tuple(array.shape)})"

    def text(a) -> str:
        return f"{float(a):.8g}" if a.ndim == 0 else "[" + ", ".join(text(x) for x in a) + "]"
    return text(array)


class _LazyPool:
    """A sandbox pool started on the first `map` (cached answers need none)."""

    def __init__(self):
        self.pool = None

    def map(self, jobs):
        if self.pool is None:
            self.pool = _pool().__enter__()
        return self.pool.map(jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.__exit__(None, None, None)


def _answer_line(p: Problem) -> str:
    a = p.answer
    if a.kind == "stdout":
        return "print the numbers"
    if a.kind == "variables":
        return "leave " + ", ".join(f"{e}" + (".grad" if w == "grad" and not e.endswith(".grad") else "")
                                    for e, w in a.read) + " set"
    if a.kind == "function":
        return f"define {a.name}({', '.join(a.args)}) taking {a.arg_type} arguments"
    return f"leave the minimising point in `{a.point}`" if a.point else "print the minimising point"


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-p", "--problem", "problem_id", required=True, help="Problem id (see `judge problems`).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--student", default=None, help="Student id: varies the cases of per-student tests.")
@click.pass_obj
def submit(bank: Bank, file: Path, problem_id: str, as_json: bool, student: str | None) -> None:
    """Grade FILE (.py or .ipynb) against a problem. Exit 0 only when accepted."""
    from judge.grading.grade import Submission
    from judge.problem.cases import expand_cases
    p = _problem(bank, problem_id)
    source = _read(file)
    # The tests of one submission run side by side (each in its own sandbox), a few at a time.
    workers = max(1, min(len(expand_cases(p, student)), os.cpu_count() or 1, 4))
    with _pool(workers) as pool:
        report = _grader(pool).grade(p, Submission(source.code, source.filename, student))
    report.notices = list(source.notes) + report.notices
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        _print_report(report)
    if not report.accepted:
        raise click.exceptions.Exit(EXIT_REJECTED)


def _read(file: Path):
    try:
        return read_submission(file)
    except SubmissionError as exc:
        raise _usage(str(exc)) from None


def _width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_report(report: Report) -> None:
    head = click.style(report.verdict, fg=_COLORS.get(report.verdict, "red"), bold=True)
    click.echo(f"{report.problem}: {head} ({DESCRIPTIONS[report.verdict]})  "
               f"score {report.score:.4g}/{report.max_score:g}")
    if report.message:
        click.echo(report.message)
    width = max((_width(t.name) for t in report.tests), default=4)
    for t in report.tests:
        verdict = click.style(f"{t.verdict:<3}", fg=_COLORS.get(t.verdict, "red"))
        click.echo(f"  {t.name + ' ' * (width - _width(t.name))}  {verdict} {t.time_ms:7.1f} ms {t.memory_kib:>8} KiB  "
                   f"{t.score:.4g}/{t.max_score:.4g}")
        for line in t.message.splitlines():
            click.echo(f"      {line}")
    for notice in report.notices:
        click.echo(click.style(f"note: {notice}", dim=True))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--stdin", "stdin_file", type=click.File("r"), default=None, help="File to feed as stdin.")
@click.option("--time", "time_s", default=10.0, show_default=True, help="Time limit in seconds.")
@click.option("-p", "--problem", "problem_id", default=None,
              help="Run with a problem's public test: its `inputs` and stdin, and show what the judge reads.")
@click.option("--test", "test_name", default=None, help="Which public test of -p (default: the first public one).")
@click.pass_obj
def run(bank: Bank, file: Path, stdin_file, time_s: float, problem_id: str | None, test_name: str | None) -> None:
    """Run a script on the engine (`import torch` is the engine) in the sandbox and show its output."""
    from sandbox.job import Job, Limits, Status
    source = _read(file)
    stdin = stdin_file.read() if stdin_file else ""
    problem = case = None
    if problem_id is not None:
        from judge.grading.runs import build_job
        problem = _problem(bank, problem_id)
        case = _public_case(problem, test_name)
        job = build_job(problem, case, source.code, filename=source.filename)
        job = replace(job, stdin=stdin or job.stdin,
                      limits=Limits(wall_time_s=time_s, cpu_time_s=time_s, memory_mib=problem.memory_mib))
    elif test_name is not None:
        raise _usage("--test needs -p PROBLEM")
    else:
        job = Job(source=source.code, filename=source.filename, stdin=stdin,
                  limits=Limits(wall_time_s=time_s, cpu_time_s=time_s))
    with _pool() as pool:
        outcome = pool.map([job])[0]
    click.echo(outcome.stdout, nl=False)
    click.echo(outcome.stderr, nl=False, err=True)
    if outcome.status is not Status.OK:
        click.echo(outcome.error.rstrip(), err=True)
        verdict = outcome.status.value
        click.echo(click.style(f"{verdict} ({DESCRIPTIONS[verdict]})", fg="red"), err=True)
        raise click.exceptions.Exit(EXIT_REJECTED)
    if problem is not None and problem.answer.kind != "stdout":
        from judge.grading.runs import AnswerError, read_answers
        try:
            read = _format_answers(read_answers(problem, outcome))
        except AnswerError as exc:
            read = f"nothing: {exc}"
        click.echo(click.style(f"the judge reads (test {case.name}): {read}", dim=True), err=True)


def _public_case(problem: Problem, test_name: str | None):
    """A public case by name (a generated one as <test>-<i>), or the first public one."""
    from judge.problem.cases import expand_cases
    cases = expand_cases(problem)
    public = [c for c in cases if c.public]
    if test_name is None:
        if not public:
            raise _usage(f"{problem.id} has no public test; runs with -p use a public test's inputs")
        return public[0]
    match = next((c for c in cases if test_name in (c.name, c.test)), None)
    if match is None:
        names = ", ".join(dict.fromkeys(c.name for c in public)) or "none"
        raise _usage(f"{problem.id} has no test '{test_name}' (public tests: {names})")
    if not match.public:
        raise _usage(f"test '{test_name}' of {problem.id} is hidden: its inputs are not shown")
    return match


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-p", "--problem", "problem_id", required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("scores.csv"),
              show_default=True, help="CSV of scores and verdicts.")
@click.option("--workers", type=int, default=None, help="Parallel sandboxes (default: CPU count).")
@click.option("--insecure", is_flag=True, help="Grade even when a strict sandbox layer is missing.")
@click.pass_obj
def grade(bank: Bank, directory: Path, problem_id: str, out: Path, workers: int | None, insecure: bool) -> None:
    """Grade every .py/.ipynb in DIRECTORY (student = file name) into a CSV.

    Other people's code may be hostile, so this refuses to run unless every strict sandbox
    layer is active (see `judge doctor`), unless --insecure."""
    from judge.grading.grade import Submission
    p = _problem(bank, problem_id)
    files = sorted(f for f in directory.iterdir() if f.suffix in (".py", ".ipynb") and f.is_file())
    if not files:
        raise _usage(f"no .py or .ipynb files in {directory}")
    submissions, unreadable = [], {}
    for f in files:
        try:
            source = read_submission(f)
            submissions.append((f, Submission(source.code, source.filename, f.stem)))
        except SubmissionError as exc:
            unreadable[f] = str(exc)
    with _pool(workers or os.cpu_count(), strict=not insecure) as pool:
        with click.progressbar(length=len(submissions), label=f"grading {p.id}", file=sys.stderr) as bar:
            reports = _grader(pool).grade_many(p, [s for _, s in submissions], on_done=bar.update)
    test_names = [t.name for r in reports for t in r.tests]
    test_names = list(dict.fromkeys(test_names))
    rows = []
    for (f, _), r in zip(submissions, reports):
        per_test = {t.name: t.verdict for t in r.tests}
        first = next((t.message for t in r.tests if t.verdict != "AC"), r.message)
        rows.append([f.stem, f.name, r.verdict, f"{r.score:.2f}", f"{r.max_score:g}",
                     *[per_test.get(n, "") for n in test_names], first.splitlines()[0] if first else ""])
    for f, message in unreadable.items():
        rows.append([f.stem, f.name, "CE", "0.00", f"{p.points:g}", *[""] * len(test_names), message])
    with out.open("w", newline="", encoding="utf-8", errors="backslashreplace") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "file", "verdict", "score", "max_score", *test_names, "message"])
        writer.writerows(sorted(rows, key=lambda row: (row[0], row[1])))      # by student
    counts: dict[str, int] = {}
    for r in reports:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    if unreadable:
        counts["CE"] = counts.get("CE", 0) + len(unreadable)
    summary = ", ".join(f"{v} {n}" for v, n in sorted(counts.items()))
    click.echo(f"{len(files)} submissions: {summary}; wrote {out}")


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--workers", type=int, default=None, help="Parallel sandboxes (default: CPU count).")
@click.option("-v", "--verbose", is_flag=True, help="Also list what passed: each wrong solution and mutant "
              "and the test that rejected it.")
@click.pass_obj
def check(bank: Bank, targets: tuple[str, ...], workers: int | None, verbose: bool) -> None:
    """Prove problems right (all of the bank by default): exits 1 on any failure."""
    from judge.authoring.check import check_paths
    paths = []
    for target in targets or bank.ids():
        if target.endswith((".yaml", ".yml")) or os.sep in target:
            paths.append(Path(target))
        else:
            try:
                paths.append(bank.path_of(target))
            except UnknownProblem as exc:
                raise _usage(str(exc)) from None
    if not paths:
        raise _usage(f"no problems in {bank.directory}")

    def show_result(result) -> None:
        mark = click.style("ok  ", fg="green") if result.ok else click.style("FAIL", fg="red", bold=True)
        click.echo(f"{mark} {result.target}")
        for finding in result.findings:
            if not finding.ok:
                click.echo(f"     {finding.check}: {finding.detail}")
            elif finding.warning:
                click.echo(click.style(f"     warning: {finding.check}: {finding.detail}", fg="yellow"))
        if verbose:
            for finding in result.findings:
                if finding.ok and not finding.warning and finding.detail:
                    click.echo(f"     {finding.check}: {finding.detail}")
            for line in result.details:
                click.echo(f"     {line}")

    workers = workers or os.cpu_count() or 1
    with _pool(workers) as pool:
        results = check_paths(paths, _grader(pool), parallel=2 * workers, on_done=show_result)
    failed = [r for r in results if not r.ok]
    click.echo(f"{len(results) - len(failed)}/{len(results)} problems pass")
    if failed:
        raise click.exceptions.Exit(EXIT_REJECTED)


@main.command()
@click.argument("problem_id")
@click.pass_obj
def new(bank: Bank, problem_id: str) -> None:
    """Write problems/ID.yaml from a commented template that passes `judge check`."""
    from judge.authoring.new import write_template
    from judge.problem.bank import bundled_bank_dir
    given = bank.given
    # Without --problems (or $GRADJUDGE_PROBLEMS) the problem goes to ./problems, created if need
    # be: never silently into the bundled bank, which is where the default bank falls back to.
    directory = bank.directory if given else Path.cwd() / "problems"
    bundled = bundled_bank_dir().resolve()
    if not given and directory.resolve() == bundled:
        raise _usage(f"./problems is the bundled bank ({bundled}); to add a problem to it pass "
                     "--problems problems, or run `judge new` in your course's directory")
    try:
        path = write_template(problem_id, directory)
    except (ValueError, FileExistsError) as exc:
        raise _usage(str(exc)) from None
    flag = f"--problems {directory} " if given == "option" or (not given and Bank().directory.resolve()
                                                                 != directory.resolve()) else ""
    click.echo(f"wrote {path}; edit it, then run: judge {flag}check {problem_id}")
    if directory.resolve() != bundled and (bundled / f"{problem_id}.yaml").is_file():
        click.echo(f"note: the bundled bank also has a problem '{problem_id}'; with this bank selected, yours "
                   "is the one `judge` sees", err=True)


@main.command()
def doctor() -> None:
    """Show which sandbox isolation layers are active on this machine, and why not."""
    import sandbox
    layers = sandbox.doctor()
    width = max(len(layer.name) for layer in layers)
    for layer in layers:
        mark = click.style("on ", fg="green") if layer.active else click.style("off", fg="yellow")
        kind = "strict" if layer.strict else "best-effort"
        click.echo(f"{mark} {layer.name:<{width}}  {kind:<11}  {layer.detail}")


if __name__ == "__main__":
    main()
