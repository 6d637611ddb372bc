// The endpoints list: every endpoint this session may see, with its health over the last 24 hours.
import { html, useState, useEffect, href, Title, Loading, ErrorBox, when, percent } from "./ui.js";
import { get, tenant, can, scoped } from "./api.js";

/** Enabled, or disabled and why. */
export function EnabledBadge({ endpoint }) {
  if (!endpoint.disabled) return html`<span class="badge ok" data-enabled="true">enabled</span>`;
  return html`<span class="badge bad" data-enabled="false">disabled</span>`;
}

export function Health({ health }) {
  if (!health) return null;
  const rate = health.successRate;
  const kind = rate === null || rate === undefined ? "" : rate >= 0.99 ? "ok" : rate >= 0.9 ? "warn" : "bad";
  return html`<dl class="facts" data-health>
    <dt>Success, 24 h</dt>
    <dd>
      <span class=${"badge " + kind} data-success-rate>${percent(rate)}</span>
      ${" "}<span class="muted">${health.succeeded} of ${health.attempts} attempts</span>
    </dd>
    <dt>Last failure</dt>
    <dd data-last-failure>
      ${health.lastFailure
        ? html`${when(health.lastFailure.at)} — <span class="wrap">${health.lastFailure.error}</span>`
        : html`<span class="muted">none</span>`}
    </dd>
  </dl>`;
}

function EndpointCard({ endpoint }) {
  return html`<article class="card" data-endpoint=${endpoint.id}>
    <div class="row spread">
      <h2 class="wrap flush">
        <a href=${href("endpoints", endpoint.id)} data-endpoint-link>${endpoint.url}</a>
      </h2>
      <${EnabledBadge} endpoint=${endpoint} />
    </div>
    ${endpoint.description && html`<p class="wrap muted">${endpoint.description}</p>`}
    ${endpoint.disabled &&
    html`<p class="wrap" data-disabled-reason>Disabled: ${endpoint.disabledReason || "no reason recorded"}</p>`}
    <${Health} health=${endpoint.health} />
  </article>`;
}

export function EndpointsPage() {
  const [pages, setPages] = useState({ items: [], iterator: null, done: false, loading: true, error: null });
  const load = (iterator) => {
    setPages((p) => ({ ...p, loading: true, error: null }));
    get(tenant("endpoints"), { include: "health", limit: 50, iterator }).then(
      (page) =>
        setPages((p) => ({
          items: iterator ? [...p.items, ...page.data] : page.data,
          iterator: page.iterator,
          done: page.done,
          loading: false,
          error: null,
        })),
      (error) => setPages((p) => ({ ...p, loading: false, error }))
    );
  };
  useEffect(() => load(null), []);
  const canCreate = can("manage_endpoints") && !scoped();
  return html`<main id="main">
    <div class="row spread">
      <${Title}>Endpoints<//>
      ${canCreate && html`<a class="button" href=${href("endpoints", "new")} data-action="new-endpoint">Add endpoint</a>`}
    </div>
    <${ErrorBox} error=${pages.error} />
    ${!pages.loading && pages.items.length === 0 && !pages.error &&
    html`<p class="card">No endpoints yet.${canCreate ? " Add one to start receiving webhooks." : ""}</p>`}
    ${pages.items.map((e) => html`<${EndpointCard} key=${e.id} endpoint=${e} />`)}
    ${pages.loading && html`<${Loading} what="Loading endpoints" />`}
    ${!pages.done && !pages.loading &&
    html`<div class="pager"><button type="button" class="secondary" onClick=${() => load(pages.iterator)}>
      Load more</button></div>`}
  </main>`;
}
