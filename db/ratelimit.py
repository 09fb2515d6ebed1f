"""Token buckets in the metadata database, so a rate limit holds across worker processes and
servers (every `uvicorn --workers` process and every node behind a load balancer shares them).

One row per caller: `tokens` at `updated_s` (Unix time). Taking a token is one conditional
UPDATE, atomic on SQLite and PostgreSQL alike, so two processes can never both spend the last
token. Rows of callers idle long enough to be full again are deleted now and then.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine, case, delete, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError

from db.schema import rate_limit_buckets

PRUNE_EVERY = 1000  # takes between two deletions of idle rows


class SharedTokenBucketLimiter:
    """`per_minute` tokens refill evenly; a bucket holds at most `burst`.

    `engine` is a callable so the limiter can be built before the database is opened (the
    middleware exists before the app's services start).
    """

    def __init__(self, engine: Callable[[], Engine], *, per_minute: int, burst: int,
                 clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self.rate_per_s = per_minute / 60.0
        self.capacity = float(max(burst, 1))
        self.clock = clock
        self._takes = 0

    @property
    def enabled(self) -> bool:
        return self.rate_per_s > 0

    def take(self, caller: str) -> float:
        """0 when a token was taken; else the seconds until one will be there."""
        if not self.enabled:
            return 0.0
        caller = caller[:200]
        now = self.clock()
        b = rate_limit_buckets.c
        refilled = b.tokens + (now - b.updated_s) * self.rate_per_s
        level = case((refilled > self.capacity, self.capacity), else_=refilled)
        engine = self._engine()
        self._maybe_prune(engine, now)
        with engine.begin() as conn:
            spent = conn.execute(sql_update(rate_limit_buckets)
                                 .where((b.caller == caller) & (level >= 1.0))
                                 .values(tokens=level - 1.0, updated_s=now))
            if spent.rowcount:
                tokens_left = None
            else:
                row = conn.execute(select(b.tokens, b.updated_s)
                                   .where(b.caller == caller)).first()
                tokens_left = (min(self.capacity, row.tokens + (now - row.updated_s)
                                   * self.rate_per_s) if row is not None else None)
        if spent.rowcount:
            return 0.0
        if tokens_left is not None:
            return (1.0 - tokens_left) / self.rate_per_s
        try:  # a new caller: a full bucket, minus this request
            with engine.begin() as conn:
                conn.execute(insert(rate_limit_buckets).values(
                    caller=caller, tokens=self.capacity - 1.0, updated_s=now))
            return 0.0
        except IntegrityError:  # another process inserted it first: take from that row
            return self.take(caller)

    def _maybe_prune(self, engine: Engine, now: float) -> None:
        self._takes += 1
        if self._takes % PRUNE_EVERY:
            return
        full_after_s = self.capacity / self.rate_per_s
        with engine.begin() as conn:
            conn.execute(delete(rate_limit_buckets)
                         .where(rate_limit_buckets.c.updated_s < now - full_after_s))
