// Calls the public AccountService through Connect JSON on this origin (/dashboard/api/<Method>),
// with the API key of this browser session as a Bearer credential.

const storageKey = "switchyard.apiKey";

/** Raised when the key is missing or refused: the page shows the login prompt again. */
export class LoginRequired extends Error {}

export function apiKey() {
  return sessionStorage.getItem(storageKey);
}

export function rememberKey(key) {
  sessionStorage.setItem(storageKey, key);
}

export function forgetKey() {
  sessionStorage.removeItem(storageKey);
}

/** One unary AccountService call; resolves with the response message as JSON. */
export async function call(method, body = {}) {
  const key = apiKey();
  if (!key) throw new LoginRequired("sign in with an API key");
  const response = await fetch(`/dashboard/api/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (response.status === 401 || payload.code === "unauthenticated") throw new LoginRequired(payload.message || "invalid API key");
  if (!response.ok) throw new Error(`${method}: ${payload.code ?? response.status}: ${payload.message ?? "request failed"}`);
  return payload;
}
