// The message log: every message sent to this tenant, filtered by event type, endpoint, delivery status and
// time, a page at a time (keyset pages: newest first, "Older" and "Newer" walk them).
import {
  html, useState, useEffect, href, go, useLoad, Title, Loading, ErrorBox, StatusBadge, when, toLocalInput,
  fromLocalInput,
} from "./ui.js";
import { get, all, tenant } from "./api.js";
import { catalogue } from "./catalogue.js";

const STATUSES = ["pending", "retrying", "succeeded", "failed"];
const PAGE = 25;

function DeliveryCounts({ counts }) {
  if (!counts) return html`<span class="muted">—</span>`;
  const shown = STATUSES.filter((s) => counts[s] > 0);
  if (shown.length === 0) return html`<span class="muted">no endpoint</span>`;
  return html`<span class="row">
    ${shown.map((s) => html`<span data-delivery-count=${s}><${StatusBadge} status=${s} /> ${counts[s]}</span>`)}
  </span>`;
}

function Filters({ filters }) {
  const [eventType, setEventType] = useState(filters.eventType || "");
  const [endpointId, setEndpointId] = useState(filters.endpointId || "");
  const [status, setStatus] = useState(filters.status || "");
  const [since, setSince] = useState(toLocalInput(filters.since));
  const [until, setUntil] = useState(toLocalInput(filters.until));
  const endpoints = useLoad(() => all(tenant("endpoints")), []);
  const [types, setTypes] = useState([]);
  useEffect(() => {
    catalogue().then(setTypes, () => setTypes([]));
  }, []);
  const apply = (e) => {
    e.preventDefault();
    go(href("messages", {
      eventType: eventType.trim(), endpointId, status, since: fromLocalInput(since), until: fromLocalInput(until),
    }));
  };
  return html`<form class="card" onSubmit=${apply} aria-label="Filter messages" data-form="filters">
    <div class="filters">
      <div class="field">
        <label for="f-event-type">Event type</label>
        <input id="f-event-type" list="f-event-types" value=${eventType}
          onInput=${(e) => setEventType(e.target.value)} placeholder="any" />
        <datalist id="f-event-types">${types.map((t) => html`<option value=${t.name} />`)}</datalist>
      </div>
      <div class="field">
        <label for="f-endpoint">Endpoint</label>
        <select id="f-endpoint" value=${endpointId} onChange=${(e) => setEndpointId(e.target.value)}>
          <option value="">any</option>
          ${(endpoints.data || []).map((ep) => html`<option value=${ep.id}>${ep.url}</option>`)}
          ${endpointId && !(endpoints.data || []).some((ep) => ep.id === endpointId) &&
          html`<option value=${endpointId}>${endpointId}</option>`}
        </select>
      </div>
      <div class="field">
        <label for="f-status">Delivery status</label>
        <select id="f-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
          <option value="">any</option>
          ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="f-since">From</label>
        <input id="f-since" type="datetime-local" value=${since} onInput=${(e) => setSince(e.target.value)} />
      </div>
      <div class="field">
        <label for="f-until">Until</label>
        <input id="f-until" type="datetime-local" value=${until} onInput=${(e) => setUntil(e.target.value)} />
      </div>
      <div class="row">
        <button type="submit" data-action="apply-filters">Apply</button>
        <a class="button secondary" href=${href("messages")}>Clear</a>
      </div>
    </div>
  </form>`;
}

export function MessagesPage({ query }) {
  const filters = Object.fromEntries(
    ["eventType", "endpointId", "status", "since", "until"].map((k) => [k, query.get(k) || ""])
  );
  const key = JSON.stringify(filters);
  // The iterator of each page walked so far under these filters; the last one is shown.
  const [walk, setWalk] = useState({ key, trail: [null] });
  const trail = walk.key === key ? walk.trail : [null];
  const setTrail = (t) => setWalk({ key, trail: t });
  const iterator = trail[trail.length - 1];
  const page = useLoad(
    () => get(tenant("messages"), { ...filters, include: "deliveries", limit: PAGE, iterator }),
    [key, iterator]
  );
  const rows = page.data ? page.data.data : [];
  return html`<main id="main" data-loaded=${page.loading ? "" : key}>
    <${Title}>Messages<//>
    <${Filters} key=${key} filters=${filters} />
    <${ErrorBox} error=${page.error} />
    ${page.loading && html`<${Loading} what="Loading messages" />`}
    ${page.data && rows.length === 0 && html`<p class="card">No messages match.</p>`}
    ${rows.length > 0 &&
    html`<div class="table-wrap"><table class="stacked" data-table="messages">
      <thead><tr><th scope="col">Sent</th><th scope="col">Event type</th><th scope="col">Message</th>
        <th scope="col">Deliveries</th></tr></thead>
      <tbody>
        ${rows.map(
          (m) => html`<tr data-message=${m.id}>
            <td data-label="Sent">${when(m.createdAt)}</td>
            <td data-label="Event type" class="mono wrap">${m.eventType}</td>
            <td data-label="Message" class="mono wrap"><a href=${href("messages", m.id)}>${m.id}</a></td>
            <td data-label="Deliveries"><${DeliveryCounts} counts=${m.deliveries} /></td>
          </tr>`
        )}
      </tbody>
    </table></div>`}
    <div class="pager">
      ${trail.length > 1 &&
      html`<button type="button" class="secondary" onClick=${() => setTrail(trail.slice(0, -1))}>← Newer</button>`}
      ${page.data && !page.data.done &&
      html`<button type="button" class="secondary" data-action="older"
        onClick=${() => setTrail([...trail, page.data.iterator])}>Older →</button>`}
    </div>
  </main>`;
}
