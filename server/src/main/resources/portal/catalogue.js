// The event-type catalogue: what a tenant may subscribe to, with schemas and examples where the catalogue has them.
import { html, useLoad, Title, Loading, ErrorBox } from "./ui.js";
import { all } from "./api.js";
import { prettyJson } from "./json.js";

let cached = null;

/**
 * The whole catalogue, fetched once per page load for pick lists; {@code fresh} fetches it again (for the pages that
 * show the catalogue itself), and what comes back serves the pick lists from then on.
 */
export function catalogue(fresh = false) {
  if (!cached || fresh) {
    cached = all("/v1/event-types").catch((e) => {
      cached = null;
      throw e;
    });
  }
  return cached;
}

function JsonBlock({ label, value }) {
  if (value === null || value === undefined) return null;
  return html`<details>
    <summary>${label}</summary>
    <pre>${prettyJson(JSON.stringify(value))}</pre>
  </details>`;
}

export function CataloguePage() {
  const types = useLoad(() => catalogue(true), []);
  return html`<main id="main">
    <${Title}>Event types<//>
    <p class="muted">The events this application sends. An endpoint receives the types it subscribes to, or all of them.</p>
    ${types.loading && html`<${Loading} />`}
    <${ErrorBox} error=${types.error} />
    ${types.data && types.data.length === 0 && html`<p>No event types are described yet.</p>`}
    ${types.data &&
    types.data.map(
      (t) => html`<article class="card" data-event-type=${t.name}>
        <div class="row spread">
          <h2 class="mono wrap">${t.name}</h2>
          <span class="row">
            ${t.group && html`<span class="badge">${t.group}</span>`}
            ${t.deprecated && html`<span class="badge warn">deprecated</span>`}
            ${t.archived && html`<span class="badge warn">archived</span>`}
          </span>
        </div>
        ${t.description && html`<p class="wrap">${t.description}</p>`}
        <${JsonBlock} label="Schema" value=${t.schema} />
        ${Array.isArray(t.examples)
          ? t.examples.map((ex, i) => html`<${JsonBlock} label=${"Example " + (i + 1)} value=${ex} />`)
          : html`<${JsonBlock} label="Example" value=${t.example} />`}
      </article>`
    )}
  </main>`;
}
