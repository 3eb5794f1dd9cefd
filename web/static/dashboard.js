// The staff desk: log in, cases, parties, scheduling, participants and join links.
import { api, el, clear, localTime, showError, copyField, loadCourt, courtInputValue, courtTimeZone,
  STATE_LABELS } from "/static/common.js";

const $ = (id) => document.getElementById(id);
const KIND_LABELS = { hearing: "庭审", deliberation: "合议", committee: "审委会讨论" };
const MODE_LABELS = { courtroom: "数字法庭", internet: "互联网庭审" };
const ROLE_LABELS = {
  presiding_judge: "审判长", judge: "审判员", juror: "人民陪审员", clerk: "书记员", judge_assistant: "法官助理",
  plaintiff: "原告", defendant: "被告", third_party: "第三人", agent: "诉讼代理人", witness: "证人",
  committee_chair: "主持人", committee_member: "审委会委员", committee_secretary: "审委会秘书",
};
const PARTY_ROLES = ["plaintiff", "defendant", "third_party", "agent", "witness"];
const SEX_LABELS = { female: "女", male: "男" };
const CASE_MANAGERS = ["judge", "clerk", "judge_assistant", "committee_secretary"];
const POSITION_LABELS = { judge: "法官", juror: "人民陪审员", clerk: "书记员", judge_assistant: "法官助理",
  committee_member: "审委会委员", committee_secretary: "审委会秘书", admin: "系统管理员" };
const DUTIES = ["承办法官", "审判长", "合议庭成员", "书记员", "法官助理"];

function formData(form) {
  const data = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    if (input.type === "checkbox") data[input.name] = input.checked;
    else if (input.value !== "") data[input.name] = input.value;
  }
  return data;
}

async function start() {
  try {
    const { staff } = await api("/api/me");
    showDesk(staff);
  } catch (err) {
    $("login-card").hidden = false;
  }
}

$("login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const { staff } = await api("/api/login", { method: "POST", body: formData(ev.target) });
    $("login-card").hidden = true;
    showDesk(staff);
  } catch (err) { showError($("login-msg"), err); }
});

$("logout").addEventListener("click", async () => {
  await api("/api/logout", { method: "POST" }).catch(() => {});
  location.reload();
});

async function showDesk(staff) {
  const court = await loadCourt();
  $("court-name").textContent = court.name;
  $("who").textContent = `${staff.display_name}（${POSITION_LABELS[staff.position] || ""}）`;
  $("logout").hidden = false;
  if (staff.position === "admin") {
    // The administrator keeps accounts and the court; cases are the case team's.
    $("admin-desk").hidden = false;
    return;
  }
  $("desk").hidden = false;
  $("new-case-box").hidden = !CASE_MANAGERS.includes(staff.position);
  $("tz-note").textContent = `时间均为法院所在地时间（${courtTimeZone()}）`;
  await Promise.all([loadHearings(), loadCases()]);
}

async function loadHearings() {
  const { hearings } = await api("/api/hearings");
  const rows = clear($("hearing-rows"));
  for (const h of hearings) {
    rows.append(el("tr", {},
      el("td", {}, localTime(h.scheduled_at)), el("td", {}, h.case_number || ""), el("td", {}, h.title),
      el("td", {}, KIND_LABELS[h.kind], " · ", MODE_LABELS[h.mode]),
      el("td", {}, el("span", { class: "badge " + h.state }, STATE_LABELS[h.state])),
      el("td", {}, h.state === "closed" ? "" : el("a", { href: h.kind === "hearing" ? `/terminal/${h.id}` : `/deliberations/${h.id}` }, "进入"), " ",
        el("a", { href: `/records/${h.id}` }, "笔录"))));
  }
  if (!hearings.length) rows.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "暂无")));
}

async function loadCases() {
  const { cases } = await api("/api/cases");
  const rows = clear($("case-rows"));
  for (const c of cases) {
    rows.append(el("tr", {}, el("td", {}, c.case_number), el("td", {}, c.cause), el("td", {}, localTime(c.created_at)),
      el("td", {}, el("button", { class: "secondary", onclick: () => showCase(c.id) }, "查看"))));
  }
  if (!cases.length) rows.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "暂无案件")));
}

$("new-case-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const { case: c } = await api("/api/cases", { method: "POST", body: formData(ev.target) });
    ev.target.reset();
    await loadCases();
    showCase(c.id);
  } catch (err) { showError($("new-case-msg"), err); }
});

function partyLabel(p, parties) {
  const whom = p.represents ? parties.find((x) => x.id === p.represents) : null;
  return whom ? `${p.name}（${ROLE_LABELS[whom.role]}${whom.name}的代理人）` : p.name;
}

async function showCase(caseId) {
  const box = $("case-detail");
  box.hidden = false;
  const data = await api(`/api/cases/${caseId}`);
  // The administrator keeps accounts; they never sit in a case or a hearing.
  const staff = ((await api("/api/staff").catch(() => ({ staff: [] }))).staff || []).filter((s) => s.position !== "admin");
  const msg = el("div", { class: "message" });
  const parties = data.parties;

  // The case team: who may see and manage the case (the judge is added here, not by API).
  const notMembers = staff.filter((s) => !data.members.some((m) => m.id === s.id));
  const memberForm = el("form", { id: "member-form" },
    el("label", {}, "工作人员", el("select", { name: "staff_id", required: true },
      notMembers.map((s) =>
        el("option", { value: s.id }, `${s.display_name}（${POSITION_LABELS[s.position] || s.position}）`)))),
    el("label", {}, "职责", el("select", { name: "duty" }, DUTIES.map((d) => el("option", { value: d }, d)))),
    el("button", { type: "submit" }, "加入办案团队"));
  memberForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/cases/${caseId}/members`, { method: "POST", body: formData(memberForm) }); showCase(caseId); }
    catch (err) { showError(msg, err); }
  });

  // Parties and agents: an agent says whom they represent.
  const representsSelect = el("select", { name: "represents" }, el("option", { value: "" }, "（不适用）"),
    parties.filter((p) => p.role !== "agent" && p.role !== "witness").map((p) =>
      el("option", { value: p.id }, `${ROLE_LABELS[p.role]} ${p.name}`)));
  const representsLabel = el("label", { hidden: true }, "代理谁", representsSelect);
  const roleSelect = el("select", { name: "role" }, PARTY_ROLES.map((r) => el("option", { value: r }, ROLE_LABELS[r])));
  roleSelect.addEventListener("change", () => { representsLabel.hidden = roleSelect.value !== "agent"; });
  const partyForm = el("form", { id: "party-form" },
    el("label", {}, "身份", roleSelect), representsLabel,
    el("label", {}, "姓名/名称", el("input", { name: "name", required: true })),
    // The record writes 他 or 她 for a person as registered here (speech recognition cannot hear it).
    el("label", {}, "性别", el("select", { name: "sex" }, el("option", { value: "" }, "未登记（单位不填）"),
      Object.entries(SEX_LABELS).map(([k, v]) => el("option", { value: k }, v)))),
    el("label", {}, "身份证号（仅存脱敏号）", el("input", { name: "id_number" })),
    el("button", { type: "submit" }, "添加当事人"));
  partyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = formData(partyForm);
    if (body.role !== "agent") delete body.represents;
    else if (!body.represents) { showError(msg, new Error("请选择该诉讼代理人代理的当事人")); return; }
    try { await api(`/api/cases/${caseId}/parties`, { method: "POST", body }); showCase(caseId); }
    catch (err) { showError(msg, err); }
  });

  // The case's key words from its filings: the live transcript hears them (hotwords) and corrects
  // towards them, from the next sentence of any hearing of the case that is under way.
  const keyTerms = data.case.key_terms || [];
  const keyTermsInput = el("textarea", { name: "key_terms", rows: 2, maxlength: 700,
    placeholder: "例如：鸭苗、饲料款、养殖棚（用顿号或逗号分隔）" }, keyTerms.join("、"));
  const keyTermsForm = el("form", { id: "key-terms-form" },
    el("label", { class: "wide" }, "关键词", keyTermsInput),
    el("button", { type: "submit" }, "保存关键词"));
  keyTermsForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      // The whole list as it now stands: an emptied box clears it.
      await api(`/api/cases/${caseId}/key-terms`, { method: "PUT", body: { key_terms: keyTermsInput.value } });
      showCase(caseId);
    } catch (err) { showError(msg, err); }
  });

  const hearingForm = el("form", { id: "hearing-form" },
    el("label", {}, "类型", el("select", { name: "kind" }, Object.entries(KIND_LABELS).map(([k, v]) => el("option", { value: k }, v)))),
    el("label", {}, "方式", el("select", { name: "mode" }, Object.entries(MODE_LABELS).map(([k, v]) => el("option", { value: k }, v)))),
    el("label", {}, "名称", el("input", { name: "title", placeholder: "第一次开庭" })),
    // datetime-local has no zone: the server reads it in the court's time zone.
    el("label", {}, `时间（${courtTimeZone()}）`, el("input", { name: "scheduled_at", type: "datetime-local", value: courtInputValue() })),
    el("label", {}, "地点", el("input", { name: "place", placeholder: "第一数字法庭" })),
    el("button", { type: "submit" }, "排期"));
  hearingForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/cases/${caseId}/hearings`, { method: "POST", body: formData(hearingForm) }); showCase(caseId); loadHearings(); }
    catch (err) { showError(msg, err); }
  });

  clear(box).append(
    el("h2", {}, `${data.case.case_number} · ${data.case.cause}`),
    el("h3", {}, "办案团队"),
    el("table", { id: "members" }, el("tbody", {}, data.members.map((m) =>
      el("tr", {}, el("td", {}, m.display_name), el("td", {}, POSITION_LABELS[m.position] || m.position),
        el("td", { class: "muted" }, m.duty === "creator" ? "立案人" : m.duty))))),
    // An empty list to choose from is no form: say why instead.
    notMembers.length ? memberForm : el("p", { class: "muted" }, "本院工作人员均已在办案团队中"),
    el("h3", {}, "当事人及诉讼代理人"),
    el("table", { id: "parties" }, el("tbody", {}, parties.map((p) =>
      el("tr", {}, el("td", {}, ROLE_LABELS[p.role]), el("td", {}, partyLabel(p, parties)),
        el("td", {}, SEX_LABELS[p.sex] || ""),
        el("td", { class: "muted" }, p.id_number_masked || ""))))),
    partyForm,
    el("h3", {}, "庭审语音识别关键词"),
    el("p", { class: "muted" }, "从起诉状、答辩状中摘录本案特有的物品、行为、场所等词语（当事人姓名和案由无需填写）。"
      + "庭审笔录的语音识别会优先识别这些词语，并据以更正读音相近的误识；保存后，本案正在进行的庭审自下一句起即生效。"),
    el("p", { id: "key-terms" }, keyTerms.length
      ? keyTerms.map((t) => el("span", { class: "badge term" }, t)) : el("span", { class: "muted" }, "尚未填写")),
    keyTermsForm,
    el("h3", {}, "庭审与合议"),
    el("table", {}, el("tbody", {}, data.hearings.map((h) =>
      el("tr", {}, el("td", {}, localTime(h.scheduled_at)), el("td", {}, h.title), el("td", {}, KIND_LABELS[h.kind]),
        el("td", {}, el("span", { class: "badge " + h.state }, STATE_LABELS[h.state])),
        el("td", {}, el("button", { class: "secondary", onclick: () => showHearing(h.id, parties) }, "参与人与链接")))))),
    hearingForm, msg, el("div", { id: "hearing-detail" }));
}

async function showHearing(hearingId, parties) {
  const box = clear($("hearing-detail"));
  const data = await api(`/api/hearings/${hearingId}`);
  // The administrator keeps accounts; they never sit in a case or a hearing.
  const staff = ((await api("/api/staff").catch(() => ({ staff: [] }))).staff || []).filter((s) => s.position !== "admin");
  const msg = el("div", { class: "message" });
  const h = data.hearing;
  const isHearing = h.kind === "hearing";
  const roles = isHearing
    ? ["presiding_judge", "judge", "juror", "clerk", "judge_assistant", ...PARTY_ROLES]
    : h.kind === "deliberation" ? ["presiding_judge", "judge", "juror", "clerk"]
    : ["committee_chair", "committee_member", "committee_secretary", "clerk"];
  const reload = () => showHearing(hearingId, parties);

  // Staff take a seat by account; parties are seated from the case's party list, no retyping.
  const staffForm = el("form", { id: "seat-staff-form" },
    el("label", {}, "身份", el("select", { name: "role" }, roles.filter((r) => !PARTY_ROLES.includes(r)).map((r) => el("option", { value: r }, ROLE_LABELS[r])))),
    el("label", {}, "本院人员", el("select", { name: "staff_id", required: true },
      staff.map((s) => el("option", { value: s.id }, s.display_name)))),
    el("button", { type: "submit" }, "入座"));
  staffForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/hearings/${hearingId}/participants`, { method: "POST", body: formData(staffForm) }); reload(); }
    catch (err) { showError(msg, err); }
  });
  const seatedParties = new Set(data.participants.map((p) => p.party_id).filter(Boolean));
  const unseated = parties.filter((p) => !seatedParties.has(p.id));
  const partyForm = el("form", { id: "seat-party-form" },
    el("label", {}, "案件当事人", el("select", { name: "party_id", required: true },
      unseated.map((p) => el("option", { value: p.id }, `${ROLE_LABELS[p.role]} ${partyLabel(p, parties)}`)))),
    el("label", {}, el("span", {}, el("input", { type: "checkbox", name: "remote", checked: h.mode === "internet" }), " 远程参加")),
    el("button", { type: "submit" }, "列为参与人"));
  partyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/hearings/${hearingId}/participants`, { method: "POST", body: formData(partyForm) }); reload(); }
    catch (err) { showError(msg, err); }
  });

  // Every join link issued, each with a copy button; a new one is added to the list.
  const linkBox = el("div", { id: "links" });
  async function showLinks() {
    const { links } = await api(`/api/hearings/${hearingId}/tokens`).catch(() => ({ links: [] }));
    clear(linkBox).append(el("h4", {}, "入庭链接"));
    if (!links.length) linkBox.append(el("p", { class: "muted" }, "尚未生成"));
    for (const l of links) {
      linkBox.append(el("p", { class: "link-row" }, `${l.role_label} ${l.name}：`,
        l.join_url ? copyField(l.join_url) : el("span", { class: "muted" }, l.revoked ? "已撤销" : "已过期"),
        el("span", { class: "muted" }, ` ${localTime(l.expires_at)} 前有效`),
        l.join_url ? el("button", { class: "link", type: "button", onclick: async () => {
          if (!confirm(`撤销 ${l.name} 的这条入庭链接？`)) return;
          try { await api(`/api/hearings/${hearingId}/tokens/${l.jti}/revoke`, { method: "POST", body: {} }); showLinks(); }
          catch (err) { showError(msg, err); }
        } }, "撤销") : ""));
    }
  }

  const approval = isHearing ? el("p", { id: "broadcast-approval" }, "公开直播：",
    el("span", { class: "badge" + (h.broadcast_approved ? " open" : "") }, h.broadcast_approved ? "已批准" : "未批准"), " ",
    el("button", { type: "button", class: "secondary", onclick: async () => {
      try { await api(`/api/hearings/${hearingId}/broadcast-approval`, { method: "POST", body: { approved: !h.broadcast_approved } }); reload(); }
      catch (err) { showError(msg, err); }
    } }, h.broadcast_approved ? "撤销批准" : "批准直播"),
    el("span", { class: "muted" }, " 仅审判长可以批准；涉密、涉隐私、涉未成年人案件不得直播。")) : "";

  box.append(el("h3", {}, `${h.title}（${KIND_LABELS[h.kind]} · ${MODE_LABELS[h.mode]} · ${localTime(h.scheduled_at)}）`),
    approval,
    el("table", { id: "participants" }, el("tbody", {}, data.participants.map((p) => el("tr", {},
      el("td", {}, p.role_label), el("td", {}, p.name), el("td", { class: "muted" }, p.remote ? "远程" : "在庭"),
      el("td", {}, p.staff ? "" : el("button", { class: "secondary", onclick: async () => {
        try {
          await api(`/api/hearings/${hearingId}/participants/${p.id}/tokens`, { method: "POST", body: {} });
          await showLinks();
        } catch (err) { showError(msg, err); }
      } }, "生成入庭链接")))))),
    el("h4", {}, "添加参与人"), staffForm,
    !isHearing ? "" : unseated.length ? partyForm
      : el("p", { class: "muted" }, parties.length ? "案件当事人均已列为参与人" : "本案尚无当事人：请先在上方添加"),
    linkBox, msg,
    data.my_seat ? el("p", {}, el("a", { href: isHearing ? `/terminal/${hearingId}` : `/deliberations/${hearingId}` }, isHearing ? "进入法庭终端 →" : "进入合议室 →")) : "");
  if (isHearing) await showLinks();
}

start();
