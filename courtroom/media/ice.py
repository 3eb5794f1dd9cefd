"""ICE configuration: which local addresses are offered and which STUN/TURN servers are used.

Two defaults of the stack do not suit a court server, so both are configuration here:
- aiortc falls back to Google's public STUN server when no ICE servers are given;
  we always pass an explicit (possibly empty) list.
- aioice offers every interface's address except 127.0.0.1 and binds them all.
  A server behind NAT or on a multi-homed host must offer chosen addresses, and tests
  must stay on loopback. aioice looks the addresses up through the module-level
  function `aioice.ice.get_host_addresses` on every gather, so we replace that one
  function (once, here) with one that returns the configured addresses when set.
  The choice is process-wide, like the interfaces themselves.

Receive buffers: aioice asks for 256 KiB per UDP socket; an event loop that falls
behind for a moment (a keyframe from every publisher at once) overflows that and the
loss turns into keyframe requests, i.e. more bursts. We ask for 2 MiB; Linux grants
at most net.core.rmem_max (raise it on a server: sysctl -w net.core.rmem_max=4194304).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any, Callable

import aioice.ice
import aioice.turn
from aiortc import RTCConfiguration, RTCIceServer

UDP_RECEIVE_BUFFER_BYTES = 2 * 1024 * 1024
# aioice reads this module attribute each time it opens a socket.
aioice.turn.UDP_SOCKET_BUFFER_SIZE = max(aioice.turn.UDP_SOCKET_BUFFER_SIZE, UDP_RECEIVE_BUFFER_BYTES)

_original_get_host_addresses: Callable[[bool, bool], list[str]] = aioice.ice.get_host_addresses
_host_addresses: tuple[str, ...] = ()

_SERVER_RE = re.compile(
    r"^(?P<scheme>stuns?|turns?):(?:(?P<user>[^:@/?]+):(?P<password>[^@/?]+)@)?(?P<rest>[^@]+)$"
)


def _configured_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    if not _host_addresses:
        return _original_get_host_addresses(use_ipv4, use_ipv6)
    out = []
    for address in _host_addresses:
        version = ipaddress.ip_address(address).version
        if (version == 4 and use_ipv4) or (version == 6 and use_ipv6):
            out.append(address)
    return out


def configure_host_addresses(addresses: Iterable[str]) -> None:
    """Offer (and bind) only these local addresses as ICE host candidates.

    An empty list restores aioice's default (every interface but loopback)."""
    global _host_addresses
    checked = []
    for address in addresses:
        try:
            checked.append(str(ipaddress.ip_address(address.strip())))
        except ValueError:
            raise ValueError(f"host address {address!r} is not an IP address") from None
    _host_addresses = tuple(checked)
    aioice.ice.get_host_addresses = _configured_host_addresses


def host_addresses() -> tuple[str, ...]:
    return _host_addresses


def parse_ice_server(url: str) -> RTCIceServer:
    """`stun:host[:port]`, `turn:user:password@host[:port][?transport=udp|tcp]`, `turns:...`."""
    match = _SERVER_RE.match(url.strip())
    if not match:
        raise ValueError(f"ICE server {url!r} is not a stun:, stuns:, turn: or turns: URL")
    scheme, user, password, rest = match["scheme"], match["user"], match["password"], match["rest"]
    if scheme.startswith("turn") and not (user and password):
        raise ValueError(f"TURN server {url!r} needs credentials: turn:user:password@host:port")
    kwargs: dict[str, Any] = {"urls": f"{scheme}:{rest}"}
    if user:
        kwargs["username"] = user
        kwargs["credential"] = password
    return RTCIceServer(**kwargs)


def rtc_configuration(ice_servers: Iterable[str] = (), host_addresses: Iterable[str] = ()) -> RTCConfiguration:
    """The RTCConfiguration for every server-side peer connection.

    Also installs the host-address choice (process-wide; see the module docstring)."""
    configure_host_addresses(host_addresses)
    return RTCConfiguration(iceServers=[parse_ice_server(u) for u in ice_servers])


def rtc_configuration_from_settings(settings: Any) -> RTCConfiguration:
    """From `courtroom.config.Settings` (fields `ice_servers`, `host_addresses`)."""
    return rtc_configuration(settings.ice_servers, settings.host_addresses)


def browser_ice_servers(ice_servers: Iterable[str]) -> list[dict[str, Any]]:
    """The same servers in the shape the browser's RTCPeerConnection takes."""
    out = []
    for url in ice_servers:
        server = parse_ice_server(url)
        entry: dict[str, Any] = {"urls": server.urls}
        if server.username:
            entry["username"] = server.username
            entry["credential"] = server.credential
        out.append(entry)
    return out
