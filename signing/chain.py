"""Hash chains: the audit log and the dossier are append-only lists where each entry
carries the hash of the one before, so a removed, reordered or edited entry shows.

One definition of the canonical form and the link hash, used by models/ (when
appending) and by the offline verifier (when checking an exported package)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable, Mapping

GENESIS = "0" * 64


def canonical_json(obj: Any) -> bytes:
    """Deterministic JSON: sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def link_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """sha256(prev_hash || canonical JSON of the entry), hex. `entry` excludes prev_hash/hash."""
    h = hashlib.sha256()
    h.update(prev_hash.encode("ascii"))
    h.update(canonical_json(entry))
    return h.hexdigest()


def verify_chain(entries: Iterable[Mapping[str, Any]], *, start_hash: str = GENESIS, start_seq: int = 1) -> list[str]:
    """Check links of entries that carry seq, prev_hash and hash. Returns problems (empty = intact)."""
    problems: list[str] = []
    prev = start_hash
    expected_seq = start_seq
    for e in entries:
        body = {k: v for k, v in e.items() if k not in ("prev_hash", "hash")}
        seq = e.get("seq")
        if seq != expected_seq:
            problems.append(f"gap or reorder at seq {seq}: expected {expected_seq}")
        if e.get("prev_hash") != prev:
            problems.append(f"entry {seq}: prev_hash does not match the previous entry's hash")
        if link_hash(e.get("prev_hash", ""), body) != e.get("hash"):
            problems.append(f"entry {seq}: content does not match its hash (edited)")
        prev = e.get("hash", "")
        expected_seq = (seq if isinstance(seq, int) else expected_seq) + 1
    return problems


def append_entry(chain: list[dict[str, Any]], body: Mapping[str, Any], *, start_hash: str = GENESIS, start_seq: int = 1) -> dict[str, Any]:
    """Link `body` onto `chain` (a list of entries, possibly empty) and append it.

    Sets seq (start_seq for the first entry), prev_hash and hash the way verify_chain
    checks them; returns the new entry.
    """
    prev_hash = chain[-1]["hash"] if chain else start_hash
    seq = chain[-1]["seq"] + 1 if chain else start_seq
    entry = {k: v for k, v in body.items() if k not in ("seq", "prev_hash", "hash")}
    entry["seq"] = seq
    entry["hash"] = link_hash(prev_hash, entry)
    entry["prev_hash"] = prev_hash
    chain.append(entry)
    return entry
