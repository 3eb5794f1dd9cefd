"""Remote parties sign the record in headless Chromium with non-extractable WebCrypto keys.

A small Starlette app backed by signing/ serves web/static/sign-test.html and sign.js
and the four endpoints sign.js calls (nonce, certify, prepare, finish). Two parties
sign in their own browser contexts, three court staff sign with server-held keys;
pdfsig and pyHanko then accept all five signatures.
"""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import uvicorn
from cryptography.hazmat.primitives.serialization import Encoding, load_der_public_key
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from signing import pades
from signing.ca import CourtCA
from signing.record_pdf import RenderedRecord, render_record_pdf
from signing.roles import role_label
from signing.verify import run_pdfsig, verify_pdf
from tests.fixtures.signing import sample_document
from tests.fixtures.waiting import serve_uvicorn

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


class SigningDesk:
    """The state a court server would keep in its database, here in memory."""

    def __init__(self, ca: CourtCA, rendered: RenderedRecord) -> None:
        self.ca = ca
        self.reset(rendered)
        self.certs: dict[str, object] = {}
        self.nonces: dict[str, bytes] = {}

    def reset(self, rendered: RenderedRecord) -> None:
        self.rendered = rendered
        self.pdf = rendered.pdf
        self.prepared: dict[str, pades.PreparedSignature] = {}
        self.tamper = False

    def slot(self, role: str):
        return next(s for s in self.rendered.slots if s.role == role)


def make_app(desk: SigningDesk) -> Starlette:
    async def page(request: Request) -> Response:
        return FileResponse(STATIC / request.path_params["name"])

    async def nonce(request: Request) -> Response:
        signer = (await request.json())["signer"]
        desk.nonces[signer] = os.urandom(32)
        return JSONResponse({"nonce": base64.b64encode(desk.nonces[signer]).decode()})

    async def certify(request: Request) -> Response:
        body = await request.json()
        signer = body["signer"]
        expected = desk.nonces.pop(signer, None)
        nonce = base64.b64decode(body["nonce"])
        spki = base64.b64decode(body["spki"])
        if expected is None or nonce != expected or not pades.verify_possession(spki, nonce, base64.b64decode(body["signature"])):
            return JSONResponse({"error": "持有证明无效"}, status_code=403)
        slot = desk.slot(signer)
        cert = desk.ca.issue_certificate(load_der_public_key(spki), name=slot.name, role=slot.role, valid_days=30)
        desk.certs[signer] = cert
        return JSONResponse({"certificate_pem": cert.public_bytes(Encoding.PEM).decode()})

    async def prepare(request: Request) -> Response:
        signer = (await request.json())["signer"]
        cert = desk.certs.get(signer)
        if cert is None:
            return JSONResponse({"error": "尚未签发证书"}, status_code=403)
        slot = desk.slot(signer)
        prepared = await asyncio.to_thread(
            pades.prepare_external, desk.pdf, cert, desk.ca.cert, slot.field_name, pades.StampInfo(slot.name, role_label(slot.role))
        )
        pid = uuid.uuid4().hex
        desk.prepared[pid] = prepared
        return JSONResponse(
            {
                "prepared_id": pid,
                "field_name": prepared.field_name,
                "to_be_signed": base64.b64encode(prepared.to_be_signed).decode(),
                "byte_range": list(prepared.byte_range),
                "pdf_url": f"/api/sign/prepared/{pid}",
            }
        )

    async def prepared_pdf(request: Request) -> Response:
        prepared = desk.prepared[request.path_params["pid"]]
        data = bytearray(prepared.prepared_pdf)
        if desk.tamper:  # a lying server: the page must notice before signing
            data[len(data) // 4] ^= 0x01
        return Response(bytes(data), media_type="application/pdf")

    async def finish(request: Request) -> Response:
        body = await request.json()
        prepared = desk.prepared.pop(body["prepared_id"], None)
        if prepared is None:
            return JSONResponse({"error": "签名请求不存在"}, status_code=404)
        try:
            desk.pdf = await asyncio.to_thread(
                pades.finish_external, prepared, base64.b64decode(body["signature"]), current_pdf=desk.pdf
            )
        except pades.ExternalSignatureError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"signatures": sum(1 for _, filled in pades.signature_fields(desk.pdf) if filled)})

    return Starlette(
        routes=[
            Route("/api/sign/nonce", nonce, methods=["POST"]),
            Route("/api/sign/certify", certify, methods=["POST"]),
            Route("/api/sign/prepare", prepare, methods=["POST"]),
            Route("/api/sign/prepared/{pid}", prepared_pdf),
            Route("/api/sign/finish", finish, methods=["POST"]),
            Route("/{name:str}", page),
        ]
    )


@pytest.fixture(scope="module")
async def desk_server(court_ca):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing (Debian package chromium)")
    desk = SigningDesk(court_ca, render_record_pdf(sample_document(lines=20)))
    server = uvicorn.Server(uvicorn.Config(make_app(desk), host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    task, port = await serve_uvicorn(server)
    yield desk, f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@pytest.fixture(scope="module")
async def party_pages(browser, desk_server):
    _desk, base = desk_server
    pages = {}
    for signer in ("plaintiff", "defendant"):
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        await page.goto(f"{base}/sign-test.html?signer={signer}")
        pages[signer] = page
    yield pages
    for page in pages.values():
        await page.context.close()


async def wait_status(page, text: str, timeout: float = 30_000) -> str:
    await page.wait_for_function(
        "t => document.getElementById('status').textContent.includes(t) || document.getElementById('status').className === 'error'",
        arg=text, timeout=timeout,
    )
    return await page.text_content("#status")


async def test_parties_sign_in_the_browser(desk_server, party_pages, court_ca, court_ca_pem, tmp_path):
    desk, _base = desk_server
    for signer, page in party_pages.items():
        await page.click("#enroll")
        assert await wait_status(page, "证书已签发") == "证书已签发"
        # The private key is not extractable, and survives a reload (IndexedDB).
        refused = await page.evaluate(
            """async () => { const r = await CourtSign.loadKey(`signer-${new URLSearchParams(location.search).get('signer')}`);
                 try { await crypto.subtle.exportKey('pkcs8', r.privateKey); return false; } catch (e) { return true; } }"""
        )
        assert refused
        await page.reload()
        await page.click("#sign")
        await page.wait_for_selector("#review", state="visible", timeout=30_000)
        prepared = next(iter(desk.prepared.values()))
        assert await page.text_content("#digest") == prepared.document_digest.hex()
        assert await page.text_content("#field") == desk.slot(signer).field_name
        await page.click("#confirm")
        status = await wait_status(page, "签名完成")
        assert status.startswith("签名完成"), status

    # Court staff sign with server-held keys, in order.
    for role in ("clerk", "judge", "presiding_judge"):
        slot = desk.slot(role)
        key, cert = court_ca.issue_server_held_key(slot.name, slot.role)
        desk.pdf = await asyncio.to_thread(
            pades.sign_pdf, desk.pdf, key, cert, court_ca.cert, slot.field_name, pades.StampInfo(slot.name, role_label(role))
        )

    report = await asyncio.to_thread(verify_pdf, desk.pdf, court_ca.cert)
    assert report.ok, [str(p) for p in report.problems]
    assert report.signers == ["张三", "示范贸易有限公司", "王书记", "赵法官", "钱审判"]
    pdfsig = await asyncio.to_thread(run_pdfsig, desk.pdf, trust=court_ca.cert)
    assert pdfsig.trusted and len(pdfsig.signatures) == 5, pdfsig.text
    exe = shutil.which("pyhanko")
    if exe:
        path = tmp_path / "signed.pdf"
        path.write_bytes(desk.pdf)
        proc = await asyncio.to_thread(
            subprocess.run,
            [exe, "sign", "validate", "--trust", str(court_ca_pem), "--trust-replace", "--executive-summary", str(path)],
            capture_output=True, text=True, timeout=120,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("sig")]
        assert len(lines) == 5 and all(line.endswith(":VALID") for line in lines), proc.stdout


async def test_page_refuses_to_sign_blind(desk_server, party_pages):
    desk, _base = desk_server
    desk.reset(render_record_pdf(sample_document(lines=5)))
    desk.tamper = True
    page = party_pages["plaintiff"]
    await page.reload()
    await page.click("#sign")
    status = await wait_status(page, "签名失败")
    assert "待签内容与文件摘要不符" in status, status
    assert await page.is_hidden("#review")
    assert pades.signature_fields(desk.pdf)[0] == ("sig01_plaintiff", False)
