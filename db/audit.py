"""Append-only audit log with a hash chain, plus 👍/👎 feedback on answers.

Each entry stores `prev_hash` and `hash = HMAC-SHA256(server key, canonical JSON of the entry
with prev_hash)`, so editing, deleting or reordering a row breaks the chain from there on
(`chonai audit verify`), and with the key kept outside the database (core.audit_key) nobody
with database access alone can recompute the hashes after an edit.
Entries get consecutive `seq` numbers; two writers racing for the same `seq` collide on the
primary key and the loser retries, so the chain never forks. Retention (`purge`) removes a
prefix and records the hash it continues from in `audit_anchor` (signed with the key too), so
verify still starts sound.
Questions and answers are stored masked (core.pii); citations are ids and labels, not text.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Engine,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

from core.errors import InputError, NotFoundError
from db.schema import audit_anchor, audit_log, create_schema, feedback

GENESIS = "0" * 64
CSV_FIELDS = ("seq", "ts", "user", "role", "department", "action", "mode", "query", "answer",
              "abstained", "citations", "latency_ms", "model", "pii", "request_id", "hash")


HASHED = ("seq", "ts", "user", "role", "department", "action", "mode", "query", "answer",
          "abstained", "citations", "latency_ms", "model", "pii", "request_id", "prev_hash")


def entry_hash(entry: dict[str, Any], key: bytes) -> str:
    """HMAC-SHA256 over the canonical JSON of the entry (including the previous hash)."""
    canonical = json.dumps({k: entry.get(k) for k in HASHED}, ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"))
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def anchor_mac(anchor: dict[str, Any], key: bytes) -> str:
    """What makes a retention anchor unforgeable: its first seq and the hash it continues."""
    message = f"anchor|{anchor['first_seq']}|{anchor['prev_hash']}|{anchor['purged_at']}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def citation_refs(citations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the log keeps of a citation: where it points, not the quoted text."""
    return [{"chunk_id": c.get("chunk_id"), "document_id": c.get("document_id"),
             "document_title": c.get("document_title"), "citation": c.get("citation"),
             "article": c.get("article"), "paragraph": c.get("paragraph"),
             "faq_id": c.get("faq_id"), "marker": c.get("marker")} for c in citations]


@dataclass(frozen=True, slots=True)
class VerifyReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq,
                "reason": self.reason}


class AuditLog:
    """The chain on `engine`, keyed with `key` (core.audit_key): without the key no entry can
    be rewritten so that `verify` still passes."""

    def __init__(self, engine: Engine, *, key: bytes) -> None:
        if len(key) < 16:
            raise InputError("the audit key is too short")
        self.engine = engine
        self.key = key
        self._lock = threading.Lock()
        create_schema(engine, audit_key=key)

    def record(self, *, user: str, action: str, role: str | None = None,
               department: str | None = None, mode: str | None = None,
               query: str | None = None, answer: str | None = None,
               abstained: bool | None = None, citations: Sequence[dict[str, Any]] = (),
               latency_ms: float | None = None, model: str | None = None,
               pii: Sequence[str] = (), request_id: str | None = None) -> int:
        """Append one entry and return its seq (the id feedback refers to)."""
        entry: dict[str, Any] = {
            "ts": datetime.now(UTC).isoformat(timespec="microseconds"), "user": user,
            "role": role, "department": department, "action": action, "mode": mode,
            "query": query, "answer": answer, "abstained": abstained,
            "citations": json.loads(json.dumps(list(citations), ensure_ascii=False)),
            "latency_ms": round(latency_ms, 1) if latency_ms is not None else None,
            "model": model, "pii": sorted(set(pii)), "request_id": request_id,
        }
        with self._lock:
            for _ in range(20):
                try:
                    return self._append(entry)
                except IntegrityError:  # another process took this seq: re-read and retry
                    continue
        raise InputError("audit log is busy; try again")

    def _append(self, entry: dict[str, Any]) -> int:
        with self.engine.begin() as conn:
            last = conn.execute(select(audit_log.c.seq, audit_log.c.hash)
                                .order_by(audit_log.c.seq.desc()).limit(1)).first()
            if last is not None:
                seq, prev = last.seq + 1, last.hash
            else:
                anchor = conn.execute(select(audit_anchor).order_by(audit_anchor.c.id.desc())
                                      .limit(1)).first()
                seq, prev = (anchor.first_seq, anchor.prev_hash) if anchor else (1, GENESIS)
            row = dict(entry, seq=seq, prev_hash=prev)
            row["hash"] = entry_hash(row, self.key)
            conn.execute(insert(audit_log).values(**row))
        return int(seq)

    def get(self, seq: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(select(audit_log).where(audit_log.c.seq == seq)).first()
        if row is None:
            raise NotFoundError(f"no logged answer with id {seq}")
        return dict(row._mapping)

    def entries(self, *, since: str | None = None, until: str | None = None,
                action: str | None = None, abstained: bool | None = None,
                limit: int | None = None, newest_first: bool = False) -> list[dict[str, Any]]:
        """Entries with since <= ts < until (ISO dates or timestamps, UTC)."""
        stmt = select(audit_log)
        if since:
            stmt = stmt.where(audit_log.c.ts >= since)
        if until:
            stmt = stmt.where(audit_log.c.ts < until)
        if action:
            stmt = stmt.where(audit_log.c.action == action)
        if abstained is not None:
            stmt = stmt.where(audit_log.c.abstained == abstained)
        stmt = stmt.order_by(audit_log.c.seq.desc() if newest_first else audit_log.c.seq)
        if limit:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def verify(self) -> VerifyReport:
        with self.engine.connect() as conn:
            anchor = conn.execute(select(audit_anchor).order_by(audit_anchor.c.id.desc())
                                  .limit(1)).first()
            rows = [dict(r._mapping) for r in
                    conn.execute(select(audit_log).order_by(audit_log.c.seq))]
        prev = anchor.prev_hash if anchor else GENESIS
        expected_seq = anchor.first_seq if anchor else 1
        if anchor is not None and not hmac.compare_digest(
                anchor.mac or "", anchor_mac(dict(anchor._mapping), self.key)):
            return VerifyReport(False, len(rows), anchor.first_seq,
                                "retention anchor was modified or not signed")
        for row in rows:
            if row["seq"] != expected_seq:
                return VerifyReport(False, len(rows), expected_seq,
                                    f"entry {expected_seq} is missing")
            if row["prev_hash"] != prev:
                return VerifyReport(False, len(rows), row["seq"], "chain broken (prev_hash)")
            if not hmac.compare_digest(entry_hash(row, self.key), row["hash"]):
                return VerifyReport(False, len(rows), row["seq"], "entry was modified")
            prev = row["hash"]
            expected_seq += 1
        return VerifyReport(True, len(rows))

    def purge(self, retention_days: int, *, now: datetime | None = None) -> int:
        """Remove entries older than the retention; the chain continues from an anchor."""
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=retention_days)).isoformat()
        with self._lock, self.engine.begin() as conn:
            old = conn.execute(select(audit_log.c.seq, audit_log.c.hash)
                               .where(audit_log.c.ts < cutoff)
                               .order_by(audit_log.c.seq.desc()).limit(1)).first()
            if old is None:
                return 0
            removed = conn.execute(delete(audit_log).where(audit_log.c.seq <= old.seq)).rowcount
            conn.execute(delete(feedback).where(feedback.c.audit_seq <= old.seq))
            anchor = {"first_seq": old.seq + 1, "prev_hash": old.hash,
                      "purged_at": datetime.now(UTC).isoformat()}
            conn.execute(insert(audit_anchor).values(**anchor,
                                                     mac=anchor_mac(anchor, self.key)))
        return int(removed)

    def export_csv(self, *, since: str | None = None, until: str | None = None) -> bytes:
        """UTF-8 with BOM and CRLF, so Excel opens Japanese text correctly."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(CSV_FIELDS)
        for row in self.entries(since=since, until=until):
            cites = " / ".join(c.get("citation") or "" for c in row["citations"] or [])
            writer.writerow([
                row["seq"], row["ts"], row["user"], row["role"] or "", row["department"] or "",
                row["action"], row["mode"] or "", row["query"] or "", row["answer"] or "",
                "" if row["abstained"] is None else int(row["abstained"]), cites,
                row["latency_ms"] if row["latency_ms"] is not None else "",
                row["model"] or "", ",".join(row["pii"] or []), row["request_id"] or "",
                row["hash"]])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")

    def stats(self, *, since: str | None = None) -> dict[str, Any]:
        rows = [r for r in self.entries(since=since) if r["action"] in ("ask", "search")]
        asks = [r for r in rows if r["action"] == "ask"]
        by_day: dict[str, int] = {}
        by_department: dict[str, int] = {}
        users: set[str] = set()
        for r in rows:
            by_day[r["ts"][:10]] = by_day.get(r["ts"][:10], 0) + 1
            key = r["department"] or "（未設定）"
            by_department[key] = by_department.get(key, 0) + 1
            users.add(r["user"])
        latencies = sorted(r["latency_ms"] for r in rows if r["latency_ms"] is not None)
        with self.engine.connect() as conn:
            ratings = conn.execute(select(feedback.c.rating, func.count())
                                   .group_by(feedback.c.rating)).all()
        return {
            "questions": len(asks), "searches": len(rows) - len(asks), "users": len(users),
            "abstention_rate": (round(sum(1 for r in asks if r["abstained"]) / len(asks), 3)
                                if asks else None),
            "latency_ms_median": latencies[len(latencies) // 2] if latencies else None,
            "by_day": dict(sorted(by_day.items())),
            "by_department": dict(sorted(by_department.items(), key=lambda kv: -kv[1])),
            "by_mode": {m: sum(1 for r in asks if r["mode"] == m)
                        for m in sorted({r["mode"] or "" for r in asks})},
            "feedback": {("up" if r[0] > 0 else "down"): r[1] for r in ratings},
        }

    def unanswered(self, *, since: str | None = None) -> list[dict[str, Any]]:
        """Abstained questions grouped by their (masked) text: the knowledge that is missing."""
        groups: dict[str, dict[str, Any]] = {}
        for r in self.entries(since=since, action="ask", abstained=True):
            key = " ".join((r["query"] or "").split())
            g = groups.setdefault(key, {"query": key, "count": 0, "departments": set(),
                                        "last_ts": r["ts"]})
            g["count"] += 1
            if r["department"]:
                g["departments"].add(r["department"])
            g["last_ts"] = max(g["last_ts"], r["ts"])
        out = sorted(groups.values(), key=lambda g: (-g["count"], g["query"]))
        return [dict(g, departments=sorted(g["departments"])) for g in out]

    # feedback --------------------------------------------------------------------------
    def add_feedback(self, *, audit_seq: int, user: str, rating: int,
                     comment: str | None = None) -> int:
        if rating not in (1, -1):
            raise InputError("rating must be 1 (👍) or -1 (👎)")
        entry = self.get(audit_seq)
        if entry["action"] != "ask":
            raise InputError(f"entry {audit_seq} is not an answer")
        if entry["user"] != user:
            raise NotFoundError(f"no logged answer with id {audit_seq}")
        with self.engine.begin() as conn:
            done = conn.execute(insert(feedback).values(
                audit_seq=audit_seq, ts=datetime.now(UTC).isoformat(), user=user,
                rating=rating, comment=(comment or "").strip() or None))
        key = done.inserted_primary_key
        return int(key[0]) if key else 0

    def feedback_entries(self) -> list[dict[str, Any]]:
        """Feedback with the question, answer and citations it refers to, newest first."""
        stmt = (select(feedback, audit_log.c.query, audit_log.c.answer, audit_log.c.mode,
                       audit_log.c.citations, audit_log.c.abstained,
                       audit_log.c.department)
                .join(audit_log, audit_log.c.seq == feedback.c.audit_seq)
                .order_by(feedback.c.id.desc()))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]


def feedback_eval_rows(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Feedback as an eval set in the format of data/sample/eval.jsonl.

    👍 answers become answerable questions whose relevant items are the cited articles / FAQs;
    👎 with no usable citation become unanswerable ones to review (`label` says which).
    """
    rows = []
    for e in entries:
        relevant = []
        for c in e["citations"] or []:
            item: dict[str, Any] = {"document": c.get("document_title")}
            if c.get("faq_id"):
                item["faq_id"] = c["faq_id"]
            elif c.get("article"):
                item["article"] = c["article"]
                if c.get("paragraph"):
                    item["paragraph"] = c["paragraph"]
            relevant.append(item)
        up = e["rating"] > 0
        rows.append({
            "id": f"fb{e['id']:04d}", "query": e["query"],
            "answerable": bool(up and relevant), "kind": "feedback",
            "difficulty": "unknown", "relevant": relevant if up else [],
            "label": "good" if up else "bad", "comment": e.get("comment"),
            "source": f"audit#{e['audit_seq']}",
        })
    return rows
