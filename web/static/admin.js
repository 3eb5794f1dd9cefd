// The administrator's page: staff accounts, the court's name, time zone and courtrooms,
// and the settings that are safe to change while the server runs (web/admin.py).
import { api, el, clear, showError, localTime, loadCourt } from "/static/common.js";

const $ = (id) => document.getElementById(id);
const ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "UTC"];
const KIND_LABELS = { digital: "数字法庭", internet: "互联网法庭" };
const SETTING_INPUTS = {
  token_lifetime_s: () => el("input", { type: "number", min: 60, max: 1209600, step: 60 }),
  broadcast_delay_s: () => el("input", { type: "number", min: 2, max: 600, step: 1 }),
  broadcast_fps: () => el("input", { type: "number", min: 1, max: 30, step: 1 }),
  broadcast_layout: () => el("select", {}, el("option", { value: "presiding" }, "审判长居中"), el("option", { value: "grid" }, "平铺")),
};

function formData(form) {
  const data = {};
  for (const input of form.elements) if (input.name && input.value !== "") data[input.name] = input.value;
  return data;
}

function notice(node, text) { clear(node).append(el("span", { class: "notice" }, text)); }

let positions = [];

async function loadStaff() {
  const data = await api("/api/admin/staff");
  positions = data.positions;
  const select = clear($("new-position"));
  for (const p of positions) select.append(el("option", { value: p.value }, p.label));
  const rows = clear($("staff-rows"));
  for (const s of data.staff) {
    const position = el("select", { "aria-label": "职务" }, positions.map((p) =>
      el("option", { value: p.value, selected: p.value === s.position }, p.label)));
    position.addEventListener("change", () => act(s, "position", { position: position.value }, `已将 ${s.display_name} 的职务改为 ${position.selectedOptions[0].textContent}`));
    rows.append(el("tr", { dataset: { username: s.username } },
      el("td", {}, s.display_name), el("td", {}, s.username), el("td", {}, position),
      el("td", {}, s.disabled ? el("span", { class: "badge closed" }, "已停用") : el("span", { class: "badge open" }, "正常")),
      el("td", {},
        el("button", { class: "secondary", type: "button", onclick: () => act(s, s.disabled ? "enable" : "disable", {},
          s.disabled ? `已启用 ${s.display_name}` : `已停用 ${s.display_name}，其登录会话已终止`) }, s.disabled ? "启用" : "停用"), " ",
        el("button", { class: "secondary", type: "button", onclick: () => {
          const password = prompt(`为 ${s.display_name} 设置新密码（至少 8 位）：`);
          if (password) act(s, "password", { password }, `已重置 ${s.display_name} 的密码`);
        } }, "重置密码"))));
  }
}

async function act(s, action, body, done) {
  try {
    await api(`/api/admin/staff/${s.id}/${action}`, { method: "POST", body });
    await loadStaff();
    notice($("staff-msg"), done);
  } catch (err) { showError($("staff-msg"), err); await loadStaff(); }
}

$("new-staff-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const { staff } = await api("/api/admin/staff", { method: "POST", body: formData(ev.target) });
    ev.target.reset();
    await loadStaff();
    notice($("staff-msg"), `已创建账户 ${staff.display_name}（${staff.position_label}）`);
  } catch (err) { showError($("staff-msg"), err); }
});

function showCourt(court) {
  $("court-name").textContent = court.name;
  $("court-name-input").value = court.name;
  const zones = clear($("time-zone"));
  for (const z of ZONES.includes(court.time_zone) ? ZONES : [court.time_zone, ...ZONES]) {
    zones.append(el("option", { value: z, selected: z === court.time_zone }, z));
  }
  const rows = clear($("room-rows"));
  for (const r of court.courtrooms) {
    rows.append(el("tr", {}, el("td", {}, r.name), el("td", {}, KIND_LABELS[r.kind] || r.kind),
      el("td", {}, el("button", { class: "secondary", type: "button", onclick: async () => {
        const name = prompt("法庭新名称：", r.name);
        if (!name) return;
        try { showCourt(await api("/api/admin/courtrooms/" + r.id, { method: "POST", body: { name } }).then(() => api("/api/admin/court"))); }
        catch (err) { showError($("room-msg"), err); }
      } }, "改名"))));
  }
  if (!court.courtrooms.length) rows.append(el("tr", {}, el("td", { colspan: 3, class: "muted" }, "暂无")));
  const form = clear($("settings-form"));
  for (const s of court.settings) {
    const input = SETTING_INPUTS[s.key]();
    input.name = s.key;
    input.value = s.value;
    form.append(el("label", {}, s.label, input));
  }
  form.append(el("button", { type: "submit" }, "保存设置"));
}

$("court-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try { showCourt(await api("/api/admin/court", { method: "POST", body: formData(ev.target) })); notice($("court-msg"), "已保存"); }
  catch (err) { showError($("court-msg"), err); }
});

$("room-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    await api("/api/admin/courtrooms", { method: "POST", body: formData(ev.target) });
    ev.target.reset();
    showCourt(await api("/api/admin/court"));
    notice($("room-msg"), "已添加");
  } catch (err) { showError($("room-msg"), err); }
});

$("settings-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const body = {};
  for (const input of ev.target.elements) {
    if (!input.name) continue;
    body[input.name] = input.type === "number" ? Number(input.value) : input.value;
  }
  try { showCourt(await api("/api/admin/settings", { method: "POST", body })); notice($("settings-msg"), "设置已生效"); }
  catch (err) { showError($("settings-msg"), err); }
});

(async () => {
  try {
    const { staff } = await api("/api/me");
    $("who").textContent = staff.display_name;
    await loadCourt();
    await loadStaff();
    showCourt(await api("/api/admin/court"));
    $("admin").hidden = false;
  } catch (err) {
    if (err.status === 401) { location.href = "/"; return; }
    showError($("message"), err);
  }
})();
