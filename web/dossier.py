"""The case's electronic dossier: the entries a caller may see, and their content."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from models import cases, dossier, hearings
from web.auth import context, deny, require_staff
from web.http import ApiError, Json, no_store, path_uuid
from web.record_access import (
    blob_response,
    invitation_of,
    signing_token,
)


async def _visible_entries(request: Request, account: dict[str, Any], case_id: uuid.UUID) -> list[dict[str, Any]]:
    """Main volume: the case team and those seated in the entry's hearing. Secondary volume:
    only members of that closed session. Everyone else: not found."""
    ctx = context(request)
    pool = ctx.db.pool
    member = await cases.is_member(pool, case_id, account["id"])
    seated = await hearings.seated_hearing_ids(pool, case_id, account["id"])
    if not member and not seated:
        raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    out = []
    for e in await dossier.entries(pool, case_id):
        hid = uuid.UUID(e["hearing_id"]) if e["hearing_id"] else None
        if e["volume"] == "main" and (member or hid in seated):
            out.append(e)
        elif e["volume"] == "secondary" and hid is not None and hid in seated:
            out.append(e)
    return out


async def case_dossier(request: Request) -> Json:
    account = await require_staff(request)
    case_id = path_uuid(request, "case_id")
    visible = await _visible_entries(request, account, case_id)
    pool = context(request).db.pool
    case = await cases.get_case(pool, case_id)
    volumes = sorted({e["volume"] for e in visible})
    return no_store(Json({
        "case": {"id": case.id, "case_number": case.case_number, "cause": case.cause},
        "entries": visible, "chain_problems": {v: await dossier.verify(pool, case_id, v) for v in volumes},
    }))


async def entry_content(request: Request) -> Response:
    ctx = context(request)
    entry_uuid = path_uuid(request, "entry_id")
    try:
        entry = await dossier.get_entry(ctx.db.pool, entry_uuid)
    except LookupError:
        raise ApiError(404, "not_found", "未找到 (not found)") from None
    if signing_token(request):
        invitation = await invitation_of(request)
        if entry["volume"] != "main" or entry["hearing_id"] != str(invitation.hearing_id):
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", hearing_id=invitation.hearing_id,
                             member=True)
    else:
        account = await require_staff(request)
        if entry["id"] not in {e["id"] for e in await _visible_entries(request, account, uuid.UUID(entry["case_id"]))}:
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    name = Path(entry["path"] or entry["entry_id"]).name
    case_id = uuid.UUID(entry["case_id"]) if entry["volume"] == "secondary" else None
    return await blob_response(request, None, case_id, entry["sha256"], entry["media_type"], name)


routes = [
    Route("/api/cases/{case_id}/dossier", case_dossier),
    Route("/api/dossier/entries/{entry_id}/content", entry_content, methods=["GET", "HEAD"]),
]
