"""Who is asking and what is recorded: authentication, roles, the PII guard and the audit trail.

A request is authenticated by, in order: an API key (`Authorization: Bearer chonai_…` or
`X-API-Key`), the SSO header a trusted reverse proxy sets (`auth_trusted_header`, off by
default), or the login session cookie. Cookie-authenticated requests that change state must
repeat the session's CSRF token in `X-CSRF-Token` (the cookie is also SameSite=Strict). With no
credential the caller is anonymous and sees public documents only, unless `auth_required` is on,
in which case it gets 401.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from api.jobs import JobRunner
from api.remote import AS_DEPARTMENTS_HEADER, LOCAL_TOKEN_HEADER
from api.requestctx import current_request_id
from core.audit_key import audit_key
from core.errors import AuthenticationError, PermissionDeniedError, PersonalInfoError
from core.pii import LABELS_JA, PiiDetector, Screened, screen
from db.audit import AuditLog, citation_refs
from db.jobs import JobStore
from db.users import ANONYMOUS_USER, PUBLIC, User, UserStore
from services.build import Services

SESSION_COOKIE = "chonai_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_build_lock = threading.Lock()


@dataclass
class Governance:
    users: UserStore
    audit: AuditLog
    pii: PiiDetector
    jobs: JobRunner


def get_governance(request: Request) -> Governance:
    return governance_for(request.app)


def governance_for(app: Any) -> Governance:
    """Built once per app, on the catalog's database engine, at start-up or first use."""
    gov: Governance | None = getattr(app.state, "governance", None)
    if gov is None:
        with _build_lock:
            gov = getattr(app.state, "governance", None)
            if gov is None:
                services: Services = app.state.services
                engine = services.catalog.engine
                gov = Governance(
                    users=UserStore(engine, session_ttl_s=services.settings.session_ttl_s),
                    audit=AuditLog(engine, key=audit_key(services.settings)),
                    pii=PiiDetector(),
                    jobs=JobRunner(JobStore(engine), exclusive=services.lock is not None))
                app.state.governance = gov
    return gov


def current_user(request: Request) -> User:
    services: Services = request.app.state.services
    settings = services.settings
    gov = get_governance(request)
    local = request.headers.get(LOCAL_TOKEN_HEADER)
    if local is not None:
        return local_user(request, local)
    auth = request.headers.get("authorization", "")
    key = request.headers.get("x-api-key") or (
        auth[7:].strip() if auth.lower().startswith("bearer ") else None)
    if key:
        return gov.users.authenticate_key(key)
    header = settings.auth_trusted_header
    if header and request.headers.get(header):
        return gov.users.header_user(request.headers[header])
    token = request.cookies.get(SESSION_COOKIE)
    user = gov.users.session_user(token) if token else None
    if user is not None:
        if request.method not in SAFE_METHODS and request.headers.get(
                CSRF_HEADER) != user.csrf_token:
            raise PermissionDeniedError("missing or wrong CSRF token (X-CSRF-Token)")
        return user
    if settings.auth_required:
        raise AuthenticationError("login or an API key is required")
    return ANONYMOUS_USER


def local_user(request: Request, token: str) -> User:
    """The CLI on the server's machine, holding the token from the data dir (api/remote.py):
    administrator "cli", or a staff member of X-Chonai-As-Departments when it sends them."""
    expected = getattr(request.app.state, "local_token", None)
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise AuthenticationError("wrong local token")
    departments = request.headers.get(AS_DEPARTMENTS_HEADER)
    if departments:
        names = tuple(d.strip() for d in departments.split(",") if d.strip())
        return User("cli", "staff", departments=names, auth="local")
    return User("cli", "admin", auth="local")


def require_role(role: str) -> Callable[[Request], User]:
    def dependency(request: Request) -> User:
        user = current_user(request)
        if user.is_anonymous:
            raise AuthenticationError(f"this needs a logged-in {role}")
        if not user.has_role(role):
            raise PermissionDeniedError(f"this needs the {role} role; you are {user.role}")
        return user
    return dependency


def can_manage(user: User, departments: Sequence[str]) -> bool:
    """Admins manage every document; editors public ones and those of their departments."""
    if user.role == "admin":
        return True
    return user.role == "editor" and set(departments) <= {PUBLIC, *user.departments}


def check_pii(gov: Governance, services: Services, query: str, *,
              confirmed: bool) -> Screened:
    """The question screened once per request (findings and masked text, for every log);
    raises when personal information is found, unless the caller confirmed."""
    question = screen(gov.pii, query)
    if question.findings and services.settings.pii_guard and not confirmed:
        kinds = "、".join(dict.fromkeys(LABELS_JA[f.kind] for f in question.findings))
        raise PersonalInfoError(
            f"the question may contain personal information ({kinds}); rephrase it or send "
            "again with confirm_pii=true", details=[f.to_dict() for f in question.findings])
    return question


def masked(gov: Governance, text: str | None) -> str | None:
    return screen(gov.pii, text).masked if text else text


def record(gov: Governance, services: Services, user: User, *, action: str,
           question: Screened, mode: str | None = None, result: dict[str, Any] | None = None,
           citations: list[dict[str, Any]] | None = None,
           latency_ms: float | None = None) -> int:
    """One audit entry for a question or search; question and answer are stored masked (the
    question as `check_pii` screened it, not detected again)."""
    result = result or {}
    answer = result.get("answer")
    why = result.get("refusal")
    if why:  # refused questions: action "refuse" and the reason code first in the answer
        action = "refuse" if result.get("refused") else action
        tag = why["code"] + ("" if result.get("refused") else ":partial")
        answer = f"[{tag}] {answer or why.get('message') or ''}"
    return gov.audit.record(
        user=user.name, role=user.role, department=",".join(user.departments) or None,
        action=action, mode=mode, query=question.masked,
        answer=masked(gov, answer), abstained=result.get("abstained"),
        citations=citation_refs(citations if citations is not None
                                else result.get("citations", [])),
        latency_ms=latency_ms, model=result.get("model") or services.embedder.model_id,
        pii=question.kinds, request_id=current_request_id())
