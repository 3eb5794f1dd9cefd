// "补正申请" on the record page: what signers asked to be corrected (from the signing page),
// and the clerk's answer to each. The correction itself is made in the transcript, where it
// leaves its own revision; the answer says what was done.
import { api, el, clear, showError, localTime, loadCourt } from "/static/common.js";

const hearingId = location.pathname.split("/").filter(Boolean).pop();
const box = document.getElementById("corrections");
const REFRESH_MS = 10000;

async function refresh() {
  let requests;
  try { ({ requests } = await api(`/api/hearings/${hearingId}/corrections`)); }
  catch (err) { showError(box, err); return; }
  clear(box);
  if (!requests.length) { box.append(el("span", { class: "muted" }, "暂无")); return; }
  const open = requests.filter((r) => !r.resolved_at).length;
  if (open) box.append(el("p", { class: "error" }, `${open} 项待答复`));
  for (const r of requests) {
    const item = el("div", { class: "correction", dataset: { id: r.id } },
      el("p", {}, el("b", {}, `${r.requester}`), ` · ${localTime(r.created_at)}`), el("p", {}, r.text));
    if (r.resolved_at) item.append(el("p", { class: "notice" }, `已答复（${localTime(r.resolved_at)}）：${r.resolution}`));
    else {
      const answer = el("textarea", { placeholder: "答复：已按录音更正 / 经核对录音，原记录无误…" });
      const msg = el("div");
      item.append(answer, el("button", { type: "button", onclick: async () => {
        try {
          await api(`/api/hearings/${hearingId}/corrections/${r.id}/answer`, { method: "POST", body: { resolution: answer.value } });
          refresh();
        } catch (err) { showError(msg, err); }
      } }, "答复"), msg);
    }
    box.append(item);
  }
}

loadCourt().then(refresh);
// Never rebuild under the clerk's fingers: skip a refresh while an answer is being written.
setInterval(() => { if (![...box.querySelectorAll("textarea")].some((t) => t.value.trim())) refresh(); }, REFRESH_MS);
