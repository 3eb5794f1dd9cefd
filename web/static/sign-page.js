// A party's signing page: read the record, then sign it with a key held in this browser
// (web/static/sign.js: non-extractable WebCrypto P-256, proof of possession, and a check
// of the /ByteRange digest before signing), or refuse with a reason.
//
// The signing token arrives in the URL fragment (never sent to a server or logged); it
// is kept in sessionStorage and removed from the address bar.
import { el, clear, hms, chineseOnly } from "/static/common.js";

const TOKEN_KEY = "courtroom-sign-token";
const $ = (id) => document.getElementById(id);

let token = location.hash.slice(1);
if (token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, "", location.pathname);
} else {
  token = sessionStorage.getItem(TOKEN_KEY) || "";
}
const auth = { headers: { authorization: "Signing " + token } };
let session = null;
let courtZone = "Asia/Shanghai";

function show(text, error) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

async function getJson(url) {
  const resp = await fetch(url, { credentials: "same-origin", ...auth });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    const err = new Error(chineseOnly((data.error && data.error.message) || `请求失败（${resp.status}）`));
    err.code = data.error && data.error.code;
    throw err;
  }
  return data;
}

async function postJson(url, body) {
  const resp = await fetch(url, { method: "POST", credentials: "same-origin", body: JSON.stringify(body),
                                  headers: { "content-type": "application/json", ...auth.headers } });
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(chineseOnly((data.error && data.error.message) || `请求失败（${resp.status}）`));
  return data;
}

function setButtons() {
  const me = session.me;
  const pending = me.state === "pending" && ["rendered", "signing"].includes(session.record.state);
  $("enroll").disabled = !pending;
  $("sign").disabled = !pending;
  $("refuse").disabled = !pending;
  $("signer-state").textContent = me.state_label;
}

async function loadSession() {
  session = await getJson("/api/signing/session");
  const me = session.me;
  $("heading").textContent = `${session.court} · ${session.case.case_number} · ${session.hearing.title}`;
  $("particulars").textContent = `案由：${session.case.cause} · 笔录共 ${session.record.page_count} 页 · 状态：${session.record.state_label}` +
    ` · 邀请有效至 ${new Date(session.expires_at).toLocaleString("zh-CN", { hour12: false, timeZone: courtZone })}`;
  $("signer").textContent = `${me.role_label} ${me.name}（身份核验：${me.identity_method}）`;
  setButtons();
  if (me.state === "signed") show("您已签名");
  else if (me.state === "refused") show(`您已拒绝签名：${me.refusal_reason}`);
}

async function loadDocument() {
  const resp = await fetch(session.pdf_url, { credentials: "same-origin", ...auth });
  if (resp.ok) {
    const url = URL.createObjectURL(new Blob([await resp.arrayBuffer()], { type: "application/pdf" }));
    // The PDF viewer is heavy on a phone or an old terminal: embed it only when asked.
    $("pdf-show").disabled = false;
    $("pdf-show").onclick = () => { $("pdf-frame").src = url; $("pdf-frame").hidden = false; $("pdf-show").hidden = true; };
    $("pdf-open").href = url;
    $("pdf-open").hidden = false;
  }
  const { segments } = await getJson("/api/signing/transcript");
  const box = clear($("lines"));
  for (const s of segments) {
    box.append(el("p", {}, el("span", { class: "t" }, hms(s.start)), el("b", {}, s.speaker_label + "："), s.text));
  }
}

function review({ fieldName, digestHex, pdf }) {
  const box = $("review");
  $("review-signer").textContent = `${session.me.role_label} ${session.me.name}`;
  $("field").textContent = fieldName || "";
  $("digest").textContent = digestHex;
  $("review-pdf").href = URL.createObjectURL(new Blob([pdf], { type: "application/pdf" }));
  box.hidden = false;
  show("请核对后确认签名");
  return new Promise((resolve) => {
    $("confirm").onclick = () => { box.hidden = true; resolve(true); };
    $("cancel").onclick = () => { box.hidden = true; resolve(false); };
  });
}

// Requests for a correction (申请补正) and the clerk's answers.
async function loadCorrections() {
  const { requests } = await getJson("/api/signing/corrections");
  const list = clear($("corrections"));
  for (const r of requests) {
    list.append(el("li", {}, `${new Date(r.created_at).toLocaleString("zh-CN", { hour12: false, timeZone: courtZone })} 申请：${r.text}`,
      el("br"), r.resolved_at ? el("span", { class: "notice" }, `书记员答复：${r.resolution}`) : el("span", { class: "muted" }, "等待书记员答复")));
  }
}

$("correction").addEventListener("click", async () => {
  const text = $("correction-text").value.trim();
  if (!text) { show("请写明需要补正的内容", true); return; }
  try {
    await postJson("/api/signing/corrections", { text });
    $("correction-text").value = "";
    await loadCorrections();
    show("补正申请已提交，书记员会核对后答复");
  } catch (err) {
    show(`提交失败：${err.message}`, true);
  }
});

async function haveKey() {
  return Boolean(await CourtSign.loadKey(session.me.key_id));
}

$("enroll").addEventListener("click", async () => {
  try {
    if (session.me.certified) {
      show(await haveKey() ? "本浏览器已有签名密钥和证书，可以直接签署" :
        "该邀请已在其他设备上申请过证书；如需换用本设备，请联系书记员重新核验身份并邀请", !(await haveKey()));
      return;
    }
    show("正在生成密钥并申请证书…");
    await CourtSign.enroll({ keyId: session.me.key_id, nonceUrl: "/api/signing/nonce",
                             certifyUrl: "/api/signing/certify", identity: {}, fetchOptions: auth });
    await loadSession();
    show("证书已签发");
  } catch (err) {
    show(`申请失败：${err.message}`, true);
  }
});

$("sign").addEventListener("click", async () => {
  try {
    if (!session.me.certified || !(await haveKey())) {
      show("请先完成第一步：生成签名密钥并申请证书", true);
      return;
    }
    show("正在准备签名…");
    const result = await CourtSign.signDocument({ keyId: session.me.key_id, prepareUrl: "/api/signing/prepare",
                                                  finishUrl: "/api/signing/finish", request: {}, onReview: review,
                                                  fetchOptions: auth });
    await loadSession();
    await loadDocument();
    show(`签名完成（笔录已有 ${result.signatures} 个签名，${result.state_label}）`);
  } catch (err) {
    if (err.code === "document_changed") show("其他签名人刚刚签名，文件已更新：请再次点击“签署笔录”", true);
    else show(`签名失败：${err.message}`, true);
  }
});

$("refuse").addEventListener("click", async () => {
  const reason = $("refuse-reason").value.trim();
  if (!reason) {
    show("请写明拒绝签名的理由", true);
    return;
  }
  if (!confirm("确定拒绝在笔录上签名？拒签及理由将记入笔录。")) return;
  try {
    await postJson("/api/signing/refuse", { reason });
    await loadSession();
    show(`已记录拒绝签名：${reason}`);
  } catch (err) {
    show(`提交失败：${err.message}`, true);
  }
});

(async () => {
  if (!token) {
    show("链接缺少签名令牌，请使用书记员发送的完整链接", true);
    return;
  }
  try {
    courtZone = (await getJson("/api/court")).time_zone || courtZone;
    await loadSession();
    await loadDocument();
    await loadCorrections();
  } catch (err) {
    $("heading").textContent = "无法打开签名邀请";
    show(err.message, true);
    ["enroll", "sign", "refuse", "correction"].forEach((id) => { $(id).disabled = true; });
  }
})();
