// One endpoint: what it is, its health and charts, and what a tenant can do with it (edit, disable or enable,
// delete, reveal and rotate its secret, send it an event type's example, recover its failures) as far as the
// session's permissions go.
import {
  html, useState, href, go, useLoad, Title, Loading, ErrorBox, ConfirmButton, when, toLocalInput, fromLocalInput,
} from "./ui.js";
import { get, post, patch, del, tenant, can } from "./api.js";
import { EnabledBadge, Health } from "./endpoints.js";
import { EndpointCharts } from "./charts.js";
import { catalogue } from "./catalogue.js";

function Secret({ endpoint }) {
  const [secret, setSecret] = useState(null);
  const [error, setError] = useState(null);
  const [grace, setGrace] = useState("86400");
  const [notice, setNotice] = useState(null);
  const reveal = () => {
    setError(null);
    get(tenant("endpoints", endpoint.id, "secret")).then(setSecret, setError);
  };
  const rotate = () => {
    setError(null);
    setNotice(null);
    post(tenant("endpoints", endpoint.id, "secret", "rotate"), { gracePeriodSeconds: Number(grace) }).then(
      (s) => {
        setSecret(s);
        setNotice(
          grace === "0"
            ? "Rotated. The old secret no longer signs."
            : "Rotated. The old secret keeps signing beside the new one until the grace period ends."
        );
      },
      setError
    );
  };
  return html`<section class="card" aria-labelledby="secret-title" data-section="secret">
    <h2 id="secret-title" class="flush">Signing secret</h2>
    <p class="muted">Receivers verify each webhook's signature with this secret.</p>
    <${ErrorBox} error=${error} />
    ${notice && html`<div class="alert ok" role="status" data-notice="rotated">${notice}</div>`}
    <div class="secret">
      ${secret
        ? html`<code data-secret>${secret.key}</code>
            <button type="button" class="secondary" onClick=${() => setSecret(null)}>Hide</button>`
        : html`<code aria-label="hidden secret">••••••••••••••••</code>
            <button type="button" class="secondary" onClick=${reveal} data-action="reveal-secret">Reveal</button>`}
    </div>
    ${can("manage_endpoints") &&
    html`<div class="row">
      <label for="grace" class="flush">Old secret keeps signing for</label>
      <select id="grace" value=${grace} onChange=${(e) => setGrace(e.target.value)}>
        <option value="0">no time (stop at once)</option>
        <option value="3600">1 hour</option>
        <option value="86400">24 hours</option>
        <option value="604800">7 days</option>
      </select>
      <${ConfirmButton} label="Rotate secret" confirmLabel="Rotate now" onConfirm=${rotate} />
    </div>`}
  </section>`;
}

function Recover({ endpoint }) {
  const [since, setSince] = useState(toLocalInput(new Date(Date.now() - 24 * 3600 * 1000).toISOString()));
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const submit = (e) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    post(tenant("endpoints", endpoint.id, "recover"), { since: fromLocalInput(since) }).then(setResult, setError);
  };
  return html`<section class="card" aria-labelledby="recover-title" data-section="recover">
    <h2 id="recover-title" class="flush">Recover failed messages</h2>
    <p class="muted">Send again every message that failed to reach this endpoint since a time.</p>
    <form class="row" onSubmit=${submit}>
      <label for="recover-since" class="flush">Since</label>
      <input id="recover-since" type="datetime-local" value=${since} onInput=${(e) => setSince(e.target.value)} />
      <button type="submit" data-action="recover">Recover</button>
    </form>
    <${ErrorBox} error=${error} />
    ${result && html`<div class="alert ok" role="status" data-recovered=${result.queued}>
      ${result.queued} ${result.queued === 1 ? "message" : "messages"} queued for delivery.</div>`}
  </section>`;
}

function SendExample({ endpoint }) {
  const types = useLoad(() => catalogue(true), []);
  const [eventType, setEventType] = useState("");
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const withExamples = (types.data || []).filter((t) => t.examples && t.examples.length);
  const chosen = eventType || (withExamples[0] ? withExamples[0].name : "");
  const submit = (e) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    post(tenant("endpoints", endpoint.id, "send-example"), { eventType: chosen }).then(setResult, setError);
  };
  return html`<section class="card" aria-labelledby="example-title" data-section="send-example">
    <h2 id="example-title" class="flush">Send an example</h2>
    <p class="muted">Deliver an event type's example to this endpoint only, signed like any webhook and marked as a
      test.</p>
    ${types.loading && !types.data && html`<${Loading} />`}
    ${types.data &&
    (withExamples.length
      ? html`<form class="row" onSubmit=${submit}>
          <label for="example-type" class="flush">Event type</label>
          <select id="example-type" value=${chosen} onChange=${(e) => setEventType(e.target.value)}>
            ${withExamples.map((t) => html`<option value=${t.name}>${t.name}</option>`)}
          </select>
          <button type="submit" data-action="send-example">Send example</button>
        </form>`
      : html`<p class="muted">No event type in the catalogue has an example yet.</p>`)}
    <${ErrorBox} error=${error || types.error} />
    ${result &&
    html`<div class="alert ${result.status === "succeeded" ? "ok" : "error"}" role="status"
        data-example-sent=${result.status}>
      Sent: ${result.status}${result.responseStatusCode ? ", answered " + result.responseStatusCode : ""}.
      <a href=${href("messages", result.messageId)}>See the message</a>
    </div>`}
  </section>`;
}

function Actions({ endpoint, reload }) {
  const [error, setError] = useState(null);
  const setDisabled = (disabled) => {
    setError(null);
    patch(tenant("endpoints", endpoint.id), { disabled }).then(reload, setError);
  };
  const remove = () => {
    setError(null);
    del(tenant("endpoints", endpoint.id)).then(() => go(href("endpoints")), setError);
  };
  return html`<div class="stack">
    <div class="row">
      <a class="button secondary" href=${href("endpoints", endpoint.id, "edit")} data-action="edit">Edit</a>
      ${endpoint.disabled
        ? html`<button type="button" onClick=${() => setDisabled(false)} data-action="enable">Enable</button>`
        : html`<button type="button" class="secondary" onClick=${() => setDisabled(true)}
            data-action="disable">Disable</button>`}
      <${ConfirmButton} label="Delete" confirmLabel="Delete for good" danger=${true} onConfirm=${remove} />
    </div>
    <${ErrorBox} error=${error} />
  </div>`;
}

export function EndpointPage({ id }) {
  const endpoint = useLoad(() => get(tenant("endpoints", id), { include: "health" }), [id]);
  const e = endpoint.data;
  return html`<main id="main">
    <p><a href=${href("endpoints")}>← Endpoints</a></p>
    <${Title}>Endpoint<//>
    ${endpoint.loading && !e && html`<${Loading} />`}
    <${ErrorBox} error=${endpoint.error} />
    ${e &&
    html`<div class="stack" data-endpoint-page=${e.id}>
      <section class="card">
        <div class="row spread">
          <h2 class="wrap flush" data-endpoint-url>${e.url}</h2>
          <${EnabledBadge} endpoint=${e} />
        </div>
        ${e.disabled &&
        html`<p class="wrap" data-disabled-reason>Disabled: ${e.disabledReason || "no reason recorded"}</p>`}
        <dl class="facts">
          <dt>Id</dt><dd class="mono">${e.id}</dd>
          ${e.uid && html`<dt>Your id</dt><dd class="mono">${e.uid}</dd>`}
          ${e.description && html`<dt>Description</dt><dd>${e.description}</dd>`}
          <dt>Event types</dt>
          <dd>${e.eventTypes && e.eventTypes.length ? e.eventTypes.join(", ") : "all"}</dd>
          <dt>Channels</dt>
          <dd>${e.channels && e.channels.length ? e.channels.join(", ") : "messages without channels"}</dd>
          <dt>Headers</dt>
          <dd>${Object.keys(e.headers || {}).length ? Object.keys(e.headers).join(", ") : "none"}</dd>
          <dt>Rate limit</dt><dd>${e.rateLimit ? e.rateLimit + " per second" : "none"}</dd>
          <dt>Created</dt><dd>${when(e.createdAt)}</dd>
        </dl>
        <${Health} health=${e.health} />
        <p><a href=${href("messages", { endpointId: e.id })}>Messages to this endpoint</a></p>
        ${can("manage_endpoints") && html`<${Actions} endpoint=${e} reload=${endpoint.reload} />`}
      </section>
      <${EndpointCharts} endpointId=${e.id} />
      ${can("view_secrets") && html`<${Secret} endpoint=${e} />`}
      ${can("resend") && !e.disabled && html`<${SendExample} endpoint=${e} />`}
      ${can("resend") && html`<${Recover} endpoint=${e} />`}
    </div>`}
  </main>`;
}
