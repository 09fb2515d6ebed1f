"""Users, keys and sessions on a real SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from core.errors import AuthenticationError, InputError, NotFoundError
from db.users import PUBLIC, User, UserStore, api_keys, users


@pytest.fixture
def store(tmp_path: Path) -> UserStore:
    return UserStore(create_engine(f"sqlite:///{tmp_path / 'u.db'}"))


def test_roles_and_departments_shape_the_acl() -> None:
    staff = User("a", "staff", ("税務課",))
    admin = User("b", "admin", ())
    assert staff.acl_departments == ("税務課",)
    assert admin.acl_departments is None
    assert staff.can_read([PUBLIC])
    assert staff.can_read(["税務課", "人事課"])
    assert not staff.can_read(["人事課"])
    assert admin.can_read(["人事課"])
    assert User("anonymous", "anonymous").acl_departments == ()
    assert admin.has_role("editor")
    assert not staff.has_role("editor")


def test_api_keys_are_hashed_and_revocable(store: UserStore) -> None:
    store.add("sato", role="editor", departments=["税務課", " 税務課 ", "*"])
    assert store.get("sato").departments == ("税務課",)
    key_id, key = store.create_key("sato", label="laptop")
    with store.engine.connect() as conn:
        stored = conn.execute(select(api_keys.c.key_sha256)).scalar_one()
    assert key not in stored
    assert len(stored) == 64
    assert store.authenticate_key(key).name == "sato"
    with pytest.raises(AuthenticationError):
        store.authenticate_key(key[:-1] + ("x" if key[-1] != "x" else "y"))
    store.revoke_key(key_id)
    with pytest.raises(AuthenticationError):
        store.authenticate_key(key)
    with pytest.raises(AuthenticationError):
        store.authenticate_key("not-a-key")


def test_password_login_sessions_and_disable(store: UserStore) -> None:
    store.add("ito", role="staff", departments=["人事課"], password="s3cret-pass")
    with store.engine.connect() as conn:
        assert "s3cret" not in conn.execute(select(users.c.password_hash)).scalar_one()
    with pytest.raises(AuthenticationError):
        store.login("ito", "wrong-pass")
    token, user = store.login("ito", "s3cret-pass")
    assert user.csrf_token
    assert store.session_user(token).name == "ito"
    store.update("ito", active=False)
    assert store.session_user(token) is None
    with pytest.raises(AuthenticationError):
        store.login("ito", "s3cret-pass")


def test_bad_input(store: UserStore) -> None:
    with pytest.raises(InputError):
        store.add("x", role="root")
    with pytest.raises(InputError):
        store.add("anonymous", role="staff")
    store.add("x", role="staff")
    with pytest.raises(InputError):
        store.add("x", role="staff")
    with pytest.raises(InputError):
        store.update("x", password="short")
    with pytest.raises(NotFoundError):
        store.get("nobody")
    with pytest.raises(NotFoundError):
        store.revoke_key("nope")
