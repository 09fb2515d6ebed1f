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


def _scrypt_0_1(password: str) -> str:
    """A password hash as chonai 0.1 stored it."""
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def test_passwords_are_argon2id_and_old_scrypt_hashes_are_rehashed(store: UserStore) -> None:
    from sqlalchemy import update

    store.add("sato", role="staff", password="new password 1")
    with store.engine.connect() as conn:
        assert conn.execute(select(users.c.password_hash)).scalar_one().startswith("$argon2id$")
    store.add("old", role="staff")
    with store.engine.begin() as conn:
        conn.execute(update(users).where(users.c.name == "old")
                     .values(password_hash=_scrypt_0_1("old password 1")))
    with pytest.raises(AuthenticationError):
        store.login("old", "wrong password")
    with store.engine.connect() as conn:  # a failed login changes nothing
        stored = conn.execute(select(users.c.password_hash)
                              .where(users.c.name == "old")).scalar_one()
    assert stored.startswith("scrypt$")
    store.login("old", "old password 1")
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)
                              .where(users.c.name == "old")).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    store.login("old", "old password 1")  # and the new hash verifies


def test_a_login_for_an_unknown_user_takes_as_long_as_a_wrong_password(
        store: UserStore) -> None:
    """Timing must not tell which user names exist; medians of 7 tries each."""
    import statistics
    import time

    store.add("sato", role="staff", password="right password")
    store.add("sso-only", role="staff")  # no password: SSO header users

    def median_s(name: str) -> float:
        times = []
        for _ in range(7):
            started = time.perf_counter()
            with pytest.raises(AuthenticationError):
                store.login(name, "wrong password")
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    median_s("nobody")  # warm-up: the dummy hash is made on first use
    known, unknown, no_password = median_s("sato"), median_s("nobody"), median_s("sso-only")
    print(f"login median: known user {known * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms, "
          f"no password {no_password * 1000:.1f} ms")
    assert known > 0.005  # a real Argon2 check, not a shortcut
    assert 0.6 < unknown / known < 1.6
    assert 0.6 < no_password / known < 1.6
