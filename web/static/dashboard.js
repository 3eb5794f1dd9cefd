// The staff desk: log in, cases, parties, scheduling, participants and join links.
import { api, el, clear, localTime, showError, STATE_LABELS } from "/static/common.js";

const $ = (id) => document.getElementById(id);
const KIND_LABELS = { hearing: "庭审", deliberation: "合议", committee: "审委会讨论" };
const MODE_LABELS = { courtroom: "数字法庭", internet: "互联网庭审" };
const ROLE_LABELS = {
  presiding_judge: "审判长", judge: "审判员", juror: "人民陪审员", clerk: "书记员", judge_assistant: "法官助理",
  plaintiff: "原告", defendant: "被告", third_party: "第三人", agent: "诉讼代理人", witness: "证人",
  committee_chair: "主持人", committee_member: "审委会委员", committee_secretary: "审委会秘书",
};
const PARTY_ROLES = ["plaintiff", "defendant", "third_party", "agent", "witness"];

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
  $("who").textContent = `${staff.display_name}`;
  $("logout").hidden = false;
  $("desk").hidden = false;
  await Promise.all([loadHearings(), loadCases()]);
}

async function loadHearings() {
  const { hearings } = await api("/api/hearings");
  const rows = clear($("hearing-rows"));
  for (const h of hearings) {
    rows.append(el("tr", {},
      el("td", {}, localTime(h.scheduled_at)), el("td", {}, h.title),
      el("td", {}, KIND_LABELS[h.kind], " · ", MODE_LABELS[h.mode]),
      el("td", {}, el("span", { class: "badge " + h.state }, STATE_LABELS[h.state])),
      el("td", {}, h.state === "closed" ? "" : el("a", { href: h.kind === "hearing" ? `/terminal/${h.id}` : `/deliberations/${h.id}` }, "进入"), " ",
        el("a", { href: `/records/${h.id}` }, "笔录"))));
  }
  if (!hearings.length) rows.append(el("tr", {}, el("td", { colspan: 5, class: "muted" }, "暂无")));
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

async function showCase(caseId) {
  const box = $("case-detail");
  box.hidden = false;
  const data = await api(`/api/cases/${caseId}`);
  const msg = el("div");
  const partyForm = el("form", {},
    el("label", {}, "身份", el("select", { name: "role" }, PARTY_ROLES.map((r) => el("option", { value: r }, ROLE_LABELS[r])))),
    el("label", {}, "姓名/名称", el("input", { name: "name", required: true })),
    el("label", {}, "身份证号（仅存脱敏号）", el("input", { name: "id_number" })),
    el("button", { type: "submit" }, "添加当事人"));
  partyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/cases/${caseId}/parties`, { method: "POST", body: formData(partyForm) }); showCase(caseId); }
    catch (err) { showError(msg, err); }
  });
  const hearingForm = el("form", {},
    el("label", {}, "类型", el("select", { name: "kind" }, Object.entries(KIND_LABELS).map(([k, v]) => el("option", { value: k }, v)))),
    el("label", {}, "方式", el("select", { name: "mode" }, Object.entries(MODE_LABELS).map(([k, v]) => el("option", { value: k }, v)))),
    el("label", {}, "名称", el("input", { name: "title", placeholder: "第一次开庭" })),
    el("label", {}, "时间", el("input", { name: "scheduled_at", type: "datetime-local" })),
    el("label", {}, "地点", el("input", { name: "place", placeholder: "第一数字法庭" })),
    el("button", { type: "submit" }, "排期"));
  hearingForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/cases/${caseId}/hearings`, { method: "POST", body: formData(hearingForm) }); showCase(caseId); loadHearings(); }
    catch (err) { showError(msg, err); }
  });
  clear(box).append(
    el("h2", {}, `${data.case.case_number} · ${data.case.cause}`),
    el("h3", {}, "当事人"),
    el("table", {}, el("tbody", {}, data.parties.map((p) =>
      el("tr", {}, el("td", {}, ROLE_LABELS[p.role]), el("td", {}, p.name), el("td", { class: "muted" }, p.id_number_masked || ""))))),
    partyForm,
    el("h3", {}, "庭审与合议"),
    el("table", {}, el("tbody", {}, data.hearings.map((h) =>
      el("tr", {}, el("td", {}, localTime(h.scheduled_at)), el("td", {}, h.title), el("td", {}, KIND_LABELS[h.kind]),
        el("td", {}, el("span", { class: "badge " + h.state }, STATE_LABELS[h.state])),
        el("td", {}, el("button", { class: "secondary", onclick: () => showHearing(h.id, data.parties) }, "参与人")))))),
    hearingForm, msg, el("div", { id: "hearing-detail" }));
}

async function showHearing(hearingId, parties) {
  const box = clear($("hearing-detail"));
  const data = await api(`/api/hearings/${hearingId}`);
  const { staff } = await api("/api/staff").catch(() => ({ staff: [] }));
  const msg = el("div");
  const links = el("div");
  const roles = data.hearing.kind === "hearing"
    ? ["presiding_judge", "judge", "juror", "clerk", "judge_assistant", ...PARTY_ROLES]
    : data.hearing.kind === "deliberation" ? ["presiding_judge", "judge", "juror", "clerk"]
    : ["committee_chair", "committee_member", "committee_secretary", "clerk"];
  const form = el("form", {},
    el("label", {}, "身份", el("select", { name: "role" }, roles.map((r) => el("option", { value: r }, ROLE_LABELS[r])))),
    el("label", {}, "本院人员", el("select", { name: "staff_id" }, el("option", { value: "" }, "（非本院人员）"),
      staff.map((s) => el("option", { value: s.id }, s.display_name)))),
    el("label", {}, "姓名", el("input", { name: "name" })),
    el("label", {}, "身份证号", el("input", { name: "id_number" })),
    el("label", {}, el("span", {}, el("input", { type: "checkbox", name: "remote" }), " 远程参加")),
    el("button", { type: "submit" }, "添加参与人"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try { await api(`/api/hearings/${hearingId}/participants`, { method: "POST", body: formData(form) }); showHearing(hearingId, parties); }
    catch (err) { showError(msg, err); }
  });
  box.append(el("h3", {}, `${data.hearing.title} 的参与人`),
    el("table", {}, el("tbody", {}, data.participants.map((p) => el("tr", {},
      el("td", {}, p.role_label), el("td", {}, p.name), el("td", { class: "muted" }, p.remote ? "远程" : "在庭"),
      el("td", {}, p.staff ? "" : el("button", { class: "secondary", onclick: async () => {
        try {
          const t = await api(`/api/hearings/${hearingId}/participants/${p.id}/tokens`, { method: "POST", body: {} });
          clear(links).append(el("p", {}, `${p.role_label} ${p.name} 的入庭链接（${localTime(new Date(t.expires_at * 1000).toISOString())} 前有效）：`),
            el("input", { value: t.join_url, size: 80, readonly: true }));
        } catch (err) { showError(msg, err); }
      } }, "生成入庭链接")))))),
    form, links, msg,
    data.my_seat ? el("p", {}, el("a", { href: data.hearing.kind === "hearing" ? `/terminal/${hearingId}` : `/deliberations/${hearingId}` }, data.hearing.kind === "hearing" ? "进入法庭终端 →" : "进入合议室 →")) : "");
}

start();
