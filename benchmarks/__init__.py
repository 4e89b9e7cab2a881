"""The project's benchmarks. Each prints the command that made its figures before them."""

import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def command_line() -> str:
    """The command running, as typed at the repository's root."""
    script = Path(sys.argv[0]).resolve()
    shown = str(script.relative_to(ROOT)) if script.is_relative_to(ROOT) else sys.argv[0]
    return shlex.join([".venv/bin/python", shown, *sys.argv[1:]])


def say_command() -> None:
    print(f"$ {command_line()}", flush=True)
