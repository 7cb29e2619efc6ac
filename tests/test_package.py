"""The package's public names: the build names load on first use, and ``storyline.build`` is the
function however the build module was imported before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(script: str) -> str:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout.strip()


def test_importing_the_package_does_not_load_the_build_machinery() -> None:
    assert run("import sys, storyline; print('storyline.builder' in sys.modules, 'spacy' in sys.modules)") \
        == "False False"


def test_build_is_the_function_whichever_import_came_first() -> None:
    assert run("import storyline.builder, storyline; print(callable(storyline.build), storyline.build.__module__)") \
        == "True storyline.builder"
    assert run("from storyline import build; import storyline.builder; print(build is storyline.builder.build)") \
        == "True"


def test_an_unknown_name_is_an_attribute_error() -> None:
    import storyline

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        storyline.nothing_here  # noqa: B018
