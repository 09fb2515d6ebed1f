"""`chonai sync DIR [--dry-run]`: mirror a folder into the index (index/sync.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.errors import RagError
from core.settings import Settings


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help="mirror a folder: add new, replace changed, retire "
        "removed files",
        description="Make the index mirror DIR (e.g. a 例規集 export): new files are added, "
        "changed files become a new version of their document (施行日 from the document), "
        "removed files are retired (kept in history, not searchable). Unchanged files are not "
        "read again, so running it twice does nothing the second time; safe from cron (it "
        "takes the data dir's writer lock and stops with one line if the server or another "
        "writer holds it).")
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    p.add_argument("--kind", default="auto", choices=["auto", "regulation", "faq", "manual"])
    p.add_argument("--department", action="append", default=[], metavar="NAME",
                   help="restrict the documents to this department (repeatable)")
    p.add_argument("--granularity", default="article",
                   choices=["article", "qa", "section", "file"])
    p.set_defaults(func=cmd_sync)


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from api.cli_access import emit
    from db.catalog import Catalog
    from index.sync import apply_sync, describe, plan_sync
    from ingest.pipeline import discover

    root: Path = args.dir
    if not root.is_dir():
        raise RagError(f"{root} is not a folder")
    files = discover([root])
    if args.dry_run:  # a data dir that does not exist yet is not created
        fresh = settings.database_url is None and not (settings.data_dir / "chonai.db").exists()
        catalog = None if fresh else Catalog(settings.db_url)
        try:
            plan = plan_sync(catalog, root, files)
        finally:
            if catalog is not None:
                catalog.close()
        emit(args, {"dry_run": True, **plan.to_dict()}, describe(plan))
        return 0
    report = _sync(args, settings, root, files, plan_sync, apply_sync)
    counts = report["counts"]
    lines = [f"{r['action']:>8}  {r['path']}  {r['chunks']} chunks  施行日="
             f"{r.get('effective_date') or '-'}" + _units(r) for r in report["results"]]
    lines += [f"  retire  {r['path']}  ({r['document_id']})" for r in report["retired"]]
    lines += [f"   error  {e['path']}: {e['error']}" for e in report["errors"]]
    lines.append(f"added {counts['add']}, replaced {counts['replace']}, retired "
                 f"{counts['retire']}, unchanged {counts['unchanged']}, "
                 f"{len(report['errors'])} errors")
    emit(args, report, "\n".join(lines))
    return 1 if report["errors"] else 0


def _units(result: dict[str, Any]) -> str:
    units = result.get("units")
    if not units:
        return ""
    return f"  (units: {units['changed']} changed, {units['added']} added, " \
           f"{units['removed']} removed, {units['same']} same)"


def _sync(args: argparse.Namespace, settings: Settings, root: Path, files: list[Path],
          plan_sync: Any, apply_sync: Any) -> dict[str, Any]:
    from index.ingest import ConsoleEvents, ingest_files
    from ingest.convert import Converters
    from services.build import build_services

    services = build_services(settings, command="sync")
    try:
        plan = plan_sync(services.catalog, root, files)

        def ingest(paths: list[Path], document_ids: dict[Path, str], events: Any
                   ) -> dict[str, Any]:
            return ingest_files(services.indexer, paths, max_bytes=settings.max_upload_bytes,
                                kind=args.kind, departments=args.department,
                                granularity=args.granularity, events=events,
                                converters=Converters.from_settings(settings),
                                document_ids=document_ids)

        return apply_sync(plan, catalog=services.catalog, store=services.store, ingest=ingest,
                          events=ConsoleEvents())
    finally:
        services.close()
