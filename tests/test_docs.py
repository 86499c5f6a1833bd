"""The README tells the truth about the command line: every command and flag it names is in that
command's --help, and every command the CLI has is in the README (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import functools
import re

import pytest
from click.testing import CliRunner

from qabot.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# "qabot ask", ".venv/bin/qabot ask", "$ qabot ask": a command, then what follows it on the line
_COMMAND = re.compile(r"(?:^|[\s/$])qabot ([a-z][a-z-]*)\b([^\n]*)")
_FLAG = re.compile(r"(?<![\w./-])(--?[a-zA-Z][\w-]*)")


def _code_lines() -> list[str]:
    """Lines of the fenced code blocks, without their comments."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", README, re.M | re.S)
    return [re.split(r"\s#\s", line)[0] for block in blocks for line in block.splitlines()]


def _inline() -> list[str]:
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", README, flags=re.M | re.S)
    return re.findall(r"`([^`\n]+)`", prose)


def named() -> list[tuple[str, str, tuple[str, ...]]]:
    """(where, command, flags) for every qabot command line the README shows."""
    found = []
    for where, text in [("code", line) for line in _code_lines()] + [("inline", span) for span in _inline()]:
        for m in _COMMAND.finditer(text):
            rest = re.sub(r"\"[^\"]*\"|'[^']*'", "", m.group(2))  # a question in quotes is not flags
            found.append((f"{where}: {text.strip()}", m.group(1), tuple(_FLAG.findall(rest))))
    return found


@functools.lru_cache(maxsize=None)
def help_of(command: str) -> str:
    result = CliRunner().invoke(main, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _has(help_text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help_text) is not None


def test_the_readme_shows_many_command_lines():
    lines = named()
    assert len(lines) >= 40 and sum(1 for _, _, flags in lines if flags) >= 15  # the parsing found them


@pytest.mark.parametrize("where, command, flags", named(), ids=lambda x: x if isinstance(x, str) else None)
def test_every_command_and_flag_the_readme_names_is_in_its_help(where, command, flags):
    assert command in main.commands, f"the README names `qabot {command}`, which does not exist ({where})"
    missing = [f for f in flags if not _has(help_of(command), f)]
    assert missing == [], f"`qabot {command} --help` does not list {missing} ({where})"


def test_every_flag_the_readme_names_alone_is_some_commands():
    alone = {span.split()[0] for span in _inline() if re.fullmatch(r"--?[a-zA-Z][\w-]*(?: \S+)?", span)}
    assert {"--prune", "--index", "--format"} <= alone
    helps = [help_of(c) for c in main.commands]
    assert [f for f in sorted(alone) if not any(_has(h, f) for h in helps)] == []


def test_every_command_is_in_the_readme():
    shown = {command for _, command, _ in named()}
    assert sorted(set(main.commands) - shown) == []


def test_every_file_the_readme_names_exists():
    named_files = set(re.findall(r"(?<![\w/.])((?:qabot|tests|benchmarks|config|docs|\.ci)/[\w./-]*\w\.(?:py|md|toml|yaml))",
                                 README))
    assert {"qabot/store/migrations.py", "tests/test_layout.py", "docs/scaling.md"} <= named_files
    assert sorted(f for f in named_files if not (ROOT / f).is_file()) == []
