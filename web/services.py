"""The concrete parts behind the context's protocols, for the web layer above them.

courtroom.context names the live hearings and the services only by protocol, so the
layers below the hearing room never import it; the web layer, at the top, may hold the
real classes, and gets them here."""

from __future__ import annotations

from courtroom.broadcast.service import BroadcastService
from courtroom.context import ServerContext
from courtroom.hearing.registry import HearingRooms


def hearing_rooms(ctx: ServerContext) -> HearingRooms:
    rooms = ctx.rooms
    if not isinstance(rooms, HearingRooms):
        raise RuntimeError("the hearing layer is not attached to this server context")
    return rooms


def broadcast_service(ctx: ServerContext) -> BroadcastService | None:
    service = ctx.services.broadcast
    return service if isinstance(service, BroadcastService) else None
