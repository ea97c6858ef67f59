"""How the ``relu-anim`` command fails: one line, a known exit code, never a traceback.

Bad input is :class:`BadInput` (exit 2), a failed render exits 1, Ctrl-C or SIGTERM
:class:`Interrupted` (exit 130); :class:`OneLineErrors`, the command group, prints each as
``relu-anim: error: ...`` on one line.
"""

from __future__ import annotations

import sys
from typing import Any

import click
import cloup

from relu_anim.render import interrupt

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_RENDER_FAILED",
    "INTERRUPTED",
    "BadInput",
    "Interrupted",
    "OneLineErrors",
    "one_line",
]

EXIT_BAD_INPUT = 2
EXIT_RENDER_FAILED = 1
EXIT_INTERRUPTED = 130
INTERRUPTED = "interrupted"


class BadInput(click.ClickException):
    """Bad input from the user: one line naming the problem and the fix, exit code 2."""

    exit_code = EXIT_BAD_INPUT


class Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM: the files in place are complete; a stopped render left the old or none."""

    exit_code = EXIT_INTERRUPTED


def one_line(message: str) -> str:
    """``message`` squeezed onto one line."""
    return " ".join(message.split())


class OneLineErrors(cloup.Group):
    """A command group whose errors are one line (``relu-anim: error: ...``), never a traceback."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        """Run the command; SIGINT and SIGTERM end every command with exit 130 and one line.

        Run as a program (no ``args``: the console script), a signal that arrives after the
        command has returned, while Python shuts down, also ends it at once.
        """
        kwargs["standalone_mode"] = False
        try:
            # Without this SIGTERM killed the lecture pack or watch outright (exit 143, no
            # line, partial files left) and Ctrl-C on watch exited 0.
            with interrupt.enabled(INTERRUPTED):
                status = super().main(args, *rest, **kwargs)
                if interrupt.received():  # a signal a library swallowed (a finalizer's)
                    raise KeyboardInterrupt
        except click.UsageError as error:
            path = error.ctx.command_path if error.ctx else "relu-anim"
            self._exit(f"{one_line(error.format_message())} (see '{path} --help')", EXIT_BAD_INPUT)
        except Interrupted as error:
            self._interrupted(one_line(error.format_message()), program=args is None)
        except click.ClickException as error:
            self._exit(one_line(error.format_message()), error.exit_code)
        except (click.Abort, KeyboardInterrupt):
            self._interrupted(INTERRUPTED, program=args is None)
        if args is None:
            interrupt.stop_at_once(INTERRUPTED)
        sys.exit(status if isinstance(status, int) else 0)

    @staticmethod
    def _interrupted(message: str, program: bool) -> None:
        click.echo(f"relu-anim: {message}", err=True)
        if program:  # the line is out: a second signal while Python shuts down adds none
            interrupt.stop_at_once(None)
        sys.exit(EXIT_INTERRUPTED)

    @staticmethod
    def _exit(message: str, code: int) -> None:
        click.echo(f"relu-anim: error: {message}", err=True)
        sys.exit(code)
