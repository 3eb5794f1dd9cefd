"""The court's keys for records: its CA, the time-stamp authority's root, server-held signing
keys (signing.keystore, made on first use and certified by the court CA), and the blob store."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import uuid
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from models import records
from models.blobstore import FileBlobStore
from signing.ca import CourtCA, load_certificate, subject_fields
from signing.keystore import Keystore

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


_key_lock = threading.Lock()
_ca_cache: dict[tuple[str, bytes], CourtCA] = {}


def blob_store(ctx: "ServerContext") -> FileBlobStore:
    return FileBlobStore(ctx.settings.blobs_dir)


def court_ca(ctx: "ServerContext") -> CourtCA:
    """The court CA, created in the data directory on first use (blocking)."""
    directory = ctx.settings.keys_dir / "ca"
    cache_key = (str(directory), ctx.keys.master_key)
    with _key_lock:
        ca = _ca_cache.get(cache_key)
        if ca is None:
            ca = CourtCA.load_or_create(directory, ctx.keys.master_key, ctx.settings.court_name)
            _ca_cache[cache_key] = ca
        return ca


def tsa_root(ctx: "ServerContext") -> x509.Certificate | None:
    """The configured TSA's root certificate (blocking): packages ship it, verification trusts it."""
    return load_certificate(ctx.settings.tsa_ca) if ctx.settings.tsa_ca is not None else None


def _usable(cert: x509.Certificate, ca: CourtCA, name: str) -> bool:
    now = dt.datetime.now(dt.timezone.utc)
    return (cert.issuer == ca.cert.subject and subject_fields(cert).get("name") == name
            and cert.not_valid_after_utc - now > dt.timedelta(days=1))


def _keystore(ctx: "ServerContext") -> Keystore:
    return Keystore(ctx.settings.keys_dir / "signers", ctx.keys.master_key)


def server_key(ctx: "ServerContext", signer_id: str, name: str, role: str, *, password: str | None = None
               ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A server-held key for `signer_id`; created (and re-issued when the name changed or it
    nears expiry) by the court CA. A person's key is unlocked by their `password` only
    (signing.keystore); without one, an organisation key under the master key. Blocking."""
    ca = court_ca(ctx)
    store = _keystore(ctx)
    with _key_lock:
        if store.has(signer_id):
            key, cert = store.load(signer_id, password=password)
            if _usable(cert, ca, name):
                return key, cert
            return store.create(ca, signer_id, name, role, replace=True, password=password)
        return store.create(ca, signer_id, name, role, password=password)


async def rewrap_staff_keys(ctx: "ServerContext", staff_id: uuid.UUID, old_password: str, new_password: str) -> int:
    """Re-wrap a person's signing keys when their password changes (the web layer's
    password change calls it with both passwords, before committing the new hash)."""
    def run() -> int:
        with _key_lock:
            return _keystore(ctx).rewrap_staff_key(staff_id, old_password, new_password)
    return await asyncio.to_thread(run)


async def retire_staff_keys(ctx: "ServerContext", staff_id: uuid.UUID) -> int:
    """An administrator reset a forgotten password (nobody can unwrap the old key): the
    person's keys are retired and new ones certified at their next signature."""
    def run() -> int:
        with _key_lock:
            return _keystore(ctx).retire_staff_keys(staff_id)
    return await asyncio.to_thread(run)


def staff_signer_id(signer: records.Signer) -> str:
    """One key per person and capacity: a judge presiding today and sitting tomorrow holds two certificates."""
    if signer.staff_id is not None:
        return f"staff-{signer.staff_id.hex}-{signer.role}"
    return f"participant-{signer.participant_id.hex}"
