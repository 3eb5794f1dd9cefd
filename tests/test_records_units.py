"""The parts under the record flow, on the real database: the blob store, the dossier's
per-volume hash chain, and the court's signing order."""

import datetime as dt
import os
import uuid

import asyncpg
import pytest

from models import audit, cases, dossier, staff
from models.blobstore import BlobCorrupt, BlobNotFound, FileBlobStore, read_all
from models.records import NotYourTurn, Signer, check_turn, may_act, signing_group
from signing.chain import append_entry, verify_chain


def test_blob_store_names_blobs_by_content(tmp_path):
    store = FileBlobStore(tmp_path / "blobs")
    blob = store.put_bytes(b"hearing record")
    assert store.put_bytes(b"hearing record") == blob and store.exists(blob.sha256)
    src = tmp_path / "recording.webm"
    src.write_bytes(os.urandom(3 * 1024 * 1024 + 7))
    big = store.put_file(src)
    assert big.size == src.stat().st_size and read_all(store, big.sha256) == src.read_bytes()
    path = store.local_path(big.sha256)
    assert path.parent.parent.parent == tmp_path / "blobs" and path.name == big.sha256
    assert not list((tmp_path / "blobs" / "tmp").iterdir())  # no temporary file left behind
    with pytest.raises(ValueError):
        store.open("../../etc/passwd")
    with pytest.raises(BlobNotFound):
        store.open("0" * 64)
    # A blob damaged on disk is refused, not served as if it were the named content.
    os.chmod(path, 0o644)
    path.write_bytes(b"hearing recorD")
    with pytest.raises(BlobCorrupt):
        read_all(store, big.sha256)


def signer(field: str, role: str, state: str = "pending") -> Signer:
    return Signer(uuid.uuid4(), 0, field, uuid.uuid4(), role, field, None, "server", state, None, None, None, False)


def test_signing_order_is_parties_then_clerk_then_panel_then_presiding():
    people = [signer("a", "plaintiff"), signer("b", "defendant"), signer("c", "clerk"), signer("d", "judge"),
              signer("e", "presiding_judge")]
    assert [signing_group(s.role) for s in people] == [0, 0, 1, 2, 3]
    assert may_act(people, "a") and may_act(people, "b") and not may_act(people, "c")
    with pytest.raises(NotYourTurn):
        check_turn(people, "e")
    people[0] = signer("a", "plaintiff", "signed")
    people[1] = signer("b", "defendant", "refused")  # a refusal lets the clerk go on
    assert may_act(people, "c") and not may_act(people, "d")


@pytest.fixture(scope="module")
async def a_case(db):
    async with db.transaction() as conn:
        court = await staff.ensure_court(conn, "单元测试法院")
        clerk = await staff.create_staff(conn, court_id=court, username="unit_clerk", display_name="书记员甲",
                                         position="clerk", password="secret-pass-1", actor=audit.Actor.system())
        return await cases.create_case(conn, court_id=court, case_number="（2026）吉01民初9号", cause="借款合同纠纷",
                                       creator=clerk)


def info(sha: str) -> dossier.FileInfo:
    return dossier.FileInfo("文件", sha, 10, "application/pdf")


async def test_dossier_volumes_are_separate_append_only_chains(db, a_case):
    actor = audit.Actor("书记员甲", "clerk")
    async with db.pool.acquire() as conn:
        one = await dossier.append(conn, a_case.id, "main", entry_id="x:起诉状", kind="filing", category="起诉状",
                                   path="complaint.pdf", file=info("aa" * 32), case_number=a_case.case_number,
                                   actor=actor)
        two = await dossier.append(conn, a_case.id, "main", entry_id="x:答辩状", kind="filing", category="答辩状",
                                   path="defence.pdf", file=info("bb" * 32), case_number=a_case.case_number,
                                   actor=actor)
        minutes = await dossier.append(conn, a_case.id, "secondary", entry_id="y:合议笔录", kind="record_pdf",
                                       category="合议笔录", path="record.pdf", file=info("cc" * 32),
                                       case_number=a_case.case_number, actor=actor)
    assert (one["seq"], two["seq"], minutes["seq"]) == (1, 2, 1) and two["prev_hash"] == one["hash"]
    main = await dossier.chain(db.pool, a_case.id, "main")
    assert verify_chain(main) == [] and await dossier.verify(db.pool, a_case.id, "main") == []
    assert await dossier.verify(db.pool, a_case.id, "secondary") == []

    # Entries built on a stale head are refused: nothing is appended twice or forked.
    stale = append_entry([main[0]], {"entry_id": "x:fork", "kind": "filing", "path": "fork.pdf", "sha256": "dd" * 32,
                                     "case_number": a_case.case_number, "volume": "main", "category": "x"})
    async with db.transaction() as conn:
        await dossier.lock_head(conn, a_case.id, "main")
        with pytest.raises(dossier.ChainMoved):
            await dossier.append_built(conn, a_case.id, "main", [stale], {"fork.pdf": info("dd" * 32)},
                                       hearing_id=None, record_id=None, actor=actor)
    # The database will not edit or delete an entry; a head moved past the entries shows.
    with pytest.raises(asyncpg.RaiseError):
        await db.execute("update dossier_entries set title = 'x' where case_id = $1", a_case.id)
    with pytest.raises(asyncpg.RaiseError):
        await db.execute("delete from dossier_entries where case_id = $1", a_case.id)
    await db.execute("update dossier_heads set seq = 3 where case_id = $1 and volume = 'main'", a_case.id)
    assert "entries removed" in " ".join(await dossier.verify(db.pool, a_case.id, "main"))
    await db.execute("update dossier_heads set seq = 2 where case_id = $1 and volume = 'main'", a_case.id)


async def test_outbox_keeps_one_row_per_idempotency_key(db, a_case):
    # A record row is needed for the foreign key; the outbox itself is what is tested.
    hid, rid = uuid.uuid4(), uuid.uuid4()
    await db.execute("insert into hearings(id, case_id, kind, mode, title, scheduled_at) values"
                     " ($1, $2, 'hearing', 'courtroom', 't', $3)", hid, a_case.id, dt.datetime.now(dt.timezone.utc))
    await db.execute("insert into hearing_records(id, hearing_id, attempt, state, rendered_sha256, current_sha256,"
                     " page_count, segments, characters, created_by) values ($1,$2,1,'filed','a','a',1,0,0,'t')",
                     rid, hid)
    async with db.pool.acquire() as conn:
        first = await dossier.enqueue_push(conn, record_id=rid, url="http://x/", package_sha256="ee" * 32,
                                           idempotency_key="same")
        again = await dossier.enqueue_push(conn, record_id=rid, url="http://x/", package_sha256="ee" * 32,
                                           idempotency_key="same")
        assert first == again
        claimed = await dossier.claim_due(conn)
        assert [c["id"] for c in claimed] == [first]
        assert await dossier.claim_due(conn) == []  # leased: another worker does not take it meanwhile
        row = await dossier.record_attempt(conn, first, delivered=False, status=503, error="down")
        assert row["state"] == "pending" and row["attempts"] == 1
