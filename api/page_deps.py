"""The page's own records (core/pagedata.py) for route dependencies, and document cards:
what staff need to trust a source (種類, 例規番号, 施行日, version, 所管課, last updated)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Annotated, Any

from fastapi import Depends, Request

from core.originals import find as find_original
from db.catalog import DocumentRow
from db.pagedata import PageData
from db.users import PUBLIC, User
from services.build import Services

_lock = threading.Lock()

# what a document is, as staff name it: an e-Gov 法令 is not a 例規 of the city
KIND_JA = {"law": "法令", "regulation": "例規", "manual": "マニュアル", "faq": "FAQ"}
LAW_FORMATS = {"egov_xml"}


def get_pagedata(request: Request) -> PageData:
    data: PageData | None = getattr(request.app.state, "pagedata", None)
    if data is None:
        with _lock:
            data = getattr(request.app.state, "pagedata", None)
            if data is None:
                data = PageData(request.app.state.services.catalog.engine)
                request.app.state.pagedata = data
    return data


PageDataDep = Annotated[PageData, Depends(get_pagedata)]


def display_kind(kind: str, source_format: str | None) -> str:
    """"law" for national 法令 (e-Gov XML), else the catalog kind."""
    return "law" if kind == "regulation" and source_format in LAW_FORMATS else kind


def owner_from_chunks(services: Services, document_id: str) -> str | None:
    """A FAQ's 担当課 column, the most frequent one, when no owner set it by hand."""
    counts = Counter(r.payload.get("owner_department") for r in
                     services.store.scroll(document_id=document_id, limit=5000)
                     if r.payload.get("current") and r.payload.get("owner_department"))
    return counts.most_common(1)[0][0] if counts else None


def document_card(services: Services, doc: DocumentRow, details: dict[str, Any] | None,
                  *, derive_owner: bool = True) -> dict[str, Any]:
    versions = services.catalog.versions_of(doc.id)
    current = next((v for v in versions if v["version"] == doc.current_version), None)
    fmt = current["source_format"] if current else None
    kind = display_kind(doc.kind, fmt)
    owner = (details or {}).get("owner_department")
    owner_source = "set" if owner else None
    if not owner and derive_owner and doc.kind == "faq":
        owner = owner_from_chunks(services, doc.id)
        owner_source = "faq" if owner else None
    audience = [d for d in doc.departments if d != PUBLIC]
    if not owner and len(audience) == 1:
        owner, owner_source = audience[0], "acl"
    return {
        **doc.to_dict(), "kind": kind, "kind_ja": KIND_JA.get(kind, kind),
        "source_format": fmt,
        "promulgation_date": current["promulgation_date"] if current else None,
        "version_count": len(versions),
        "versions": [{"version": v["version"], "ingested_at": v["ingested_at"],
                      "effective_date": v["effective_date"], "chunks": v["chunk_count"]}
                     for v in versions],
        "owner_department": owner, "owner_source": owner_source,
        "contact": (details or {}).get("contact"),
        "has_original": find_original(services.settings.data_dir, doc.id,
                                      doc.current_version or "") is not None,
    }


def filtered_document_ids(services: Services, user: User, pagedata: PageData, kinds: list[str],
                          owner_department: str | None) -> tuple[str, ...]:
    """Documents matching the page filters; ("-",) (matches nothing) when none do."""
    if not kinds and not owner_department:
        return ()
    details = pagedata.details()
    ids = [c["document_id"] for c in (document_card(services, d, details.get(d.id))
                                      for d in services.catalog.list_documents()
                                      if user.can_read(d.departments))
           if (not kinds or c["kind"] in kinds)
           and (not owner_department or c["owner_department"] == owner_department)]
    return tuple(ids) or ("-",)
