"""The court's keys for records: its CA, the time-stamp authority's root, server-held signing
keys (signing.keystore, made on first use and certified by the court CA), and the blob store."""

from __future__ import annotations

import datetime as dt
import logging
import threading
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


def server_key(ctx: "ServerContext", signer_id: str, name: str, role: str
               ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A server-held key for `signer_id`, encrypted at rest under the master key; created
    (and re-issued when the name changed or it nears expiry) by the court CA. Blocking."""
    ca = court_ca(ctx)
    store = Keystore(ctx.settings.keys_dir / "signers", ctx.keys.master_key)
    with _key_lock:
        if store.has(signer_id):
            key, cert = store.load(signer_id)
            if _usable(cert, ca, name):
                return key, cert
            return store.create(ca, signer_id, name, role, replace=True)
        return store.create(ca, signer_id, name, role)


def staff_signer_id(signer: records.Signer) -> str:
    """One key per person and capacity: a judge presiding today and sitting tomorrow holds two certificates."""
    if signer.staff_id is not None:
        return f"staff-{signer.staff_id.hex}-{signer.role}"
    return f"participant-{signer.participant_id.hex}"
