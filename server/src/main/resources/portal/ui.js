// Shared building blocks of the portal page. Everything a tenant or a receiver controls is rendered as text
// (Preact text nodes and attributes): no markup is ever built from data.
import { html, render, useState, useEffect, useRef, useCallback } from "./standalone.module.js";

export { html, render, useState, useEffect, useRef, useCallback };

/** The current route: path segments and query of the URL fragment ("#/messages?status=failed"). */
export function currentRoute() {
  const hash = location.hash.replace(/^#/, "");
  const [path, query = ""] = hash.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, query: new URLSearchParams(query) };
}

/** A fragment link: {@code href("messages", id)} or {@code href("messages", null, {status: "failed"})}. */
export function href(...args) {
  let query = null;
  if (args.length && typeof args[args.length - 1] === "object" && args[args.length - 1] !== null) {
    query = args.pop();
  }
  const path = "#/" + args.filter((a) => a !== null && a !== undefined).map(encodeURIComponent).join("/");
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? path + "?" + s : path;
}

export function go(target) {
  location.hash = target.replace(/^#/, "");
}

/**
 * Runs {@code load} when {@code deps} (strings and numbers) change; gives its data, its error, and a way to load it
 * again. While a new load runs, the previous data stays (so a page does not blink) and {@code loading} is true from
 * the very render in which the deps changed.
 */
export function useLoad(load, deps) {
  const [round, setRound] = useState(0);
  const key = JSON.stringify([...deps, round]);
  const [state, setState] = useState({ key: null, data: null, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (error) => live && setState({ key, data: null, error })
    );
    return () => {
      live = false;
    };
  }, [key]);
  return {
    loading: state.key !== key,
    data: state.data,
    error: state.key === key ? state.error : null,
    reload: () => setRound((r) => r + 1),
  };
}

/** The heading of a page: takes the focus when the page changes, so keyboard users start at the top. */
export function Title({ children }) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current && document.activeElement !== ref.current) ref.current.focus({ preventScroll: false });
  }, []);
  return html`<h1 tabindex="-1" ref=${ref} id="page-title">${children}</h1>`;
}

export function Loading({ what = "Loading" }) {
  return html`<p class="loading" role="status">${what}…</p>`;
}

/** An API error as the server explained it, with every field it named. */
export function ErrorBox({ error }) {
  if (!error) return null;
  const details = error.details || [];
  return html`<div class="alert error" role="alert">
    <div class="wrap">${error.message || String(error)}</div>
    ${details.length > 0 &&
    html`<ul>
      ${details.map((d) => html`<li class="wrap">${d.field}: ${d.message}</li>`)}
    </ul>`}
  </div>`;
}

export function fieldError(error, field) {
  if (!error || !error.details) return null;
  const found = error.details.filter((d) => d.field === field || d.field.startsWith(field + "."));
  return found.length ? found.map((d) => d.message).join("; ") : null;
}

/** Local date and time of an ISO instant, to the second. */
export function when(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(
    d.getMinutes()
  )}:${pad(d.getSeconds())}`;
}

export function percent(rate) {
  if (rate === null || rate === undefined) return "—";
  return (Math.round(rate * 1000) / 10).toFixed(1) + " %";
}

/** A delivery or attempt status as a coloured badge with its word (colour is never the only signal). */
export function StatusBadge({ status }) {
  const kind = { succeeded: "ok", failed: "bad", retrying: "warn", pending: "" }[status] ?? "";
  return html`<span class=${"badge " + kind} data-status=${status}>${status}</span>`;
}

/** A value for an {@code <input type="datetime-local">}, from an ISO instant. */
export function toLocalInput(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(
    d.getMinutes()
  )}`;
}

/** The ISO instant of an {@code <input type="datetime-local">} value (local time), or null. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return isNaN(d) ? null : d.toISOString();
}

/** A two-step button for what cannot be undone: the first press asks, the second does it. */
export function ConfirmButton({ label, confirmLabel, onConfirm, danger = false, disabled = false }) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef(null);
  useEffect(() => {
    if (asking && confirmRef.current) confirmRef.current.focus();
  }, [asking]);
  if (!asking) {
    return html`<button type="button" class=${danger ? "danger" : "secondary"} disabled=${disabled}
      onClick=${() => setAsking(true)}>${label}</button>`;
  }
  return html`<span class="row" role="group" aria-label=${label}>
    <button type="button" ref=${confirmRef} class=${danger ? "danger" : ""}
      onClick=${() => { setAsking(false); onConfirm(); }}>${confirmLabel}</button>
    <button type="button" class="secondary" onClick=${() => setAsking(false)}>Cancel</button>
  </span>`;
}
