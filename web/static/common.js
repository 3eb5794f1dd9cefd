// Shared helpers for the court pages: API calls, element building, formatting.
"use strict";

export class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

export async function api(path, { method = "GET", body, token } = {}) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = "Bearer " + token;
  const res = await fetch(path, { method, headers, credentials: "same-origin",
                                  body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await res.json(); } catch (_) { /* empty body */ }
  if (!res.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(res.status, err.code || "http_" + res.status, err.message || res.statusText);
  }
  return data;
}

// el("div", {class: "x", onclick: fn}, "text", childNode, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

export function hms(seconds) {
  if (seconds === null || seconds === undefined || isNaN(seconds)) return "--:--:--";
  const s = Math.max(0, Math.floor(seconds));
  const p = (n) => String(n).padStart(2, "0");
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

// Times are shown in the court's time zone whatever the browser's (issue 14): pages call
// loadCourt() once before showing any time.
let courtZone = "Asia/Shanghai";
let court = null;

export async function loadCourt() {
  if (court) return court;
  try {
    court = await api("/api/court");
    courtZone = court.time_zone || courtZone;
  } catch (_) { court = { name: "", time_zone: courtZone }; }
  return court;
}

export function courtTimeZone() { return courtZone; }

export function localTime(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString("zh-CN", { hour12: false, timeZone: courtZone });
}

// "2026-12-03T17:00" for a datetime-local field, in the court's zone.
export function courtInputValue(date = new Date()) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat("en-GB", { timeZone: courtZone, hourCycle: "h23", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// Messages reach users in Chinese only; an English gloss in parentheses is for maintainers.
export function chineseOnly(text) {
  const s = String(text == null ? "" : text);
  const stripped = s.replace(/\s*[(（][\x20-\x7e]*[)）]\s*$/, "");
  return stripped.trim() ? stripped : s;
}

export function showError(node, err) {
  clear(node).append(el("span", { class: "error" }, chineseOnly(err && err.message ? err.message : String(err))));
}

// A read-only field with a 复制 button (join links, invitation links).
export function copyField(value, label = "复制") {
  const input = el("input", { value, readonly: true, class: "link-field" });
  const button = el("button", { type: "button", class: "secondary copy", onclick: async () => {
    try { await navigator.clipboard.writeText(value); }
    catch (_) { input.select(); document.execCommand("copy"); }
    button.textContent = "已复制";
    setTimeout(() => { button.textContent = label; }, 2000);
  } }, label);
  return el("span", { class: "copy-field" }, input, button);
}

export const STATE_LABELS = { scheduled: "待开庭", open: "进行中", paused: "暂停", closed: "已闭庭" };
export const PAUSE_REASONS = { recess: "休庭", non_public_evidence: "不公开质证", mediation: "调解", link_lost: "连线中断" };
