// The portal's only way to the server: the public REST API on this origin, with the portal session's token as a
// bearer credential. The server enforces every permission and scope; the page only hides what would be refused.

const TOKEN_KEY = "hookline.portal.token";
let token = null;
let expiredListener = () => {};

/** An answer other than 2xx: status, the error code and message, and the fields the server named. */
export class ApiError extends Error {
  constructor(status, error, message, details) {
    super(message);
    this.status = status;
    this.error = error;
    this.details = details || [];
  }
}

/**
 * Takes the token from the link ({@code #token=…&next=…}), keeps it for this tab only and takes it out of the
 * address bar, so it is neither bookmarked nor shared. Answers the page to open, if the link named one.
 */
export function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const fromLink = params.get("token");
  let next = null;
  if (fromLink) {
    token = fromLink;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) {
      // Storage can be blocked in a third-party frame: the token then lives in memory until the tab closes.
    }
    const wanted = params.get("next");
    next = wanted && /^\/[A-Za-z0-9/_.~=&%?-]*$/.test(wanted) && !wanted.startsWith("//") ? wanted : null;
    history.replaceState(null, "", location.pathname + location.search + "#" + (next || "/endpoints"));
  } else {
    try {
      token = sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      token = null;
    }
  }
  return { hasToken: !!token, next };
}

/** Called once when the server says the session is over (expired, revoked, or unknown). */
export function onExpired(listener) {
  expiredListener = listener;
}

function forget() {
  token = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch (e) {
    // nothing kept
  }
}

function query(params) {
  if (!params) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") q.set(k, v);
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

/** One API call; answers the body's text and its parsed JSON. */
export async function call(method, path, { body, params } = {}) {
  if (!token) {
    expiredListener();
    throw new ApiError(401, "unauthorized", "No portal session");
  }
  const headers = { Authorization: "Bearer " + token, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path + query(params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (e) {
    throw new ApiError(0, "network", "The server could not be reached. Check the connection and try again.");
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (response.status === 401) {
    forget();
    expiredListener();
    throw new ApiError(401, json?.error || "unauthorized", json?.message || "The session is over");
  }
  if (!response.ok) {
    const fallback = response.status === 429 ? "Too many requests: wait a moment and try again." : response.statusText;
    throw new ApiError(response.status, json?.error, json?.message || fallback || "Request failed", json?.details);
  }
  return { json, text };
}

export const get = async (path, params) => (await call("GET", path, { params })).json;
export const post = async (path, body) => (await call("POST", path, { body })).json;
export const patch = async (path, body) => (await call("PATCH", path, { body })).json;
export const del = async (path) => (await call("DELETE", path)).json;

/** The session this token is: tenant, permissions, endpoint scope, branding. */
let session = null;

export async function loadSession() {
  session = await get("/v1/portal/session");
  return session;
}

export function can(permission) {
  return !!session && session.permissions.includes(permission);
}

/** True when the session sees only some of the tenant's endpoints (and so cannot create one). */
export function scoped() {
  return !!session && Array.isArray(session.endpointIds);
}

/** The tenant's path prefix: {@code tenant("endpoints", id)} is {@code /v1/tenants/{t}/endpoints/{id}}. */
export function tenant(...parts) {
  return ["/v1/tenants", session.tenantId, ...parts].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join("/");
}

/** Every page of a list, up to {@code max} items (for pick lists: endpoints, the catalogue). */
export async function all(path, params = {}, max = 1000) {
  const items = [];
  let iterator = null;
  do {
    const page = await get(path, { ...params, limit: 250, iterator });
    items.push(...page.data);
    iterator = page.done ? null : page.iterator;
  } while (iterator && items.length < max);
  return items;
}
