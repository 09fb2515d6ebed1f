"""Users, roles, departments, API keys and login sessions, in the metadata database.

Roles: staff (asks), editor (knowledge owner: uploads, sees feedback), admin (everything, sees
every document). Passwords are Argon2id hashes (argon2-cffi's RFC 9106 profile; scrypt hashes
from 0.1 still verify and are re-hashed at the next login); a login for an unknown user runs
the same hash check on a dummy hash, so its timing does not reveal who exists. API keys and
session tokens are random 32-byte secrets stored only as SHA-256 (they carry their own entropy,
so no salt is needed). A key is shown once, when it is created: `chonai_<key id>_<secret>`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Engine,
    delete,
    insert,
    select,
    update,
)

from core.errors import AuthenticationError, InputError, NotFoundError
from db.schema import api_keys, create_schema, sessions, users

ROLES = ("staff", "editor", "admin")
PUBLIC = "*"
ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str  # staff | editor | admin | anonymous
    departments: tuple[str, ...] = ()
    display_name: str | None = None
    auth: str = "none"  # none | key | session | header
    csrf_token: str | None = field(default=None, repr=False)

    @property
    def is_anonymous(self) -> bool:
        return self.role == ANONYMOUS

    @property
    def acl_departments(self) -> tuple[str, ...] | None:
        """The SearchFilter.departments value: None (all) for admins, else own + public."""
        return None if self.role == "admin" else self.departments

    def can_read(self, departments: Sequence[str]) -> bool:
        """Whether a document restricted to `departments` (["*"] = public) is visible."""
        acl = self.acl_departments
        return acl is None or PUBLIC in departments or bool(set(acl) & set(departments))

    def has_role(self, role: str) -> bool:
        rank = {ANONYMOUS: -1, "staff": 0, "editor": 1, "admin": 2}
        return rank.get(self.role, -1) >= rank[role]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "display_name": self.display_name, "role": self.role,
                "departments": list(self.departments), "auth": self.auth}


ANONYMOUS_USER = User(ANONYMOUS, ANONYMOUS)


def _now() -> datetime:
    return datetime.now(UTC)


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


PASSWORDS = PasswordHasher()  # Argon2id, t=3, m=64 MiB, p=4 (RFC 9106 second choice)


def hash_password(password: str) -> str:
    return PASSWORDS.hash(password)


def check_password(password: str, stored: str | None) -> bool:
    """Argon2id, or the scrypt format of chonai 0.1 (`scrypt$n$r$p$salt$digest`)."""
    if not stored:
        return False
    if stored.startswith("scrypt$"):
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(digest) // 2, maxmem=2**27)
        return hmac.compare_digest(got.hex(), digest)
    try:
        return PASSWORDS.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True for 0.1 scrypt hashes and Argon2 hashes weaker than today's parameters."""
    return stored.startswith("scrypt$") or PASSWORDS.check_needs_rehash(stored)


class UserStore:
    """Users, keys and sessions on the catalog's SQLAlchemy engine."""

    def __init__(self, engine: Engine, *, session_ttl_s: int = 8 * 3600) -> None:
        self.engine = engine
        self.session_ttl_s = session_ttl_s
        create_schema(engine)

    @cached_property
    def _dummy_hash(self) -> str:
        """Checked instead when the user is unknown or has no password (same Argon2 cost)."""
        return hash_password(secrets.token_urlsafe(16))

    # users ------------------------------------------------------------------------------
    def add(self, name: str, *, role: str, departments: Sequence[str] = (),
            display_name: str | None = None, password: str | None = None) -> User:
        name = name.strip()
        if not name or name == ANONYMOUS:
            raise InputError(f"invalid user name {name!r}")
        if role not in ROLES:
            raise InputError(f"role must be one of {', '.join(ROLES)}")
        if password is not None and len(password) < 8:
            raise InputError("password must be at least 8 characters")
        depts = sorted({d.strip() for d in departments if d.strip()} - {PUBLIC})
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.name == name)).first():
                raise InputError(f"user {name} already exists")
            conn.execute(insert(users).values(
                name=name, display_name=display_name, role=role, departments=depts,
                password_hash=hash_password(password) if password else None, active=True,
                created_at=_now().isoformat()))
        return self.get(name)

    def update(self, name: str, *, role: str | None = None,
               departments: Sequence[str] | None = None, password: str | None = None,
               active: bool | None = None, display_name: str | None = None) -> User:
        values: dict[str, Any] = {}
        if role is not None:
            if role not in ROLES:
                raise InputError(f"role must be one of {', '.join(ROLES)}")
            values["role"] = role
        if departments is not None:
            values["departments"] = sorted({d.strip() for d in departments if d.strip()}
                                           - {PUBLIC})
        if password is not None:
            if len(password) < 8:
                raise InputError("password must be at least 8 characters")
            values["password_hash"] = hash_password(password)
        if active is not None:
            values["active"] = active
        if display_name is not None:
            values["display_name"] = display_name
        with self.engine.begin() as conn:
            row = self._row(conn, name)
            if values:
                conn.execute(update(users).where(users.c.id == row.id).values(**values))
            if active is False or password is not None:
                conn.execute(delete(sessions).where(sessions.c.user_id == row.id))
        return self.get(name)

    def get(self, name: str) -> User:
        with self.engine.connect() as conn:
            return _user(self._row(conn, name))

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).all()
            keys = conn.execute(select(api_keys.c.user_id, api_keys.c.id, api_keys.c.label,
                                       api_keys.c.created_at, api_keys.c.last_used_at)
                                .where(~api_keys.c.revoked)).all()
        out = []
        for r in rows:
            out.append({**_user(r).to_dict(), "active": r.active,
                        "has_password": bool(r.password_hash), "created_at": r.created_at,
                        "keys": [{"id": k.id, "label": k.label, "created_at": k.created_at,
                                  "last_used_at": k.last_used_at}
                                 for k in keys if k.user_id == r.id]})
        return out

    def count(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(users.c.id)).all())

    def _row(self, conn: Any, name: str) -> Any:
        row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise NotFoundError(f"no user named {name}")
        return row

    # API keys ---------------------------------------------------------------------------
    def create_key(self, name: str, *, label: str | None = None) -> tuple[str, str]:
        """A new key for `name`: (key id, full key). The full key is never stored."""
        key_id = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        full = f"chonai_{key_id}_{secret}"
        with self.engine.begin() as conn:
            row = self._row(conn, name)
            conn.execute(insert(api_keys).values(
                id=key_id, user_id=row.id, key_sha256=_sha256(full), label=label,
                created_at=_now().isoformat(), revoked=False))
        return key_id, full

    def revoke_key(self, key_id: str) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(update(api_keys).where(api_keys.c.id == key_id)
                                .values(revoked=True))
        if not done.rowcount:
            raise NotFoundError(f"no API key with id {key_id}")

    def key_owner(self, key_id: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.name).join(api_keys, api_keys.c.user_id ==
                                                         users.c.id)
                               .where(api_keys.c.id == key_id)).first()
        if row is None:
            raise NotFoundError(f"no API key with id {key_id}")
        return str(row.name)

    def authenticate_key(self, key: str) -> User:
        parts = key.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != "chonai":
            raise AuthenticationError("malformed API key")
        with self.engine.begin() as conn:
            row = conn.execute(
                select(users, api_keys.c.key_sha256, api_keys.c.id.label("key_id"))
                .join(api_keys, api_keys.c.user_id == users.c.id)
                .where((api_keys.c.id == parts[1]) & ~api_keys.c.revoked)).first()
            if (row is None or not row.active
                    or not hmac.compare_digest(row.key_sha256, _sha256(key.strip()))):
                raise AuthenticationError("unknown or revoked API key")
            conn.execute(update(api_keys).where(api_keys.c.id == row.key_id)
                         .values(last_used_at=_now().isoformat()))
        return _user(row, auth="key")

    # passwords and sessions -------------------------------------------------------------
    def login(self, name: str, password: str) -> tuple[str, User]:
        """Check the password and open a session: (session token, user with csrf token)."""
        with self.engine.begin() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
            stored = row.password_hash if row is not None and row.password_hash else None
            # the same Argon2 work whether or not the user exists or has a password
            valid = check_password(password, stored or self._dummy_hash) and stored is not None
            if row is None or not row.active or not valid:
                raise AuthenticationError("wrong user name or password")
            if stored is not None and needs_rehash(stored):
                conn.execute(update(users).where(users.c.id == row.id)
                             .values(password_hash=hash_password(password)))
            token = secrets.token_urlsafe(32)
            csrf = secrets.token_urlsafe(24)
            now = _now()
            conn.execute(delete(sessions).where(sessions.c.expires_at < now.isoformat()))
            conn.execute(insert(sessions).values(
                token_sha256=_sha256(token), user_id=row.id, csrf_token=csrf,
                expires_at=(now + timedelta(seconds=self.session_ttl_s)).isoformat()))
        return token, _user(row, auth="session", csrf_token=csrf)

    def session_user(self, token: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users, sessions.c.csrf_token, sessions.c.expires_at)
                .join(sessions, sessions.c.user_id == users.c.id)
                .where(sessions.c.token_sha256 == _sha256(token))).first()
        if row is None or not row.active or row.expires_at < _now().isoformat():
            return None
        return _user(row, auth="session", csrf_token=row.csrf_token)

    def logout(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_sha256 == _sha256(token)))

    def header_user(self, name: str) -> User:
        """The user a trusted reverse proxy vouches for (SSO); must exist and be active."""
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name.strip())).first()
        if row is None or not row.active:
            raise AuthenticationError(f"user {name} from the SSO header is not registered")
        return _user(row, auth="header")


def _user(row: Any, *, auth: str = "none", csrf_token: str | None = None) -> User:
    return User(name=row.name, role=row.role, departments=tuple(row.departments or ()),
                display_name=row.display_name, auth=auth, csrf_token=csrf_token)
