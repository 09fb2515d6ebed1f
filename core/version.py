"""The installed chonai version (pyproject.toml), for `chonai --version` and the OpenAPI doc."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def version() -> str:
    """From the source tree's pyproject.toml when present (a checkout), else the installed
    distribution's metadata."""
    try:
        found = re.search(r'^version\s*=\s*"([^"]+)"', PYPROJECT.read_text("utf-8"), re.M)
        if found:
            return found.group(1)
    except OSError:
        pass
    try:
        return metadata.version("chonai")
    except metadata.PackageNotFoundError:
        return "unknown"
