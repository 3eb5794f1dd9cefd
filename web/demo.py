"""`courtroom demo`: a short simulated internet hearing, end to end, on the embedded default.

A server starts on 127.0.0.1 with its own data directory; a sample case is registered;
the presiding judge and the clerk join as court staff, the plaintiff and the defendant
join remotely and wait in the lobby until the judge admits them. Each is an aiortc
client that speaks recorded Mandarin (a turn-taking script) and sends a test pattern.
The judge opens, the parties speak, the judge closes; the transcript is printed speaker
by speaker; the record is signed by everyone and filed into the case's dossier."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from courtroom import sim
from courtroom.context import ServerContext
from courtroom.records.document import lock_and_render, read_blob
from courtroom.records.filing import file_record
from courtroom.records.party_signing import certify, finish_party, issue_invitation, new_nonce, prepare_party
from courtroom.records.staff_signing import sign_as_staff
from models import audit, hearings, recordings, records
from signing import pades

AUDIO_DIR = Path(sim.__file__).parent / "demo_audio"
RATE = 48000
LEAD_S = 4.0  # silence before the first turn, while everyone settles in
GAP_S = 1.6  # silence between turns

CASE = {"case_number": "（2026）吉01民初1024号", "cause": "买卖合同纠纷"}


@dataclass(frozen=True)
class Seat:
    key: str
    role: str
    name: str
    remote: bool = False
    staff: bool = False


SEATS = [
    Seat("judge", "presiding_judge", "周明", staff=True),
    Seat("clerk", "clerk", "吴静", staff=True),
    Seat("plaintiff", "plaintiff", "李四", remote=True),
    Seat("defendant", "defendant", "长春某某贸易有限公司", remote=True),
]

# Who speaks which sentence, in order (the audio is synthetic Mandarin speech).
SCRIPT = [
    ("judge", "zh_court_00.flac"),      # 现在开庭。
    ("clerk", "zh_court_04.flac"),      # 书记员宣读法庭纪律。
    ("judge", "zh_court_01.flac"),      # 请原告陈述诉讼请求。
    ("plaintiff", "zh_court_07.flac"),  # 原告请求判令被告支付货款五万元。
    ("judge", "zh_court_02.flac"),      # 被告对原告提交的证据有无异议？
    ("defendant", "zh_court_08.flac"),  # 被告辩称合同已经履行完毕。
    ("judge", "zh_court_11.flac"),      # 法庭调查结束，现在进行法庭辩论。
    ("judge", "zh_court_13.flac"),      # 本案将择期宣判。
]


def script_tracks() -> tuple[dict[str, np.ndarray], float]:
    """One 48 kHz track per speaker, each sentence placed at its turn; the total length."""
    from courtroom.sim.testsource import load_speech

    clips = [(who, load_speech(AUDIO_DIR / name)) for who, name in SCRIPT]
    t = LEAD_S
    placed = []
    for who, pcm in clips:
        placed.append((who, int(t * RATE), pcm))
        t += len(pcm) / RATE + GAP_S
    total = int(t * RATE)
    tracks = {s.key: np.zeros(total, np.int16) for s in SEATS}
    for who, at, pcm in placed:
        tracks[who][at: at + len(pcm)] = pcm
    return tracks, t


async def _set_up(ctx) -> dict[str, Any]:
    """Accounts, case, hearing and seats, as the clerk's desk would create them."""
    import datetime as dt

    from models import audit, cases, hearings, staff, tokens

    actor = audit.Actor("演示程序", "system")
    stamp = uuid.uuid4().hex[:6]
    async with ctx.db.pool.acquire() as conn:
        accounts = {}
        passwords = {}  # the simulated staff sign with their own passwords, like anyone else
        for seat in SEATS:
            if seat.staff:
                password = uuid.uuid4().hex
                accounts[seat.key] = await staff.create_staff(
                    conn, court_id=ctx.court_id, username=f"demo-{seat.key}-{stamp}", display_name=seat.name,
                    position="judge" if seat.role == "presiding_judge" else seat.role,
                    password=password, actor=actor)
                passwords[str(accounts[seat.key]["id"])] = password
        case = await cases.create_case(conn, court_id=ctx.court_id, case_number=f"{CASE['case_number'][:-1]}-{stamp}号",
                                       cause=CASE["cause"], creator=accounts["clerk"])
        parties = {}
        for seat in SEATS:
            if not seat.staff:
                parties[seat.key] = await cases.add_party(conn, case.id, role=seat.role, name=seat.name,
                                                          id_number=None, actor=actor)
        hearing = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="internet", title="第一次开庭",
                                          scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一互联网法庭",
                                          actor=actor, created_by=accounts["clerk"]["id"])
        seated, join = {}, {}
        for seat in SEATS:
            p = await hearings.add_participant(
                conn, hearing.id, role=seat.role, name=seat.name, actor=actor, remote=seat.remote,
                staff_id=accounts[seat.key]["id"] if seat.staff else None,
                party_id=parties[seat.key]["id"] if not seat.staff else None)
            seated[seat.key] = p
            # A staff seat's token can only be its holder's own (models.tokens).
            join[seat.key], _ = await tokens.issue(conn, ctx.keys.join_token_key, p, lifetime_s=3600, actor=actor,
                                                   issued_by=accounts[seat.key if seat.staff else "clerk"]["id"])
    return {"case": case, "hearing": hearing, "participants": seated, "tokens": join, "passwords": passwords}


async def run_demo(data_dir: Path, *, asr: bool = True, log=print) -> dict[str, Any]:
    import uvicorn

    from courtroom.config import Settings
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
    from models import audit, transcripts
    from web.app import create_app, start_context, stop_context
    from web.server import WS_MAX_BYTES

    settings = Settings(data_dir=data_dir, database_url=None, host_addresses=("127.0.0.1",), ice_servers=(),
                        asr_enabled=asr)
    log(f"启动服务（嵌入式 PostgreSQL{'，加载语音识别模型' if asr else ''}）…")
    ctx = await start_context(settings)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, context=ctx), host="127.0.0.1", port=0,
                                           log_level="warning", ws_max_size=WS_MAX_BYTES))
    serving = asyncio.create_task(server.serve())
    people: dict[str, SimulatedParticipant] = {}
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        ws_url = f"ws://127.0.0.1:{port}/ws/hearing"
        setup = await _set_up(ctx)
        hearing_id = setup["hearing"].id
        log(f"案件 {setup['case'].case_number}（{CASE['cause']}），庭审 {hearing_id}")
        tracks, length = script_tracks()

        for seat in SEATS:
            people[seat.key] = SimulatedParticipant(ws_url, name=seat.key, join_token=setup["tokens"][seat.key],
                                                    audio=tracks[seat.key], video=VideoSpec(320, 180, 15),
                                                    receive="headers")
        judge = people["judge"]
        await judge.start()
        await people["clerk"].start()
        # The remote parties wait in the lobby; the presiding judge admits each one.
        joining = [asyncio.create_task(people[k].start()) for k in ("plaintiff", "defendant")]
        for key in ("plaintiff", "defendant"):
            pid = str(setup["participants"][key].id)
            await _until(lambda pid=pid: any(p["id"] == pid and p["state"] == "waiting"
                                     for e in judge.events if e.get("type") == "roster" for p in e["roster"]), 20)
            log(f"{setup['participants'][key].label} 在候审室等候 → 审判长准许进入")
            await judge.send({"type": "control", "action": "admit", "participant_id": pid})
        await asyncio.gather(*joining)
        await judge.send({"type": "control", "action": "open"})
        log(f"开庭。模拟庭审约 {length:.0f} 秒 …")
        await asyncio.sleep(length + 1.0)
        await judge.send({"type": "control", "action": "close"})
        await _until(lambda: any(e.get("type") == "bye" for e in judge.events), 20)
        log("闭庭。")
        for p in people.values():
            await p.stop()
        people.clear()

        pool = ctx.db.pool
        async def recordings_closed() -> bool:
            return await recordings.still_recording(pool, hearing_id) == 0

        await _until_async(recordings_closed, 20)
        asr_service = ctx.services.transcription
        if asr_service is not None:
            await _until(lambda: asr_service.stats().get("utterances_pending", 0) == 0, 60)
        transcript = await transcripts.list_for_hearing(pool, hearing_id)
        rows = await recordings.for_hearing(pool, hearing_id)
        filed = await sign_and_file_for_demo(ctx, hearing_id, party_keys={}, staff_passwords=setup["passwords"])
        return {
            "hearing_id": str(hearing_id),
            "case_number": setup["case"].case_number,
            "data_dir": str(data_dir),
            "recordings": [{"participant": r["participant_name"], "role": r["participant_role"], "kind": r["kind"],
                            "segment": r["segment_index"], "path": r["path"], "duration_s": r["duration_s"],
                            "hearing_start_s": r["hearing_start_s"], "sha256": r["sha256"], "state": r["state"]}
                           for r in rows],
            "transcript": [{"speaker": s["speaker_label"], "start": s["start"], "end": s["end"], "text": s["text"]}
                           for s in transcript],
            "audit_problems": await audit.verify(pool, str(hearing_id)),
            "signed_pdf": filed["signed_pdf"],
            "dossier_package": filed["dossier_package"],
        }
    finally:
        for p in people.values():
            await p.stop()
        server.should_exit = True
        await serving
        await stop_context(ctx)


async def _until(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the simulated hearing did not reach the expected state in time")
        await asyncio.sleep(0.05)


async def _until_async(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the simulated hearing did not reach the expected state in time")
        await asyncio.sleep(0.1)


def _hms(seconds: float) -> str:
    s = max(0.0, seconds)
    return f"{int(s // 3600):02d}:{int(s // 60) % 60:02d}:{s % 60:05.2f}"


def demo_main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="courtroom-demo-", dir="/tmp"))
    quiet = args.json
    summary = asyncio.run(run_demo(data_dir, asr=not args.no_asr, log=(lambda *_: None) if quiet else print))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0 if not summary["audit_problems"] else 1
    print("\n庭审笔录（语音识别，按庭审时间）:")
    for s in summary["transcript"]:
        print(f"  [{_hms(s['start'])}] {s['speaker']}：{s['text']}")
    if not summary["transcript"]:
        print("  （无：未启用语音识别）")
    print("\n录音录像:")
    for r in summary["recordings"]:
        print(f"  {r['role']:<16} {r['participant']:<12} {r['kind']}  段{r['segment']}  "
              f"起点 {_hms(r['hearing_start_s'])}  时长 {r['duration_s']:.1f} s  {r['path']}")
    print(f"\n审计链: {'完整' if not summary['audit_problems'] else summary['audit_problems']}")
    print(f"签名笔录 (PDF): {summary['signed_pdf']}")
    print(f"电子卷宗包: {summary['dossier_package']}")
    print(f"数据目录: {summary['data_dir']}")
    return 0 if not summary["audit_problems"] else 1


def webcrypto_style_signature(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    """What a browser's WebCrypto ECDSA P-256/SHA-256 returns: r || s."""
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


async def sign_and_file_for_demo(ctx: "ServerContext", hearing_id: uuid.UUID, *,
                                 party_keys: Mapping[Any, ec.EllipticCurvePrivateKey],
                                 staff_passwords: Mapping[Any, str]) -> dict[str, Any]:
    """Lock, render, have every simulated participant sign, file; for `courtroom demo`.

    Parties sign through the same invitation, proof-of-possession, certification and
    two-step external signature as a browser, with in-process keys from `party_keys`
    (by participant id, as UUID or str; a party without one gets a fresh key). Court
    staff sign with their server-held keys, unlocked with `staff_passwords` (by staff id,
    as UUID or str; a defaultdict serves everyone). The hearing must be closed. Returns the
    paths of copies of the signed PDF and the dossier package (zip), plus ids."""
    pool = ctx.db.pool
    people = await hearings.participants(pool, hearing_id)
    recorder = next((p for p in people if p.role.value in records.RECORDER_ROLES), None)
    clerk_actor = recorder.actor if recorder else audit.Actor.system()
    record = await lock_and_render(ctx, hearing_id, clerk_actor)
    for signer in await records.signers(pool, record.id):
        if signer.key_holder != "browser" or signer.done:
            continue
        key = party_keys.get(signer.participant_id) or party_keys.get(str(signer.participant_id)) or \
            ec.generate_private_key(ec.SECP256R1())
        token, _ = await issue_invitation(ctx, record.id, signer.participant_id,
                                          identity_method="演示：模拟当事人（程序内密钥）", lifetime_s=3600,
                                          issued_by=None, actor=clerk_actor)
        invitation = await records.read_invitation(pool, ctx.keys.join_token_key, token)
        nonce = await new_nonce(ctx, invitation)
        spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
        await certify(ctx, invitation, spki=spki, nonce=nonce,
                      signature=webcrypto_style_signature(key, pades.possession_message(spki, nonce)),
                      actor=audit.Actor(signer.name, signer.role))
        invitation = await records.read_invitation(pool, ctx.keys.join_token_key, token)
        pending_id, prepared = await prepare_party(ctx, invitation)
        await finish_party(ctx, invitation, pending_id, webcrypto_style_signature(key, prepared.to_be_signed),
                           file_when_complete=False)
    for signer in await records.signers(pool, record.id):
        if signer.key_holder == "server" and not signer.done:
            password = next((staff_passwords[k] for k in (signer.staff_id, str(signer.staff_id))
                             if k in staff_passwords or hasattr(staff_passwords, "default_factory")), "")
            await sign_as_staff(ctx, record.id, signer.participant_id, audit.Actor(signer.name, signer.role),
                                password=password, file_when_complete=False)
    record = await file_record(ctx, record.id, clerk_actor)
    out = ctx.settings.data_dir / "exports" / str(hearing_id)
    out.mkdir(parents=True, exist_ok=True)
    pdf_path, zip_path = out / "record-signed.pdf", out / "dossier-package.zip"
    # The demo shows its results in the clear, a closed session's too (decrypted copies).
    if record.current_sha256 is None or record.package_sha256 is None:
        raise RuntimeError("the record was not filed")
    await asyncio.to_thread(pdf_path.write_bytes, await read_blob(ctx, hearing_id, record.current_sha256))
    await asyncio.to_thread(zip_path.write_bytes, await read_blob(ctx, hearing_id, record.package_sha256))
    return {"signed_pdf": str(pdf_path), "dossier_package": str(zip_path), "record_id": str(record.id),
            "record_sha256": record.current_sha256, "package_sha256": record.package_sha256}
