// Create or edit an endpoint: URL, description, the event types it subscribes to (from the catalogue), channels,
// custom headers and a rate limit. The server checks every rule and names each bad field; the form shows them.
import { html, useState, useEffect, href, go, Title, Loading, ErrorBox, fieldError } from "./ui.js";
import { get, post, patch, tenant } from "./api.js";
import { catalogue } from "./catalogue.js";

function Field({ id, label, hint, error, children }) {
  return html`<div class="field">
    <label for=${id}>${label}${hint && html` <span class="hint">${hint}</span>`}</label>
    ${children}
    ${error && html`<div class="error" id=${id + "-error"} data-error-for=${id}>${error}</div>`}
  </div>`;
}

function EventTypePicker({ chosen, setChosen, error }) {
  const [types, setTypes] = useState(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    catalogue().then(setTypes, setFailed);
  }, []);
  const names = types ? types.filter((t) => !t.archived).map((t) => t.name) : [];
  // Types the endpoint already has but the catalogue does not list stay visible, so saving keeps them.
  const shown = [...names, ...chosen.filter((c) => !names.includes(c))];
  const toggle = (name) =>
    setChosen(chosen.includes(name) ? chosen.filter((c) => c !== name) : [...chosen, name]);
  return html`<fieldset class="field" data-field="eventTypes">
    <legend>Event types <span class="hint">none ticked: every event type</span></legend>
    ${!types && !failed && html`<${Loading} what="Loading the catalogue" />`}
    <${ErrorBox} error=${failed} />
    ${types && shown.length === 0 && html`<p class="muted">The catalogue is empty: the endpoint gets every event.</p>`}
    <div class="checks">
      ${shown.map(
        (name) => html`<label>
          <input type="checkbox" name="eventTypes" value=${name} checked=${chosen.includes(name)}
            onChange=${() => toggle(name)} />
          <span class="mono">${name}</span>
        </label>`
      )}
    </div>
    ${error && html`<div class="error" data-error-for="eventTypes">${error}</div>`}
  </fieldset>`;
}

function HeadersEditor({ rows, setRows, error }) {
  const update = (i, key, value) => setRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return html`<fieldset class="field" data-field="headers">
    <legend>Custom headers <span class="hint">sent with every delivery</span></legend>
    ${rows.map(
      (r, i) => html`<div class="header-row">
        <input aria-label=${"Header " + (i + 1) + " name"} placeholder="Name" value=${r.name}
          onInput=${(e) => update(i, "name", e.target.value)} data-header-name />
        <input aria-label=${"Header " + (i + 1) + " value"} placeholder="Value" value=${r.value}
          onInput=${(e) => update(i, "value", e.target.value)} data-header-value />
        <button type="button" class="secondary" aria-label=${"Remove header " + (i + 1)}
          onClick=${() => setRows(rows.filter((_, j) => j !== i))}>Remove</button>
      </div>`
    )}
    <button type="button" class="secondary" onClick=${() => setRows([...rows, { name: "", value: "" }])}
      data-action="add-header">Add header</button>
    ${error && html`<div class="error" data-error-for="headers">${error}</div>`}
  </fieldset>`;
}

function Form({ existing }) {
  const [url, setUrl] = useState(existing?.url || "");
  const [uid, setUid] = useState("");
  const [description, setDescription] = useState(existing?.description || "");
  const [eventTypes, setEventTypes] = useState(existing?.eventTypes || []);
  const [channels, setChannels] = useState((existing?.channels || []).join(", "));
  const [rows, setRows] = useState(
    Object.entries(existing?.headers || {}).map(([name, value]) => ({ name, value }))
  );
  const [rateLimit, setRateLimit] = useState(existing?.rateLimit ? String(existing.rateLimit) : "");
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const headers = {};
    for (const r of rows) if (r.name.trim() !== "") headers[r.name.trim()] = r.value;
    const body = {
      url: url.trim(),
      description: description,
      eventTypes,
      channels: channels.split(",").map((c) => c.trim()).filter(Boolean),
      headers,
      rateLimit: rateLimit.trim() === "" ? 0 : Number(rateLimit),
    };
    if (!existing && uid.trim() !== "") body.uid = uid.trim();
    try {
      const saved = existing
        ? await patch(tenant("endpoints", existing.id), body)
        : await post(tenant("endpoints"), body);
      go(href("endpoints", saved.id));
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return html`<form onSubmit=${submit} novalidate data-form="endpoint">
    <${ErrorBox} error=${error} />
    <${Field} id="url" label="URL" hint="where the webhooks are sent" error=${fieldError(error, "url")}>
      <input id="url" name="url" type="url" required value=${url} onInput=${(e) => setUrl(e.target.value)}
        autocomplete="off" placeholder="https://example.com/webhooks" />
    <//>
    ${!existing &&
    html`<${Field} id="uid" label="Your id" hint="optional; letters, digits, _ . -" error=${fieldError(error, "uid")}>
      <input id="uid" name="uid" value=${uid} onInput=${(e) => setUid(e.target.value)} autocomplete="off" />
    <//>`}
    <${Field} id="description" label="Description" hint="optional" error=${fieldError(error, "description")}>
      <input id="description" name="description" value=${description}
        onInput=${(e) => setDescription(e.target.value)} />
    <//>
    <${EventTypePicker} chosen=${eventTypes} setChosen=${setEventTypes} error=${fieldError(error, "eventTypes")} />
    <${Field} id="channels" label="Channels" hint="comma-separated; empty: messages without channels"
      error=${fieldError(error, "channels")}>
      <input id="channels" name="channels" value=${channels} onInput=${(e) => setChannels(e.target.value)} />
    <//>
    <${HeadersEditor} rows=${rows} setRows=${setRows} error=${fieldError(error, "headers")} />
    <${Field} id="rateLimit" label="Rate limit" hint="messages per second; empty for none"
      error=${fieldError(error, "rateLimit")}>
      <input id="rateLimit" name="rateLimit" type="number" min="1" max="100000" inputmode="numeric"
        value=${rateLimit} onInput=${(e) => setRateLimit(e.target.value)} />
    <//>
    <div class="row">
      <button type="submit" disabled=${saving} data-action="save-endpoint">
        ${existing ? "Save changes" : "Create endpoint"}
      </button>
      <a class="button secondary" href=${existing ? href("endpoints", existing.id) : href("endpoints")}>Cancel</a>
    </div>
  </form>`;
}

export function EndpointFormPage({ id }) {
  const [existing, setExisting] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (id) get(tenant("endpoints", id)).then(setExisting, setError);
  }, [id]);
  return html`<main id="main">
    <p><a href=${id ? href("endpoints", id) : href("endpoints")}>← ${id ? "Endpoint" : "Endpoints"}</a></p>
    <${Title}>${id ? "Edit endpoint" : "Add endpoint"}<//>
    <${ErrorBox} error=${error} />
    ${id && !existing && !error && html`<${Loading} />`}
    ${(!id || existing) && html`<div class="card"><${Form} existing=${existing} /></div>`}
  </main>`;
}
