// The portal page: takes the session token from the link, loads the session (tenant, permissions, branding) and
// shows one page per fragment route. A session that is over shows the "session expired" page, whatever was open.
import { html, render, useState, useEffect, currentRoute, href } from "./ui.js";
import { takeTokenFromFragment, onExpired, loadSession } from "./api.js";
import { EndpointsPage } from "./endpoints.js";
import { EndpointPage } from "./endpoint.js";
import { EndpointFormPage } from "./endpoint-form.js";
import { MessagesPage } from "./messages.js";
import { MessagePage } from "./message.js";
import { CataloguePage } from "./catalogue.js";

const start = takeTokenFromFragment();

function Expired() {
  useEffect(() => {
    document.title = "Session expired";
    const h = document.getElementById("page-title");
    if (h) h.focus();
  }, []);
  return html`<main id="main" class="expired" data-page="expired">
    <h1 tabindex="-1" id="page-title">Session expired</h1>
    <p>This portal link has expired or was revoked.</p>
    <p>Go back to the application you came from and open the webhooks portal again to get a fresh link.</p>
  </main>`;
}

function Page({ route }) {
  const [first, second, third] = route.parts;
  if (first === "endpoints" && second === "new") return html`<${EndpointFormPage} />`;
  if (first === "endpoints" && second && third === "edit") return html`<${EndpointFormPage} key=${second} id=${second} />`;
  if (first === "endpoints" && second) return html`<${EndpointPage} key=${second} id=${second} />`;
  if (first === "messages" && second) return html`<${MessagePage} key=${second} id=${second} />`;
  if (first === "messages") return html`<${MessagesPage} query=${route.query} />`;
  if (first === "event-types") return html`<${CataloguePage} />`;
  return html`<${EndpointsPage} />`;
}

const SECTIONS = [
  ["endpoints", "Endpoints"],
  ["messages", "Messages"],
  ["event-types", "Event types"],
];

function applyBranding(branding, fallbackName) {
  const name = (branding && branding.displayName) || fallbackName || "Webhooks";
  document.title = name + " · Webhooks";
  const accent = branding && branding.accentColor;
  if (accent && /^#[0-9a-fA-F]{6}$/.test(accent)) {
    document.documentElement.style.setProperty("--accent", accent);
    // Dark text on a light accent, white on a dark one (relative luminance).
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16) / 255);
    const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    document.documentElement.style.setProperty("--accent-text", lum > 0.6 ? "#1b1f24" : "#ffffff");
  }
  return name;
}

function skipToContent(event) {
  event.preventDefault();
  const target = document.getElementById("page-title") || document.getElementById("main");
  if (target) target.focus();
}

function App() {
  // A new link opened in the same tab (only the fragment changes, so the page is not reloaded) starts over.
  const [generation, setGeneration] = useState(0);
  const [expired, setExpired] = useState(!start.hasToken);
  const [session, setSession] = useState(null);
  const [failure, setFailure] = useState(null);
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    onExpired(() => setExpired(true));
    const changed = () => {
      if (/(^|&)token=/.test(location.hash.replace(/^#/, ""))) {
        const fresh = takeTokenFromFragment();
        setSession(null);
        setFailure(null);
        setExpired(!fresh.hasToken);
        setGeneration((g) => g + 1);
      }
      setRoute(currentRoute());
    };
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  useEffect(() => {
    if (expired) return;
    loadSession().then(setSession, (e) => e.status !== 401 && setFailure(e));
  }, [generation]);
  if (expired) return html`<${Expired} />`;
  if (failure) {
    return html`<main id="main" class="expired"><h1>The portal could not start</h1>
      <p class="wrap">${failure.message}</p></main>`;
  }
  if (!session) return html`<p class="loading" role="status">Loading…</p>`;
  const name = applyBranding(session.branding, session.tenantUid);
  const logo = session.branding && session.branding.logoUrl;
  const current = route.parts[0] || "endpoints";
  return html`
    <a class="skip" href="#" onClick=${skipToContent}>Skip to content</a>
    <header class="top">
      <div class="brand">
        ${logo && /^https:\/\//.test(logo) && html`<img src=${logo} alt="" referrerpolicy="no-referrer" />`}
        <span data-brand-name>${name}</span>
      </div>
      <nav aria-label="Sections">
        ${SECTIONS.map(
          ([key, label]) => html`<a href=${href(key)} aria-current=${current === key ? "page" : undefined}
            data-nav=${key}>${label}</a>`
        )}
      </nav>
      <span class="session" data-permissions=${session.permissions.join(" ")}>
        ${session.permissions.includes("manage_endpoints") ? "" : "Read-only · "}expires ${new Date(session.expiresAt).toLocaleString()}
      </span>
    </header>
    <${Page} key=${generation} route=${route} />
  `;
}

const root = document.getElementById("app");
root.textContent = "";
render(html`<${App} />`, root);
