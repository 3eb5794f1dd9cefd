// The closed room of a panel (合议) or the judicial committee (审委会): video, live minutes,
// the questions the presiding member puts and each member's vote, members' opinions, the
// case's dossier beside the minutes, and signing the minutes at the end.
import { api, el, clear, showError, hms, localTime } from "/static/common.js";
import { LiveHearing, openDevices } from "/static/live.js";
import { mountHearingView } from "/static/hearing-view.js";

const $ = (id) => document.getElementById(id);
const hearingId = location.pathname.split("/").pop();
const base = `/api/deliberations/${hearingId}`;
const CHOICE_LABELS = { agree: "同意", disagree: "不同意", abstain: "弃权" };

let state = null;          // GET /api/deliberations/{id}
let live = null;
const chosen = new Set();  // my transcript segments marked for my next opinion
const segmentOwner = new Map();

function talkWord() { return state && state.hearing.kind === "committee" ? "讨论" : "评议"; }

async function refresh() {
  try {
    state = await api(base);
    render();
  } catch (e) {
    if (e.status === 401) { location.href = "/"; return; }
    showError($("message"), e);
  }
}

function render() {
  $("title").textContent = `${state.case.case_number} · ${state.hearing.title}（${state.hearing.kind_label}）`;
  $("questions-title").textContent = `${talkWord()}事项与表决`;
  renderPutQuestion();
  renderQuestions();
  renderOpinionForm();
  renderOpinions();
  renderMinutes();
}

function renderPutQuestion() {
  const box = clear($("put-question"));
  if (!state.me.chair || state.minutes.locked) return;
  const text = el("textarea", { placeholder: `提出${talkWord()}事项，例如：被告是否应当支付货款五万元？`, maxlength: 5000 });
  box.append(text, el("button", { onclick: async () => {
    if (!text.value.trim()) return;
    try { await api(`${base}/questions`, { method: "POST", body: { text: text.value } }); text.value = ""; await refresh(); }
    catch (e) { showError($("message"), e); }
  } }, `提出${talkWord()}事项`));
}

function voteLine(v) {
  const mine = v.participant_id === state.me.id;
  return el("li", { class: mine ? "mine" : "" }, `${v.role_label}${v.name}：`,
    el("span", { class: "choice-" + v.choice }, v.choice_label), v.reason ? `（${v.reason}）` : "",
    v.version > 1 ? el("span", { class: "muted" }, ` 已改票 ${v.version - 1} 次`) : "");
}

function renderQuestions() {
  const box = clear($("questions"));
  if (!state.questions.length) box.append(el("p", { class: "muted" }, `尚未提出${talkWord()}事项。`));
  for (const q of state.questions) {
    const t = q.tally;
    const counts = Object.entries(CHOICE_LABELS).map(([k, label]) => `${label} ${t.counts[k]} 票`).join("，");
    const card = el("div", { class: "question", dataset: { question: q.id } },
      el("h3", {}, `${q.number}. ${q.text} `, el("span", { class: "badge " + (q.state === "open" ? "open" : "closed") }, q.state_label)),
      el("ul", { class: "votes" }, q.votes.map(voteLine)),
      el("div", { class: "tally" }, `${counts}。`, q.final ? `结果：${t.outcome_label}` : `（共 ${t.voters} 人表决，过半数为 ${t.needed} 票）`,
        t.missing.length ? el("span", { class: "muted" }, ` 未表决：${t.missing.map((m) => m.role_label + m.name).join("、")}`) : ""),
      q.final && t.minority.length ? el("div", { class: "minority" }, "少数意见：",
        t.minority.map((m) => `${m.role_label}${m.name}（${m.choice_label}${m.reason ? "：" + m.reason : ""}）`).join("；")) : "");
    if (q.state === "open" && state.me.voter && !state.minutes.locked) {
      const reason = el("input", { placeholder: "理由（可选）", maxlength: 5000 });
      const mineNow = q.votes.find((v) => v.participant_id === state.me.id);
      if (mineNow) reason.value = mineNow.reason || "";
      const bar = el("div", { class: "vote-bar" }, reason);
      for (const [choice, label] of Object.entries(CHOICE_LABELS)) {
        bar.append(el("button", { class: mineNow && mineNow.choice === choice ? "" : "secondary", dataset: { choice },
          onclick: async () => {
            try { await api(`${base}/questions/${q.id}/vote`, { method: "POST", body: { choice, reason: reason.value } }); await refresh(); }
            catch (e) { showError($("message"), e); }
          } }, label));
      }
      card.append(bar);
    }
    if (q.state === "open" && state.me.chair && !state.minutes.locked) {
      card.append(el("button", { class: "secondary", onclick: async () => {
        if (!confirm("结束表决后不能再改票，确认结束？")) return;
        try { await api(`${base}/questions/${q.id}/close`, { method: "POST", body: {} }); await refresh(); }
        catch (e) { showError($("message"), e); }
      } }, "结束表决"));
    }
    box.append(card);
  }
}

function renderOpinionForm() {
  const box = clear($("opinion-form"));
  if (!state.me.voter || state.minutes.locked) return;
  const select = el("select", {}, el("option", { value: "" }, "对本案的总体意见"),
    state.questions.filter((q) => q.state === "open").map((q) => el("option", { value: q.id }, `就第 ${q.number} 项`)));
  const text = el("textarea", { placeholder: "本人意见（如实记入笔录）", maxlength: 5000 });
  const note = el("span", { class: "muted" }, chosen.size ? `引用所选发言 ${chosen.size} 段` : "可在实时笔录中点击本人发言作为引用");
  box.append(el("label", {}, "针对", select), text, el("div", { class: "vote-bar" }, note, el("button", { onclick: async () => {
    if (!text.value.trim()) return;
    try {
      await api(`${base}/opinions`, { method: "POST", body: { text: text.value, question_id: select.value || null, segment_ids: [...chosen] } });
      text.value = ""; chosen.clear();
      for (const n of $("transcript").querySelectorAll(".seg.chosen")) n.classList.remove("chosen");
      await refresh();
    } catch (e) { showError($("message"), e); }
  } }, "记录本人意见")));
}

function renderOpinions() {
  const box = clear($("opinions"));
  if (!state.opinions.length) box.append(el("p", { class: "muted" }, "尚无成员意见。"));
  for (const o of state.opinions) {
    box.append(el("div", { class: "opinion" },
      el("strong", {}, `${o.role_label}${o.name}`), o.question_number ? `（就第 ${o.question_number} 项）` : "（总体意见）", "：", o.text,
      o.version > 1 ? el("span", { class: "muted" }, ` 第 ${o.version} 稿`) : "",
      o.segments.length ? el("div", { class: "quote" }, o.segments.map((s) => `[${hms(s.start)}] ${s.text}`).join(" ")) : ""));
  }
}

function renderMinutes() {
  const m = state.minutes;
  const box = clear($("minutes"));
  box.append(el("p", {}, "状态：", el("span", { class: "badge" }, m.state_label)));
  if (m.may_lock) {
    box.append(el("button", { onclick: async () => {
      if (!confirm("锁定后笔录与表决不能再改，生成笔录供全体成员签名。确认？")) return;
      try { await api(`${base}/minutes/lock`, { method: "POST", body: {} }); await refresh(); }
      catch (e) { showError($("message"), e); }
    } }, "锁定并生成笔录"));
  } else if (!m.record && state.hearing.state !== "closed") {
    box.append(el("p", { class: "muted" }, "会议结束（闭会）后由审判长（主持人）锁定笔录，全体成员签名后归入副卷。"));
  }
  if (m.record) {
    box.append(el("p", {}, el("a", { href: m.pdf_url, target: "_blank", rel: "noopener" }, "查看笔录 PDF →")));
    box.append(el("div", { class: "signers" }, el("ul", {}, m.signers.map((s) =>
      el("li", {}, `${s.role_label} ${s.name}：`, el("span", { class: "badge" + (s.state === "signed" ? " open" : "") }, s.state_label),
        s.signed_at ? el("span", { class: "muted" }, " " + localTime(s.signed_at)) : "")))));
    if (m.may_sign) {
      const pw = el("input", { type: "password", placeholder: "登录密码", autocomplete: "current-password" });
      box.append(el("div", { class: "vote-bar" }, pw, el("button", { onclick: async () => {
        try { await api(`${base}/minutes/sign`, { method: "POST", body: { password: pw.value } }); pw.value = ""; await refresh(); }
        catch (e) { showError($("message"), e); }
      } }, "电子签名确认")));
    } else if (m.my_field && m.signers.some((s) => s.field_name === m.my_field && s.state === "pending")) {
      box.append(el("p", { class: "muted" }, "签名顺序：书记员、合议庭成员，审判长（主持人）最后；请等待轮到您。"));
    }
    if (m.record.state === "filed") {
      box.append(el("p", { class: "notice" }, `已归入副卷（${(m.entries || []).length} 个文件）。`),
        el("p", {}, el("a", { href: `/api/cases/${state.case.id}/secondary-volume.zip` }, "导出副卷 →")));
    }
  }
}

async function loadDossier() {
  try {
    const { entries } = await api(`${base}/dossier`);
    const list = clear($("dossier"));
    if (!entries.length) list.append(el("li", { class: "muted" }, "卷宗暂无材料。"));
    for (const e of entries) {
      // Side by side: the document opens in its own window beside this room.
      list.append(el("li", {}, el("span", { class: "badge" }, e.volume_label), " ", e.category, "：",
        el("a", { href: e.url, onclick: (ev) => { ev.preventDefault(); window.open(e.url, "dossier-" + e.id,
          "width=" + Math.round(screen.availWidth / 2) + ",height=" + screen.availHeight + ",left=" + Math.round(screen.availWidth / 2)); } }, e.title)));
    }
    const { recordings } = await api(`${base}/recordings`);
    const recs = clear($("recordings"));
    if (!recordings.length) recs.append(el("li", { class: "muted" }, "尚无录音录像。"));
    for (const r of recordings) {
      recs.append(el("li", {}, el("a", { href: r.url, target: "_blank", rel: "noopener" },
        `${r.participant || ""} ${r.kind === "audio" ? "录音" : "录像"} 第${r.segment_index + 1}段`),
        r.duration_s ? el("span", { class: "muted" }, ` ${hms(r.duration_s)}`) : "", r.sealed ? el("span", { class: "muted" }, " 加密") : ""));
    }
  } catch (e) { showError($("message"), e); }
}

function markableTranscript() {
  // Clicking one of my own final segments marks it for my next opinion.
  $("transcript").addEventListener("click", (ev) => {
    const line = ev.target.closest(".seg");
    if (!line || segmentOwner.get(line.dataset.id) !== state.me.id) return;
    if (chosen.has(line.dataset.id)) { chosen.delete(line.dataset.id); line.classList.remove("chosen"); }
    else { chosen.add(line.dataset.id); line.classList.add("chosen"); }
    renderOpinionForm();
  });
  const observer = new MutationObserver(() => {
    for (const line of $("transcript").querySelectorAll(".seg")) {
      const mine = segmentOwner.get(line.dataset.id) === state.me.id;
      line.classList.toggle("mine", mine);
      line.classList.toggle("chosen", chosen.has(line.dataset.id));
    }
  });
  observer.observe($("transcript"), { childList: true });
}

async function start() {
  await refresh();
  if (!state) return;
  loadDossier();
  markableTranscript();
  if (state.hearing.state === "closed") {
    $("state").append(el("span", { class: "badge closed" }, "已闭会"), " ", state.hearing.title);
    for (const p of state.members) {
      $("roster").append(el("li", {}, `${p.role_label} ${p.name}`,
        p.chair ? el("span", { class: "badge" }, "主持") : "", p.voter ? "" : el("span", { class: "muted" }, "记录")));
    }
    const { segments } = await api(`${base}/transcript`);
    for (const s of segments) {
      segmentOwner.set(s.id, s.participant_id);
      $("transcript").append(el("div", { class: "seg", dataset: { id: s.id, start: s.start } },
        el("span", { class: "t" }, hms(s.start)), el("span", { class: "who" }, s.speaker_label + "："), s.text));
    }
    return;
  }
  const info = await api(`/api/hearings/${hearingId}`);
  // Staff enter their own seat with their own log-in (the session cookie), not a token.
  live = new LiveHearing({ hearingId, iceServers: info.ice_servers || [] });
  live.on("error", (e) => showError($("message"), e));
  live.on("bye", (m) => { clear($("message")).append(el("p", { class: "notice" }, m.message)); refresh(); });
  live.on("reconnecting", () => { clear($("message")).append(el("p", { class: "muted" }, "连接中断，正在重新连接…")); });
  live.on("welcome", () => clear($("message")));
  live.on("transcript", (m) => { if (m.segment.final) segmentOwner.set(m.segment.id, m.segment.participant_id); });
  live.on("deliberation", () => refresh());
  live.on("hearing", () => refresh());
  try { await live.startMedia(await openDevices()); }
  catch (e) { showError($("message"), new Error("无法打开摄像头或麦克风：" + e.message)); }
  await live.connect();
  mountHearingView(live, { grid: $("grid"), roster: $("roster"), state: $("state"), transcript: $("transcript"), clock: $("clock") });
  const { segments } = await api(`${base}/transcript`);
  for (const s of segments) { segmentOwner.set(s.id, s.participant_id); live.emit("transcript", { segment: s }); }
  window.courtroomLive = live; // for diagnostics and browser tests
}

start().catch((e) => showError($("message"), e));
