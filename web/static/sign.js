/*
 * Browser-held signing keys for the hearing record (vanilla JS, no build step).
 *
 * The private key is a non-extractable WebCrypto ECDSA P-256 key kept in IndexedDB:
 * it never leaves this browser, so only its holder can sign (Electronic Signature Law
 * art. 13). The court certifies the public key after the holder proves possession, and
 * later sends the CMS signed attributes of the prepared PDF to sign.
 *
 * Nobody signs blind: before signing, the page downloads the prepared PDF, checks that
 * the /ByteRange covers the whole file except an empty signature placeholder,
 * recomputes SHA-256 over it and compares that with the messageDigest inside the
 * signed attributes.
 *
 * The HTTP endpoints are parameters; the server decides the routes. Expected JSON:
 *   nonceUrl    POST {...identity}                      -> {nonce: b64}
 *   certifyUrl  POST {...identity, spki, nonce, signature (b64)} -> any JSON (e.g. {certificate_pem})
 *   prepareUrl  POST {...request}                       -> {prepared_id, to_be_signed, byte_range, pdf_url, field_name?}
 *   finishUrl   POST {prepared_id, signature (b64 r||s)} -> any JSON
 */
(function (global) {
  "use strict";

  const DB_NAME = "courtroom-sign";
  const STORE = "keys";
  // Must match signing.pades.possession_message: prefix || nonce || SPKI.
  const POP_PREFIX = new TextEncoder().encode("COURTROOM-POP-V1\0");
  // 1.2.840.113549.1.9.4 (messageDigest)
  const OID_MESSAGE_DIGEST = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];

  class SignError extends Error {}

  // -- bytes ----------------------------------------------------------------------------

  function b64encode(bytes) {
    let s = "";
    const u8 = new Uint8Array(bytes);
    for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
    return btoa(s);
  }

  function b64decode(text) {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  function hex(bytes) {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }

  function equalBytes(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  // -- IndexedDB ------------------------------------------------------------------------

  function openDb() {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  async function dbOp(mode, fn) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  async function loadKey(keyId) {
    return (await dbOp("readonly", (s) => s.get(keyId))) || null;
  }

  /** The key pair stored under keyId, generated (non-extractable) on first use. */
  async function getOrCreateKey(keyId) {
    const existing = await loadKey(keyId);
    if (existing) return existing;
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const record = { keyId, privateKey: pair.privateKey, publicKey: pair.publicKey, created: new Date().toISOString() };
    await dbOp("readwrite", (s) => s.put(record, keyId));
    return record;
  }

  async function deleteKey(keyId) {
    await dbOp("readwrite", (s) => s.delete(keyId));
  }

  async function spkiOf(record) {
    return new Uint8Array(await crypto.subtle.exportKey("spki", record.publicKey));
  }

  async function signRaw(record, data) {
    // WebCrypto hashes with SHA-256 itself and returns r||s (64 bytes).
    return new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, record.privateKey, data));
  }

  // -- DER ------------------------------------------------------------------------------

  function readTlv(buf, off) {
    if (off + 2 > buf.length) throw new SignError("DER truncated");
    const tag = buf[off];
    let len = buf[off + 1];
    let head = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4) throw new SignError("DER length unsupported");
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i];
      head += n;
    }
    const start = off + head;
    const end = start + len;
    if (end > buf.length) throw new SignError("DER truncated");
    return { tag, start, end };
  }

  /** The messageDigest value inside DER-encoded CMS signed attributes (a SET OF Attribute). */
  function messageDigestOf(signedAttrs) {
    const top = readTlv(signedAttrs, 0);
    if (top.tag !== 0x31 || top.end !== signedAttrs.length) throw new SignError("signed attributes are not a DER SET");
    let found = null;
    for (let off = top.start; off < top.end; ) {
      const attr = readTlv(signedAttrs, off);
      off = attr.end;
      const oid = readTlv(signedAttrs, attr.start);
      if (oid.tag !== 0x06) throw new SignError("attribute without OID");
      if (!equalBytes(signedAttrs.subarray(oid.start, oid.end), Uint8Array.from(OID_MESSAGE_DIGEST))) continue;
      const values = readTlv(signedAttrs, oid.end);
      const value = readTlv(signedAttrs, values.start);
      if (values.tag !== 0x31 || value.tag !== 0x04 || value.end !== values.end) throw new SignError("bad messageDigest");
      if (found) throw new SignError("two messageDigest attributes");
      found = signedAttrs.slice(value.start, value.end);
    }
    if (!found) throw new SignError("no messageDigest in the signed attributes");
    return found;
  }

  // -- the check before signing -----------------------------------------------------------

  /**
   * Check that `toBeSigned` commits to exactly this PDF: the byte range covers the whole
   * file except an all-zero placeholder, the /ByteRange written in the file agrees, and
   * SHA-256 over the range equals the messageDigest. Returns {digestHex}; throws SignError.
   */
  async function checkToBeSigned(pdf, byteRange, toBeSigned) {
    const [a, b, c, d] = byteRange.map(Number);
    if (![a, b, c, d].every(Number.isInteger) || a !== 0 || b <= 0 || c <= b || c + d !== pdf.length) {
      throw new SignError("签名范围不覆盖整个文件 / the byte range does not cover the whole file");
    }
    if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) throw new SignError("签名占位符无效 / bad signature placeholder");
    for (let i = b + 1; i < c - 1; i++) {
      if (pdf[i] !== 0x30) throw new SignError("签名占位符不为空 / the placeholder is not empty");
    }
    const tail = new TextDecoder("latin1").decode(pdf.subarray(c, Math.min(pdf.length, c + 120)));
    const m = /^\s*\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(tail);
    if (!m || [m[1], m[2], m[3], m[4]].map(Number).join() !== [a, b, c, d].join()) {
      throw new SignError("文件中的 /ByteRange 与服务器所述不符 / the file's /ByteRange differs");
    }
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(pdf.subarray(0, b), pdf.subarray(c, c + d))));
    const claimed = messageDigestOf(toBeSigned);
    if (!equalBytes(digest, claimed)) {
      throw new SignError("待签内容与文件摘要不符，拒绝签名 / messageDigest does not match the document");
    }
    return { digestHex: hex(digest) };
  }

  // -- flows ------------------------------------------------------------------------------

  // The court's API answers errors as {error: {code, message}}; a plain {error: "text"} works too.
  function errorOf(data, url, status) {
    const err = data && data.error;
    const e = new SignError((err && (err.message || err)) || `${url}: HTTP ${status}`);
    e.code = err && err.code;
    e.status = status;
    return e;
  }

  async function postJson(url, body, fetchOptions) {
    const options = fetchOptions || {};
    const resp = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      ...options,
      // Extra headers (e.g. a signing token) add to the JSON content type instead of replacing it.
      headers: { "Content-Type": "application/json", ...(options.headers || {}) },
      body: JSON.stringify(body),
    });
    const data = await resp.json().catch(() => ({}));
    if (!resp.ok) throw errorOf(data, url, resp.status);
    return data;
  }

  /** Prove possession of the key and ask the court to certify it. */
  async function enroll({ keyId, nonceUrl, certifyUrl, identity = {}, fetchOptions } = {}) {
    const record = await getOrCreateKey(keyId);
    const { nonce } = await postJson(nonceUrl, identity, fetchOptions);
    const nonceBytes = b64decode(nonce);
    const spki = await spkiOf(record);
    const signature = await signRaw(record, concat(POP_PREFIX, nonceBytes, spki));
    return postJson(
      certifyUrl,
      { ...identity, spki: b64encode(spki), nonce, signature: b64encode(signature) },
      fetchOptions
    );
  }

  /**
   * Sign a prepared record. `onReview({fieldName, digestHex, pdf})` shows the signer what
   * they are about to sign and resolves true to go on.
   */
  async function signDocument({ keyId, prepareUrl, finishUrl, request = {}, onReview, fetchOptions } = {}) {
    const record = await loadKey(keyId);
    if (!record) throw new SignError("本浏览器中没有签名密钥 / no signing key in this browser");
    const prep = await postJson(prepareUrl, request, fetchOptions);
    const pdfResp = await fetch(prep.pdf_url, { credentials: "same-origin", ...(fetchOptions || {}) });
    if (!pdfResp.ok) throw errorOf(await pdfResp.json().catch(() => ({})), prep.pdf_url, pdfResp.status);
    const pdf = new Uint8Array(await pdfResp.arrayBuffer());
    const toBeSigned = b64decode(prep.to_be_signed);
    const { digestHex } = await checkToBeSigned(pdf, prep.byte_range, toBeSigned);
    if (onReview && !(await onReview({ fieldName: prep.field_name, digestHex, pdf }))) {
      throw new SignError("签名人取消 / cancelled by the signer");
    }
    const signature = await signRaw(record, toBeSigned);
    return postJson(finishUrl, { prepared_id: prep.prepared_id, signature: b64encode(signature) }, fetchOptions);
  }

  global.CourtSign = {
    SignError,
    getOrCreateKey,
    loadKey,
    deleteKey,
    spkiOf,
    signRaw,
    messageDigestOf,
    checkToBeSigned,
    enroll,
    signDocument,
    b64encode,
    b64decode,
  };
})(typeof window !== "undefined" ? window : globalThis);
