// One message: its payload exactly as sent, where it went (one delivery per endpoint), and every attempt with the
// request headers (signatures redacted) and the receiver's answer. Resend it to one endpoint from here.
import { html, useState, useEffect, href, useLoad, Title, Loading, ErrorBox, StatusBadge, when } from "./ui.js";
import { call, get, post, all, tenant, can } from "./api.js";
import { rawMember, prettyJson, prettyIfJson } from "./json.js";

function Payload({ message, raw }) {
  const [exact, setExact] = useState(false);
  if (message.payloadExpired) {
    return html`<p class="muted" data-payload-expired>The payload is past its retention and no longer kept.</p>`;
  }
  return html`<div data-section="payload">
    <div class="row spread">
      <h2 class="flush">Payload</h2>
      <button type="button" class="secondary" aria-pressed=${String(exact)} onClick=${() => setExact(!exact)}>
        ${exact ? "Pretty-print" : "Show exact bytes"}
      </button>
    </div>
    <pre data-payload tabindex="0" aria-label="Payload">${exact ? raw : prettyJson(raw || "null")}</pre>
  </div>`;
}

function AttemptDetail({ attemptId }) {
  const attempt = useLoad(() => get(tenant("attempts", attemptId)), [attemptId]);
  const a = attempt.data;
  if (attempt.loading) return html`<${Loading} what="Loading the attempt" />`;
  if (attempt.error) return html`<${ErrorBox} error=${attempt.error} />`;
  const headers = Object.entries(a.requestHeaders || {});
  return html`<div class="stack" data-attempt-detail=${a.id}>
    <dl class="facts">
      <dt>URL</dt><dd class="mono">${a.url}</dd>
      <dt>Trigger</dt><dd>${a.trigger}</dd>
      <dt>Response status</dt><dd data-response-status>${a.responseStatusCode ?? "no HTTP answer"}</dd>
      <dt>Duration</dt><dd>${a.durationMs ?? "—"} ms</dd>
      ${a.error && html`<dt>Error</dt><dd class="wrap" data-error-class>${a.error}</dd>`}
    </dl>
    <h3>Request headers</h3>
    <div class="table-wrap"><table data-table="request-headers">
      <thead><tr><th scope="col">Header</th><th scope="col">Value</th></tr></thead>
      <tbody>${headers.map(([k, v]) => html`<tr><td class="mono">${k}</td><td class="mono wrap">${v}</td></tr>`)}</tbody>
    </table></div>
    <h3>Response body</h3>
    ${a.responseBody
      ? html`<pre data-response-body tabindex="0" aria-label="Response body">${prettyIfJson(a.responseBody)}</pre>`
      : html`<p class="muted">empty</p>`}
  </div>`;
}

function Attempt({ attempt }) {
  const [open, setOpen] = useState(false);
  return html`<details class="attempt" data-attempt=${attempt.id} data-trigger=${attempt.trigger}
      onToggle=${(e) => setOpen(e.target.open)}>
    <summary>
      <span>#${attempt.attemptNumber}</span>
      <${StatusBadge} status=${attempt.status} />
      <span data-attempt-status-code>${attempt.responseStatusCode ?? attempt.error ?? "—"}</span>
      <span class="muted">${attempt.durationMs ?? "—"} ms · ${attempt.trigger} · ${when(attempt.createdAt)}</span>
    </summary>
    ${open && html`<div><${AttemptDetail} attemptId=${attempt.id} /></div>`}
  </details>`;
}

function Delivery({ messageId, delivery, url, attempts, onResent }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const resend = () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    post(tenant("messages", messageId, "endpoints", delivery.endpointId, "resend")).then(
      (a) => {
        setBusy(false);
        setNotice(`Resent: attempt #${a.attemptNumber} ${a.status} (${a.responseStatusCode ?? a.error ?? "—"}).`);
        onResent();
      },
      (e) => {
        setBusy(false);
        setError(e);
      }
    );
  };
  return html`<section class="card" data-delivery=${delivery.endpointId}>
    <div class="row spread">
      <h3 class="flush wrap"><a href=${href("endpoints", delivery.endpointId)}>${url || delivery.endpointId}</a></h3>
      <${StatusBadge} status=${delivery.status} />
    </div>
    <p class="muted">
      ${delivery.attempts} ${delivery.attempts === 1 ? "attempt" : "attempts"}
      ${delivery.lastError ? html` · last: <span class="wrap">${delivery.lastError}</span>` : ""}
      ${delivery.nextAttemptAt ? " · next try " + when(delivery.nextAttemptAt) : ""}
    </p>
    ${can("resend") &&
    html`<p><button type="button" class="secondary" disabled=${busy} onClick=${resend} data-action="resend">
      Resend to this endpoint</button></p>`}
    <${ErrorBox} error=${error} />
    ${notice && html`<div class="alert ok" role="status" data-notice="resent">${notice}</div>`}
    ${attempts.map((a) => html`<${Attempt} key=${a.id} attempt=${a} />`)}
  </section>`;
}

export function MessagePage({ id }) {
  const message = useLoad(() => call("GET", tenant("messages", id)), [id]);
  const [round, setRound] = useState(0);
  const deliveries = useLoad(
    () =>
      Promise.all([
        get(tenant("messages", id, "deliveries")),
        all(tenant("attempts"), { messageId: id }, 500),
        all(tenant("endpoints")),
      ]),
    [id, round]
  );
  const m = message.data?.json;
  const raw = message.data ? rawMember(message.data.text, "payload") : null;
  let body = null;
  if (deliveries.data) {
    const [list, attempts, endpoints] = deliveries.data;
    const urls = Object.fromEntries(endpoints.map((e) => [e.id, e.url]));
    body = list.data.length
      ? list.data.map(
          (d) => html`<${Delivery} key=${d.endpointId} messageId=${id} delivery=${d} url=${urls[d.endpointId]}
            attempts=${attempts.filter((a) => a.endpointId === d.endpointId)}
            onResent=${() => setRound((r) => r + 1)} />`
        )
      : html`<p class="card">No endpoint was subscribed to this message.</p>`;
  }
  return html`<main id="main">
    <p><a href=${href("messages")}>← Messages</a></p>
    <${Title}>Message<//>
    ${message.loading && html`<${Loading} />`}
    <${ErrorBox} error=${message.error} />
    ${m &&
    html`<section class="card" data-message-page=${m.id}>
      <dl class="facts">
        <dt>Id</dt><dd class="mono">${m.id}</dd>
        <dt>Event type</dt><dd class="mono wrap" data-event-type>${m.eventType}</dd>
        ${m.eventId && html`<dt>Event id</dt><dd class="mono wrap">${m.eventId}</dd>`}
        ${m.channels && m.channels.length > 0 && html`<dt>Channels</dt><dd class="wrap">${m.channels.join(", ")}</dd>`}
        <dt>Sent</dt><dd>${when(m.createdAt)}</dd>
      </dl>
      <${Payload} message=${m} raw=${raw} />
    </section>`}
    <h2>Deliveries</h2>
    ${deliveries.loading && !deliveries.data && html`<${Loading} what="Loading deliveries" />`}
    <${ErrorBox} error=${deliveries.error} />
    ${body}
  </main>`;
}
