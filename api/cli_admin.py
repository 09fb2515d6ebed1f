"""`chonai users …`, `chonai audit …`, `chonai quarantine …` and `chonai feedback export`:
they work on the metadata database (no model), so they run in a second even on a large
installation; `quarantine approve|reject` also sets the unit's flag in the store."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.cli_access import emit
from core.errors import InputError
from core.settings import Settings

if TYPE_CHECKING:
    from answer.answerer import AnswerResult
    from services.build import Services


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("users", parents=[common], help="users, roles, departments, API keys")
    usub = p.add_subparsers(title="actions")
    u = usub.add_parser("add", parents=[common], help="add a user")
    u.add_argument("name")
    u.add_argument("--role", default="staff", choices=["staff", "editor", "admin"])
    u.add_argument("--department", action="append", default=[], metavar="NAME")
    u.add_argument("--display-name")
    u.add_argument("--password-stdin", action="store_true",
                   help="read a login password (for the web page) from stdin")
    u.set_defaults(func=cmd_users_add)
    u = usub.add_parser("list", parents=[common], help="users and their keys")
    u.set_defaults(func=cmd_users_list)
    u = usub.add_parser("set", parents=[common], help="change role, departments, password")
    u.add_argument("name")
    u.add_argument("--role", choices=["staff", "editor", "admin"])
    u.add_argument("--department", action="append", default=None, metavar="NAME",
                   help="replaces the departments (repeatable)")
    u.add_argument("--password-stdin", action="store_true")
    u.add_argument("--disable", action="store_true")
    u.add_argument("--enable", action="store_true")
    u.set_defaults(func=cmd_users_set)
    u = usub.add_parser("key", parents=[common], help="create an API key (printed once)")
    u.add_argument("name")
    u.add_argument("--label")
    u.set_defaults(func=cmd_users_key)
    u = usub.add_parser("revoke", parents=[common], help="revoke an API key by id")
    u.add_argument("key_id")
    u.set_defaults(func=cmd_users_revoke)
    p.set_defaults(func=cmd_users_list)

    p = sub.add_parser("audit", parents=[common], help="verify, export or purge the audit log")
    asub = p.add_subparsers(title="actions")
    a = asub.add_parser("verify", parents=[common], help="check the hash chain (exit 1 if broken)")
    a.set_defaults(func=cmd_audit_verify)
    a = asub.add_parser("export", parents=[common], help="CSV (UTF-8 with BOM) by date range")
    a.add_argument("--since", type=date.fromisoformat, help="first day, YYYY-MM-DD (UTC)")
    a.add_argument("--until", type=date.fromisoformat, help="last day, inclusive")
    a.add_argument("--out", type=Path, help="file to write (default: stdout)")
    a.set_defaults(func=cmd_audit_export)
    a = asub.add_parser("purge", parents=[common], help="remove entries past the retention")
    a.add_argument("--days", type=int, help="default: CHONAI_AUDIT_RETENTION_DAYS")
    a.set_defaults(func=cmd_audit_purge)
    p.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("quarantine", parents=[common],
                       help="units the content guard held at ingest: list, approve, reject")
    qsub = p.add_subparsers(title="actions")
    q = qsub.add_parser("list", parents=[common], help="held units with the reasons "
                        "(current versions)")
    q.add_argument("--status", choices=("pending", "approved", "rejected", "all"),
                   default="pending")
    q.set_defaults(func=cmd_quarantine_list)
    for action, decision, text in (("approve", "approved", "release a held unit: it may be "
                                    "quoted again"),
                                   ("reject", "rejected", "keep a held unit hidden")):
        q = qsub.add_parser(action, parents=[common], help=text)
        q.add_argument("entry_id", type=int, help="the id `chonai quarantine list` shows")
        q.set_defaults(func=cmd_quarantine_decide, decision=decision)
    p.set_defaults(func=cmd_quarantine_list, status="pending")

    p = sub.add_parser("feedback", parents=[common], help="export 👍/👎 as an eval set")
    fsub = p.add_subparsers(title="actions")
    f = fsub.add_parser("export", parents=[common],
                        help="JSONL in the format of data/sample/eval.jsonl")
    f.add_argument("--out", type=Path)
    f.set_defaults(func=cmd_feedback_export)


def _catalog(settings: Settings, read_only: bool = False) -> Any:
    """The catalog on the metadata database; read-only while a running server owns the data
    dir."""
    from core.audit_key import audit_key
    from db.catalog import Catalog

    if read_only:
        return Catalog(settings.db_url, read_only=True)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Catalog(settings.db_url, audit_key=audit_key(settings))


def _engine(settings: Settings, read_only: bool = False) -> Any:
    return _catalog(settings, read_only).engine


def _users(settings: Settings, args: argparse.Namespace | None = None) -> Any:
    from api.cli_access import read_only as _read_only
    from db.users import UserStore

    read_only = args is not None and _read_only(args)
    return UserStore(_engine(settings, read_only), session_ttl_s=settings.session_ttl_s)


def _audit(settings: Settings, args: argparse.Namespace | None = None) -> Any:
    from api.cli_access import read_only as _read_only
    from core.audit_key import audit_key
    from db.audit import AuditLog

    return AuditLog(_engine(settings, args is not None and _read_only(args)),
                    key=audit_key(settings))


def _server(args: argparse.Namespace) -> Any:
    """The admin API of the server holding the data dir, or None (work on the database)."""
    from api.cli_access import remote

    return remote(argparse.Namespace(access=getattr(args, "access", None)))


def _password(args: argparse.Namespace) -> str | None:
    if not args.password_stdin:
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("no password on stdin")
    return password


def cmd_users_add(args: argparse.Namespace, settings: Settings) -> int:
    server = _server(args)
    if server is not None:
        with _closing(server):
            user = server.json("POST", "/api/admin/users", json={
                "name": args.name, "role": args.role, "departments": args.department,
                "display_name": args.display_name, "password": _password(args)})["user"]
    else:
        user = _users(settings).add(args.name, role=args.role, departments=args.department,
                                    display_name=args.display_name,
                                    password=_password(args)).to_dict()
    emit(args, {"user": user}, f"added {user['name']} ({user['role']}; "
          f"{', '.join(user['departments']) or '部署なし'})")
    return 0


def _closing(client: Any) -> Any:
    from contextlib import closing

    return closing(client)


def cmd_users_list(args: argparse.Namespace, settings: Settings) -> int:
    rows = _users(settings, args).list()
    human = "\n".join(
        f"{'' if r['active'] else '(disabled) '}{r['name']:<16} {r['role']:<7} "
        f"{','.join(r['departments']) or '-':<20} keys: "
        f"{', '.join(k['id'] for k in r['keys']) or '-'}" for r in rows) or "(no users)"
    emit(args, {"users": rows}, human)
    return 0


def cmd_users_set(args: argparse.Namespace, settings: Settings) -> int:
    if args.enable and args.disable:
        raise InputError("--enable and --disable exclude each other")
    active = True if args.enable else False if args.disable else None
    server = _server(args)
    if server is not None:
        change = {"role": args.role, "departments": args.department,
                  "password": _password(args), "active": active}
        with _closing(server):
            user = server.json("PATCH", f"/api/admin/users/{args.name}",
                               json={k: v for k, v in change.items() if v is not None})["user"]
    else:
        user = _users(settings).update(args.name, role=args.role, departments=args.department,
                                       password=_password(args), active=active).to_dict()
    emit(args, {"user": user}, f"updated {user['name']}")
    return 0


def cmd_users_key(args: argparse.Namespace, settings: Settings) -> int:
    server = _server(args)
    if server is not None:
        with _closing(server):
            made = server.json("POST", f"/api/admin/users/{args.name}/keys",
                               json={"label": args.label})
        key_id, key = made["id"], made["key"]
    else:
        key_id, key = _users(settings).create_key(args.name, label=args.label)
    emit(args, {"id": key_id, "key": key, "user": args.name},
          f"{key}\n(key id {key_id}; shown only now: store it safely)")
    return 0


def cmd_users_revoke(args: argparse.Namespace, settings: Settings) -> int:
    server = _server(args)
    if server is not None:
        with _closing(server):
            server.json("DELETE", f"/api/admin/keys/{args.key_id}")
    else:
        _users(settings).revoke_key(args.key_id)
    emit(args, {"revoked": args.key_id}, f"revoked {args.key_id}")
    return 0


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    report = _audit(settings, args).verify()
    human = (f"ok: {report.entries} entries, chain intact" if report.ok else
             f"BROKEN at entry {report.first_bad_seq}: {report.reason}")
    emit(args, report.to_dict(), human)
    return 0 if report.ok else 1


def cmd_audit_export(args: argparse.Namespace, settings: Settings) -> int:
    until = (args.until + timedelta(days=1)).isoformat() if args.until else None
    data = _audit(settings, args).export_csv(since=args.since.isoformat() if args.since else None,
                                       until=until)
    if args.out:
        args.out.write_bytes(data)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_audit_purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.days if args.days is not None else settings.audit_retention_days
    removed = _audit(settings).purge(days)
    emit(args, {"removed": removed, "retention_days": days},
          f"removed {removed} entries older than {days} days")
    return 0


def _quarantine_line(row: dict[str, Any]) -> str:
    reasons = ", ".join(r["reason"] for r in row["reasons"])
    decided = f" ({row['decided_by']} {row['decided_at']})" if row.get("decided_by") else ""
    return (f"#{row['id']}  {row['status']}{decided}  {row['document_title']} "
            f"{row['label']}  [{reasons}]  {row['excerpt'][:60]}")


def cmd_quarantine_list(args: argparse.Namespace, settings: Settings) -> int:
    from api.cli_access import read_only as _read_only
    from db.quarantine import Quarantine
    from services.review import current_document, public

    status = None if args.status == "all" else args.status
    catalog = _catalog(settings, _read_only(args))
    rows = [public(r) for r in Quarantine(catalog.engine).list(status=status)
            if current_document(catalog, r) is not None]
    emit(args, {"units": rows, "count": len(rows)},
         "\n".join([*map(_quarantine_line, rows), f"{len(rows)} units ({args.status})"]))
    return 0


def cmd_quarantine_decide(args: argparse.Namespace, settings: Settings) -> int:
    """Through the running server when there is one (recorded as the local administrator
    "cli"), else on the data dir under its lock."""
    from core.errors import NotFoundError
    from services.build import build_services
    from services.review import current_document, decide, public, queue_of

    action = "approve" if args.decision == "approved" else "reject"
    server = _server(args)
    if server is not None:
        with _closing(server):
            row = server.json("POST", f"/api/quarantine/{args.entry_id}/{action}")["unit"]
    else:
        services = build_services(settings, command="cli")
        try:
            row = queue_of(services).get(args.entry_id)
            if current_document(services.catalog, row) is None:
                raise NotFoundError(f"no quarantined unit with id {args.entry_id}")
            row = public(decide(services, _audit(settings), row, args.decision, user="cli",
                                role="admin"))
        finally:
            services.close()
    emit(args, {"unit": row}, _quarantine_line(row))
    return 0


def cmd_feedback_export(args: argparse.Namespace, settings: Settings) -> int:
    from db.audit import feedback_eval_rows

    rows = feedback_eval_rows(_audit(settings, args).feedback_entries())
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out} ({len(rows)} questions)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def record_ask(services: Services, *, query: str, mode: str, result: AnswerResult,
               departments: list[str]) -> int:
    """The query-log row and the audit entry of a `chonai ask` (user "cli"): question and
    answer are screened once and both logs store the masked text, as the API's audit does."""
    from core.audit_key import audit_key
    from core.pii import PiiDetector, screen
    from db.audit import AuditLog, citation_refs

    detector = PiiDetector()
    question = screen(detector, query)
    answer = screen(detector, result.answer).masked if result.answer else result.answer
    services.catalog.log_query(
        user="cli", department=",".join(departments), mode=mode, query=question.masked,
        answer=answer, abstained=result.abstained,
        citations=[c["chunk_id"] for c in result.citations], latency_ms=result.ms,
        model=services.embedder.model_id)
    return AuditLog(services.catalog.engine, key=audit_key(services.settings)).record(
        user="cli", role="admin", department=",".join(departments) or None, action="ask",
        mode=mode, query=question.masked, answer=answer, abstained=result.abstained,
        citations=citation_refs(result.citations if mode == "answer" else result.similar_qas),
        model=services.embedder.model_id, pii=question.kinds)
