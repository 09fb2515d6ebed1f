"""Uploaded original files, kept per document version so a citation can open the source
(a manual's PDF at the cited page) and owners can download what was registered.

Layout: <data_dir>/originals/<document_id>/<version>/<file name>. Access checks are the
route's job (api/routes/sources.py); this module only stores and finds files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ORIGINALS = "originals"


def folder(data_dir: Path, document_id: str, version: str) -> Path:
    return data_dir / ORIGINALS / _safe(document_id) / _safe(version)


def _safe(part: str) -> str:
    """Ids and versions are ours (hex, dates), but never let one climb out of the folder."""
    if not part or "/" in part or "\\" in part or part.startswith("."):
        raise ValueError(f"bad path part {part!r}")
    return part


def keep(data_dir: Path, document_id: str, version: str, source: Path) -> Path:
    """Copy `source` as the original of this version (replacing an earlier copy)."""
    target_dir = folder(data_dir, document_id, version)
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    target = target_dir / source.name
    shutil.copyfile(source, target)
    return target


def find(data_dir: Path, document_id: str, version: str) -> Path | None:
    try:
        target_dir = folder(data_dir, document_id, version)
    except ValueError:
        return None
    files = sorted(p for p in target_dir.glob("*") if p.is_file()) if target_dir.is_dir() else []
    return files[0] if files else None


def forget(data_dir: Path, document_id: str, version: str | None = None) -> None:
    """Remove the originals of one version, or of every version of the document."""
    base = data_dir / ORIGINALS / _safe(document_id)
    shutil.rmtree(base / _safe(version) if version else base, ignore_errors=True)
