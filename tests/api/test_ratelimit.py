"""Rate limiting per API key / session / address: token buckets in SQLite on an injectable clock,
two processes sharing one bucket, and the middleware through TestClient on the real app (Qdrant
edge engine, SQLite, a fake embedder)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, select
from starlette.datastructures import Headers

from api.app import create_app
from api.ratelimit import caller_id
from core.settings import Settings
from db.migrate import upgrade
from db.ratelimit import SharedTokenBucketLimiter, rate_limit_buckets
from db.users import UserStore
from services.build import build_services
from tests.fakes import HashEmbedder


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'buckets.db'}")
    upgrade(engine)
    return engine


def test_bucket_allows_a_burst_then_the_rate_and_refills(engine: Engine) -> None:
    clock = Clock()
    limiter = SharedTokenBucketLimiter(lambda: engine, per_minute=60, burst=3, clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)  # one token a second
    assert limiter.take("b") == 0.0  # another caller has its own bucket
    clock.now += 0.5
    assert limiter.take("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert limiter.take("a") == 0.0
    clock.now += 3600  # a long pause refills only up to the burst
    assert [limiter.take("a") for _ in range(4)][-1] > 0


def test_zero_per_minute_is_off(engine: Engine) -> None:
    limiter = SharedTokenBucketLimiter(lambda: engine, per_minute=0, burst=1, clock=Clock())
    assert not limiter.enabled
    assert all(limiter.take("a") == 0.0 for _ in range(1000))


def test_idle_buckets_are_pruned(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import db.ratelimit

    monkeypatch.setattr(db.ratelimit, "PRUNE_EVERY", 10)
    clock = Clock()
    limiter = SharedTokenBucketLimiter(lambda: engine, per_minute=60, burst=1, clock=clock)
    for n in range(100):
        limiter.take(f"caller-{n}")
    clock.now += 5  # every bucket is full again after 1 s
    for _ in range(10):
        limiter.take("late")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(rate_limit_buckets)).scalar() == 1


def _hammer(db_url: str, start_at: float, out: Any) -> None:
    engine = create_engine(db_url)
    limiter = SharedTokenBucketLimiter(lambda: engine, per_minute=1, burst=20)
    while time.time() < start_at:
        time.sleep(0.001)
    out.put(sum(1 for _ in range(40) if limiter.take("key:shared") == 0.0))


def test_the_limit_holds_across_worker_processes(tmp_path: Path, engine: Engine) -> None:
    """Two processes spend one bucket: together they get the burst, not twice the burst."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 3
    procs = [ctx.Process(target=_hammer, args=(str(engine.url), start_at, out))
             for _ in range(2)]
    for p in procs:
        p.start()
    granted = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    # per-process buckets would grant 40; 1 a minute: no refill worth a token meanwhile
    assert sum(granted) == 20, granted


def test_caller_is_the_credential_else_the_address() -> None:
    def ident(headers: dict[str, str], trusted: str | None = None) -> str:
        return caller_id(Headers(headers), ("10.0.0.7", 5000), trusted)

    assert ident({"Authorization": "Bearer chonai_ab12cd34_secret"}) == "key:ab12cd34"
    assert ident({"X-API-Key": "chonai_ab12cd34_other"}) == "key:ab12cd34"
    assert ident({"Authorization": "Bearer junk"}).startswith("key#")
    assert ident({"Cookie": "a=b; chonai_session=tok"}).startswith("session:")
    assert ident({"X-Remote-User": "sato"}, "X-Remote-User") == "user:sato"
    assert ident({"X-Remote-User": "sato"}) == "ip:10.0.0.7"  # header not trusted: ignored
    assert ident({}) == "ip:10.0.0.7"


@pytest.fixture
def city(tmp_path: Path) -> Iterator[dict[str, Any]]:
    services = build_services(Settings(data_dir=tmp_path, _env_file=None,
                                       rate_limit_per_minute=6, rate_limit_burst=2),
                              embedder=HashEmbedder())
    users = UserStore(services.catalog.engine)
    users.add("a", role="staff")
    users.add("b", role="staff")
    keys = {n: {"Authorization": f"Bearer {users.create_key(n)[1]}"} for n in ("a", "b")}
    app = create_app(services=services)
    clock = Clock()
    app.state.rate_limiter.clock = clock
    with TestClient(app) as client:
        yield {"client": client, "keys": keys, "clock": clock, "app": app}
    services.close()


def _search(client: TestClient, headers: dict[str, str] | None = None) -> Any:
    return client.post("/api/search", json={"query": ""}, headers=headers or {})  # cheap 422


def test_429_with_retry_after_per_key_and_recovery(city: dict[str, Any]) -> None:
    client, keys, clock = city["client"], city["keys"], city["clock"]
    assert [_search(client, keys["a"]).status_code for _ in range(2)] == [422, 422]
    res = _search(client, keys["a"])
    assert res.status_code == 429
    assert res.headers["retry-after"] == "10"  # 6 a minute: one token every 10 s
    err = res.json()["error"]
    assert err["code"] == "RateLimitedError"
    assert "6 per minute" in err["message"]
    assert err["message_ja"]
    assert _search(client, keys["b"]).status_code == 422  # its own bucket
    assert client.get("/api/health").status_code == 200  # exempt
    assert client.get("/api/documents", headers=keys["a"]).status_code == 200  # reads: exempt
    clock.now += 10
    assert _search(client, keys["a"]).status_code == 422
    assert _search(client, keys["a"]).status_code == 429


def test_anonymous_callers_share_a_bucket_per_address(city: dict[str, Any]) -> None:
    client, app = city["client"], city["app"]
    assert [_search(client).status_code for _ in range(3)] == [422, 422, 429]
    with TestClient(app, client=("10.1.2.3", 4000)) as elsewhere:
        assert _search(elsewhere).status_code == 422


def test_off_when_zero(tmp_path: Path) -> None:
    services = build_services(Settings(data_dir=tmp_path, _env_file=None,
                                       rate_limit_per_minute=0), embedder=HashEmbedder())
    try:
        with TestClient(create_app(services=services)) as client:
            assert {_search(client).status_code for _ in range(30)} == {422}
    finally:
        services.close()
