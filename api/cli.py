"""`chonai` command line: ingest, search, ask, documents, serve, eval.

Every command takes --data-dir, prints progress to stderr and, with --json, one JSON object to
stdout. Errors are one line on stderr and exit status 1 (2 for usage errors).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.cli_access import emit
from api.cli_access import read_only as _read_only
from api.cli_access import remote as _remote
from core.errors import RagError
from core.settings import Settings

if TYPE_CHECKING:
    from db.catalog import Catalog
    from services.build import Services

log = logging.getLogger("chonai")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged PDFs: one error line, not ten
    settings = _settings(args)
    try:
        return _dispatch(args, settings)
    except RagError as err:
        print(f"chonai: error: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a full disk outside the guarded writes: still one line
        from core.storage import storage_full_from

        full = storage_full_from(err, settings.data_dir)
        if full is None:
            raise
        print(f"chonai: error: {full}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("chonai: interrupted", file=sys.stderr)
        return 130


# how each command reaches the data dir (api/cli_access.py); eval decides for itself
ACCESS = {
    "cmd_ingest": "write", "cmd_sync": "write", "cmd_documents_delete": "write",
    "cmd_reindex": "write",
    "cmd_serve": "write", "cmd_audit_purge": "write",
    "cmd_search": "read-index", "cmd_ask": "read-index", "cmd_documents_digest": "read-index",
    "cmd_documents_list": "read-db", "cmd_documents_versions": "read-db",
    "cmd_documents_duplicates": "read-db", "cmd_users_list": "read-db",
    "cmd_audit_verify": "read-db", "cmd_audit_export": "read-db",
    "cmd_feedback_export": "read-db", "cmd_quarantine_list": "read-db",
    "cmd_quarantine_decide": "admin",
    "cmd_users_add": "admin", "cmd_users_set": "admin", "cmd_users_key": "admin",
    "cmd_users_revoke": "admin",
    "cmd_eval": "eval", "cmd_eval_compare": "none",
    # backup reads under the data dir's write gate (core/writegate.py), next to a running
    # server; restore checks the target is empty, then opens it like a server (taking the lock)
    "cmd_backup": "none", "cmd_restore": "none",
    "cmd_db_current": "read-db", "cmd_db_upgrade": "write",
}


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    """Run the command holding the data dir's lock, or through the server that holds it."""
    from api.cli_access import open_access

    name = args.func.__name__
    kind = ACCESS.get(name, "write")
    if kind == "eval":
        kind = _eval_access(args)
    access = open_access(settings, kind, name.removeprefix("cmd_").replace("_", " "))
    args.access = access
    try:
        return int(args.func(args, settings) or 0)
    finally:
        access.close()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="index + metadata database "
                        "(default: $CHONAI_DATA_DIR or ./var)")
    common.add_argument("--json", action="store_true", help="print one JSON object to stdout")

    from core.version import version

    parser = argparse.ArgumentParser(
        prog="chonai", description="庁内QA: cited answers over regulations, manuals and FAQs.")
    parser.add_argument("--version", action="version", version=f"chonai {version()}")
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("ingest", parents=[common], help="add or replace documents",
                       description="Parse files (regulations per 条/項, FAQs per QA pair, "
                       "manuals per section/page) and index them. Folders are walked.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--kind", default="auto", choices=["auto", "regulation", "faq", "manual"])
    p.add_argument("--department", action="append", default=[], metavar="NAME",
                   help="restrict the documents to this department (repeatable); "
                   "default: public")
    p.add_argument("--granularity", default="article",
                   choices=["article", "qa", "section", "file"],
                   help="chunking: structure-aware (article/qa, default), section or file")
    p.add_argument("--title", help="document title (single file only)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="CPU threads for the embedding model (default: every core; "
                   "CHONAI_EMBEDDING_THREADS); parsing and writes run beside them")
    p.add_argument("--columns", type=parse_columns, metavar="FIELD=HEADER,…",
                   help="FAQ sheets with other headers, e.g. question=問合せ内容,answer=回答内容 "
                   "(fields: question answer category department updated id)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", parents=[common], help="hybrid search, ranked hits")
    p.add_argument("query")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--kind", action="append", default=[],
                   choices=["regulation", "faq", "manual"])
    p.add_argument("--department", action="append", default=None, metavar="NAME",
                   help="search as a member of this department (repeatable)")
    p.add_argument("--history", action="store_true", help="include superseded versions")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", parents=[common], help="cited answer or similar QAs")
    p.add_argument("query")
    p.add_argument("--mode", default="answer", choices=["answer", "similar"])
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--department", action="append", default=None, metavar="NAME")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("documents", parents=[common], help="list, show versions, delete, "
                       "duplicates")
    dsub = p.add_subparsers(title="actions")
    d = dsub.add_parser("list", parents=[common], help="documents with chunk counts")
    d.set_defaults(func=cmd_documents_list)
    d = dsub.add_parser("delete", parents=[common], help="remove a document and every chunk")
    d.add_argument("document_id")
    d.set_defaults(func=cmd_documents_delete)
    d = dsub.add_parser("versions", parents=[common], help="versions of one document")
    d.add_argument("document_id")
    d.set_defaults(func=cmd_documents_versions)
    d = dsub.add_parser("duplicates", parents=[common], help="duplicate / near-duplicate QAs")
    d.set_defaults(func=cmd_documents_duplicates)
    d = dsub.add_parser("digest", parents=[common], help="fingerprint of the store and catalog "
                        "(point count, per-document counts, sha256), to prove nothing changed")
    d.set_defaults(func=cmd_documents_digest)
    p.set_defaults(func=cmd_documents_list)

    p = sub.add_parser("reindex", parents=[common], help="rebuild the embedded index",
                       description="Re-embed every stored chunk (all versions) into a fresh "
                       "embedded index and swap it in when complete: after changing "
                       "CHONAI_EMBEDDING, or to add the question vector to an index made before "
                       "QA-aware search. Stop `chonai serve` first.")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("serve", parents=[common], help="API + web page")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--load-sample", action="store_true",
                   help="ingest the bundled sample corpus first when the store is empty")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", parents=[common], help="accuracy benchmark on a labeled set",
                       description="chonai eval --dataset PATH [--report DIR]: score a "
                       "question set; chonai eval compare A B: what changed between two runs.")
    p.add_argument("--dataset", type=Path,
                   help="JSONL / CSV question set, or a BEIR-style folder")
    p.add_argument("--no-answer", dest="answer", action="store_false",
                   help="skip answer mode (citation precision, answer hit rate)")
    esub = p.add_subparsers(title="actions")
    e = esub.add_parser("compare", parents=[common], help="metric deltas and changed queries")
    e.add_argument("a", type=Path, help="report.json or report folder (before)")
    e.add_argument("b", type=Path, help="report.json or report folder (after)")
    e.set_defaults(func=cmd_eval_compare)
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument("--report", type=Path, help="write report.json (and HTML) into this folder")
    p.add_argument("--granularity", default="article",
                   choices=["article", "qa", "section", "file"],
                   help="chunking used when the dataset brings its own corpus")
    p.set_defaults(func=cmd_eval)

    from api.cli_admin import add_commands
    from api.cli_ops import add_commands as add_ops_commands
    from api.cli_sync import add_commands as add_sync_command

    add_sync_command(sub, common)
    add_commands(sub, common)  # users, audit, quarantine, feedback
    add_ops_commands(sub, common)  # backup, restore, db
    return parser


def parse_columns(value: str) -> dict[str, str]:
    """`question=問合せ内容,answer=回答内容` → {"question": "問合せ内容", …}."""
    fields = {"question", "answer", "category", "department", "updated", "id"}
    mapping: dict[str, str] = {}
    for part in value.split(","):
        name, sep, header = part.partition("=")
        if not sep or name.strip() not in fields or not header.strip():
            raise argparse.ArgumentTypeError(
                f"bad column mapping {part!r}: use FIELD=HEADER with FIELD one of "
                + ", ".join(sorted(fields)))
        mapping[name.strip()] = header.strip()
    return mapping


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    if getattr(args, "workers", None):
        if args.workers < 1:
            raise SystemExit("chonai: error: --workers must be 1 or more")
        overrides["embedding_threads"] = args.workers
    return Settings(**overrides)


def _catalog(settings: Settings, *, read_only: bool = False) -> Catalog:
    """The catalog; read-only (no schema upgrade, no key needed) while a server owns the dir."""
    from core.audit_key import audit_key
    from db.catalog import Catalog

    if read_only:
        return Catalog(settings.db_url, read_only=True)
    return Catalog(settings.db_url, audit_key=audit_key(settings))


def _services(settings: Settings) -> Services:
    from services.build import build_services

    return build_services(settings, command="cli")


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from index.ingest import ConsoleEvents, ingest_files
    from ingest.convert import Converters
    from ingest.pipeline import discover

    files = discover(list(args.paths))
    if args.title and len(files) != 1:
        raise RagError("--title needs exactly one file")
    services = _services(settings)
    try:
        report = ingest_files(services.indexer, files, max_bytes=settings.max_upload_bytes,
                              kind=args.kind, departments=args.department,
                              granularity=args.granularity, title=args.title,
                              column_map=args.columns, events=ConsoleEvents(),
                              converters=Converters.from_settings(settings),
                              originals_dir=settings.data_dir)
    finally:
        services.close()
    lines = [f"{r['status']:>9}  {r['chunks']:>4} chunks  {r['title']}  ({r['document_id']})"
             for r in report["results"]]
    lines += [f"    error  {e['path']}: {e['error']}" for e in report["errors"]]
    lines.append(f"{report['documents']} documents, {report['chunks']} chunks, "
                 f"{len(report['duplicates'])} duplicate QAs, {len(report['errors'])} errors")
    emit(args, report, "\n".join(lines))
    return 1 if report["errors"] else 0


def _format_hit(n: int, hit: dict[str, Any]) -> str:
    head = f"{n}. [{hit['kind']}] {hit['citation']}  score={hit['score']:.4f}"
    body = hit["question"] or hit["text"]
    return f"{head}\n   {' '.join(body.split())[:160]}"


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.search import SearchRequest

    client = _remote(args)
    if client is not None:
        from api.remote import RemoteServices

        services = RemoteServices(client, settings)
    else:
        services = _services(settings)
    try:
        result = services.searcher.search(SearchRequest(
            query=args.query, top_k=args.top_k, kinds=tuple(args.kind),
            departments=tuple(args.department) if args.department else None,
            include_history=args.history))
    finally:
        services.close()
    hits = [h.to_dict() for h in result.hits]
    human = "\n".join(_format_hit(i, h) for i, h in enumerate(hits, 1)) or "(no hits)"
    emit(args, {"results": hits, "expansions": result.expansions}, human)
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    client = _remote(args)
    if client is not None:  # the server answers and records the question (user "cli")
        try:
            out = client.json("POST", "/api/ask", json={
                "query": args.query, "mode": args.mode, "top_k": args.top_k,
                "confirm_pii": True})
        finally:
            client.close()
        out.pop("log_id", None)
        emit(args, out, _ask_text(out))
        return 0
    services = _services(settings)
    try:
        result = services.answerer.ask(
            args.query, mode=args.mode, top_k=args.top_k,
            departments=tuple(args.department) if args.department else None)
        from api.cli_admin import record_ask

        record_ask(services, query=args.query, mode=args.mode, result=result,
                   departments=args.department or [])
    finally:
        services.close()
    out = result.to_dict()
    emit(args, out, _ask_text(out))
    return 0


def _ask_text(out: dict[str, Any]) -> str:
    lines = [out.get("answer") or out.get("notice") or ""]
    lines += [f"[{c['marker']}] {c['citation']}" for c in out.get("citations") or []
              if c.get("marker")]
    if out.get("similar_qas"):
        lines.append("似た質問:")
        lines += [f"  {i}. {q['question']} ({q['document_title']})"
                  for i, q in enumerate(out["similar_qas"], 1)]
    handover = out.get("handover") or {}
    if handover.get("department"):
        lines.append(f"問い合わせ先: {handover['department']} {handover.get('contact') or ''}"
                     .rstrip())
    return "\n".join(lines)


def cmd_documents_list(args: argparse.Namespace, settings: Settings) -> int:

    catalog = _catalog(settings, read_only=_read_only(args))
    docs = [d.to_dict() for d in catalog.list_documents()]
    human = "\n".join(f"{d['document_id']}  {d['kind']:<10} {d['chunks']:>5}  {d['title']}"
                      for d in docs) or "(no documents)"
    emit(args, {"documents": docs}, human)
    return 0


def cmd_documents_versions(args: argparse.Namespace, settings: Settings) -> int:
    from core.errors import NotFoundError

    catalog = _catalog(settings, read_only=_read_only(args))
    doc = catalog.get_document(args.document_id)
    if doc is None:
        raise NotFoundError(f"no document with id {args.document_id}")
    rows = catalog.versions_of(args.document_id)
    for row in rows:
        row["current"] = row["version"] == doc.current_version
    human = "\n".join(f"{'*' if r['current'] else ' '} {r['version']}  {r['ingested_at']}  "
                      f"施行日={r['effective_date'] or '-'}  {r['chunk_count']} chunks"
                      for r in rows)
    emit(args, {"document_id": doc.id, "versions": rows}, human)
    return 0


def cmd_documents_delete(args: argparse.Namespace, settings: Settings) -> int:
    services = _services(settings)
    try:
        removed = services.indexer.delete(args.document_id)
    finally:
        services.close()
    emit(args, {"deleted": args.document_id, "chunks": removed},
          f"deleted {args.document_id} ({removed} chunks)")
    return 0


def cmd_documents_duplicates(args: argparse.Namespace, settings: Settings) -> int:

    rows = _catalog(settings, read_only=_read_only(args)).list_duplicates()
    human = "\n".join(f"{r['document_id']}#{r['key']} ~ {r['other_document_id']}#"
                      f"{r['other_key']}  {r['similarity']:.2f} {r['reason']}" for r in rows)
    emit(args, {"duplicates": rows}, human or "(no duplicates)")
    return 0


def cmd_documents_digest(args: argparse.Namespace, settings: Settings) -> int:
    from index.stores.digest import store_digest

    client = _remote(args)
    if client is not None:
        try:
            digest = client.json("GET", "/api/admin/digest")
        finally:
            client.close()
    else:
        services = _services(settings)
        try:
            digest = store_digest(services.store, services.catalog)
        finally:
            services.close()
    human = (f"{digest['points']} points in {len(digest['per_document'])} documents\n"
             f"points  sha256 {digest['points_sha256']}\n"
             f"catalog sha256 {digest['catalog_sha256']}  rows {digest['catalog_rows']}")
    emit(args, digest, human)
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from index.stores.reindex import reindex
    from services.build import build_cached_embedder

    embedder = build_cached_embedder(settings)
    try:
        with tqdm(desc="reindex", unit="chunk", file=sys.stderr,
                  disable=not sys.stderr.isatty()) as bar:
            report = reindex(settings, embedder, progress=bar.update)
    finally:
        embedder.close()
    emit(args, report.to_dict(),
          f"reindexed {report.points} chunks with {report.model} ({report.embedded} embedded, "
          f"the rest from the cache; question vector: {report.question_vector})")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.app import create_app
    from services.build import REPO_DATA, build_services

    services = build_services(settings, degraded_start=True, command="serve")
    if args.load_sample and not services.catalog.list_documents():
        sample = settings.sample_dir or REPO_DATA / "sample" / "corpus"
        from ingest.pipeline import discover

        print(f"ingesting the sample corpus from {sample} …", file=sys.stderr)
        from index.ingest import ConsoleEvents, ingest_files
        from ingest.convert import Converters

        report = ingest_files(services.indexer, discover([sample]),
                              max_bytes=settings.max_upload_bytes, events=ConsoleEvents(),
                              converters=Converters.from_settings(settings),
                              originals_dir=settings.data_dir)
        print(f"sample corpus: {report['documents']} documents, {report['chunks']} chunks, "
              f"{len(report['errors'])} errors", file=sys.stderr)
    host = args.host or settings.host
    port = args.port or settings.port
    local_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    lock = args.access.lock
    # the CLI's read commands go through this URL while the server holds the data dir
    token = lock.publish(f"http://{local_host}:{port}") if lock is not None else None
    print(f"chonai: serving on http://{host}:{port}/  (API docs: /docs)", file=sys.stderr)
    if settings.access_log:
        from api.observability import configure_json_logging

        configure_json_logging()  # one JSON line per request on stderr
    try:
        uvicorn.run(create_app(settings, services=services, local_token=token), host=host,
                    port=port, log_level="warning")
    finally:
        services.close()
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from eval.quality.runner import run_eval

    if args.dataset is None:
        print("chonai eval: error: --dataset is required (or: chonai eval compare A B)",
              file=sys.stderr)
        return 2
    client = _remote(args)
    services = None
    if client is not None:  # the existing index, through the server that holds it
        from api.remote import RemoteServices

        services = RemoteServices(client, settings)
    try:
        report = run_eval(args.dataset, settings=settings, top_k=args.top_k,
                          granularity=args.granularity, report_dir=args.report,
                          answer_mode=args.answer, services=services)
    finally:
        if services is not None:
            services.close()
    summary = report["summary"]
    human = "\n".join(f"{k:>22}: {v}" for k, v in summary.items())
    if args.report:
        human += f"\nreport: {args.report / 'index.html'}"
    emit(args, report, human)
    return 0


def _eval_access(args: argparse.Namespace) -> str:
    """A dataset with its own corpus is ingested first (a writer); else it reads the index."""
    if args.dataset is None:
        return "none"
    from eval.quality.datasets import load_dataset

    try:
        corpus = load_dataset(args.dataset).corpus_path
    except (OSError, ValueError):
        return "none"  # run_eval reports the bad dataset itself
    return "write" if corpus is not None else "read-index"


def cmd_eval_compare(args: argparse.Namespace, settings: Settings) -> int:
    from eval.quality.compare import compare_paths, format_comparison

    result = compare_paths(args.a, args.b)
    emit(args, result, format_comparison(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
