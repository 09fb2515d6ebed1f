"""Article-level diff between two versions of one document, by content hash.

Every point carries `unit_sha`, the hash of the passage text it was embedded from. When an
amended regulation comes in, its units are matched to the current version's by their place
(条/項/号, FAQ id, page and heading) and compared by hash: an amendment of one 条 shows as one
changed unit. The embedding cache (content-hash keyed, retrieval/embedders.py) is what makes
only those units cost model time; this diff is what `chonai ingest`/`sync` report.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any


def unit_sha(passage: str) -> str:
    return hashlib.sha256(passage.encode()).hexdigest()[:20]


def unit_key(payload: Mapping[str, Any]) -> str:
    """Where a unit sits in its document, independent of its wording."""
    if payload.get("faq_id"):
        return f"faq:{payload['faq_id']}"
    if payload.get("article"):
        return "art:" + "/".join(str(payload.get(k) or "") for k in ("part", "article",
                                                                     "paragraph", "item"))
    path = "/".join(payload.get("path") or ())
    return f"sec:{path}/{payload.get('caption') or ''}/{payload.get('page') or ''}"


@dataclass(frozen=True, slots=True)
class UnitDiff:
    same: int
    changed: int
    added: int
    removed: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def diff_units(old: Iterable[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> UnitDiff:
    """Payloads (with `unit_sha`) of the previous version against the new one's.

    Units sharing a key (a section cut into several chunks) are matched in order."""
    old_by_key: dict[str, list[str]] = {}
    for payload in sorted(old, key=lambda p: p.get("position", 0)):
        old_by_key.setdefault(unit_key(payload), []).append(str(payload.get("unit_sha")))
    old_hashes = Counter(h for hashes in old_by_key.values() for h in hashes)
    same = changed = added = 0
    seen: Counter[str] = Counter()
    for payload in new:
        key = unit_key(payload)
        index = seen[key]
        seen[key] += 1
        previous = old_by_key.get(key, [])
        sha = str(payload.get("unit_sha"))
        if index < len(previous):
            if previous[index] == sha or old_hashes[sha]:
                same += 1
            else:
                changed += 1
        elif old_hashes[sha]:
            same += 1
        else:
            added += 1
    matched = sum(min(seen[k], len(v)) for k, v in old_by_key.items())
    removed = sum(len(v) for v in old_by_key.values()) - matched
    return UnitDiff(same=same, changed=changed, added=added, removed=removed)
