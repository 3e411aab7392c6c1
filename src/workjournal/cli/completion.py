"""Shell completion that honours the shell named: ``journal --show-completion zsh`` prints zsh's
script and ``journal --install-completion fish`` writes fish's file, whatever shell runs them.

Typer's two options are plain flags whenever it can detect the shell, so a shell named after them
was read as a command name and ignored: from bash, ``--install-completion zsh`` wrote bash's
script into ~/.bashrc. ``take_shell`` lifts the shell's name out of the arguments before Click
parses them, and the two callbacks here (which replace Typer's) use it, or the detected shell when
none is named. Typer still writes the scripts and files (its ``_completion_shared`` helpers; typer
is held below 0.29 in pyproject.toml)."""

from __future__ import annotations

from typing import Any

import typer

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
INSTALL = "--install-completion"
SHOW = "--show-completion"
_META_KEY = "workjournal.completion_shell"
_ROOT_OPTIONS_WITH_VALUE = ("--db",)


def take_shell(args: list[str], commands: set[str]) -> tuple[list[str], str | None]:
    """``args`` without the shell named after ``--install-completion``/``--show-completion``
    (``--show-completion zsh`` or ``--show-completion=zsh``), and that name. Only the root
    options are read: everything from the command name on is left alone."""
    out: list[str] = []
    shell: str | None = None
    index = 0
    while index < len(args):
        arg = args[index]
        name, equals, value = arg.partition("=")
        if name in (INSTALL, SHOW):
            following = args[index + 1] if index + 1 < len(args) else None
            if equals:
                shell = value
            elif (
                following is not None
                and not following.startswith("-")
                and following not in commands
            ):
                shell = following
                index += 1
            out.append(name)
        elif arg in _ROOT_OPTIONS_WITH_VALUE:
            out.extend(args[index : index + 2])
            index += 1
        elif arg == "--" or not arg.startswith("-"):
            out.extend(args[index:])
            break
        else:
            out.append(arg)
        index += 1
    if shell is not None:
        shell = shell.strip().lower()
        if shell not in SHELLS:
            raise typer.BadParameter(
                f"cannot complete for the shell {shell!r}: name one of {', '.join(SHELLS)}.",
                param_hint=f"'{INSTALL}' / '{SHOW}'",
            )
    return out, shell


def detect_shell() -> str | None:
    """The shell this runs in, as Typer detects it (shellingham), or None."""
    from typer._completion_shared import _get_shell_name

    return _get_shell_name()


def _shell(ctx: typer.Context) -> str:
    named = ctx.meta.get(_META_KEY)
    shell = named or detect_shell()
    if not shell:
        typer.echo(
            "Error: could not tell which shell this is. Name it, for example "
            f"`{_prog(ctx)} {SHOW} zsh` ({', '.join(SHELLS)}).",
            err=True,
        )
        raise typer.Exit(1)
    return str(shell)


def _prog(ctx: typer.Context) -> str:
    return ctx.find_root().info_name or "journal"


def _complete_var(prog: str) -> str:
    return "_{}_COMPLETE".format(prog.replace("-", "_").upper())


def _show(ctx: typer.Context, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import get_completion_script

    prog = _prog(ctx)
    typer.echo(
        get_completion_script(prog_name=prog, complete_var=_complete_var(prog), shell=_shell(ctx))
    )
    raise typer.Exit()


def _install(ctx: typer.Context, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    prog = _prog(ctx)
    shell, path = install(shell=_shell(ctx), prog_name=prog, complete_var=_complete_var(prog))
    typer.echo(f"{shell} completion installed in {path}", err=True)
    typer.echo("It takes effect in the next terminal you open.", err=True)
    raise typer.Exit()


def prepare(ctx: typer.Context, command: Any, args: list[str]) -> list[str]:
    """Called by the root group before it parses ``args``: remember the shell named, and put
    the callbacks above in place of Typer's on its two completion options."""
    args, shell = take_shell(args, set(getattr(command, "commands", {})))
    ctx.meta[_META_KEY] = shell
    for param in command.params:
        if param.name == "install_completion":
            param.callback = _install
            param.help = (
                "Install completion for the shell named after it (bash, zsh, fish), "
                "else for this shell."
            )
        elif param.name == "show_completion":
            param.callback = _show
            param.help = (
                "Print the completion script for the shell named after it (bash, zsh, "
                "fish), else for this shell."
            )
    return args
