import { apiKey, call, forgetKey, LoginRequired, rememberKey } from "./api.js";
import { renderBudgets } from "./pages/budgets.js";
import { renderModels } from "./pages/models.js";
import { renderRequests } from "./pages/requests.js";
import { renderSavings } from "./pages/savings.js";
import { renderSpend } from "./pages/spend.js";

const pages = { spend: renderSpend, savings: renderSavings, budgets: renderBudgets, requests: renderRequests, models: renderModels };

const byId = (id) => document.getElementById(id);

function showLogin(message = "") {
  byId("app").hidden = true;
  byId("login").hidden = false;
  byId("login-error").textContent = message;
  document.body.dataset.state = "login";
}

async function render() {
  const name = location.hash.slice(1) in pages ? location.hash.slice(1) : "spend";
  const page = byId("page");
  page.replaceChildren();
  document.body.dataset.state = "loading";
  for (const link of document.querySelectorAll("header nav a")) link.classList.toggle("active", link.getAttribute("href") === `#${name}`);
  try {
    await pages[name](page);
    document.body.dataset.state = "ready";
    document.body.dataset.page = name;
  } catch (error) {
    if (error instanceof LoginRequired) {
      forgetKey();
      return showLogin(error.message);
    }
    page.append(Object.assign(document.createElement("p"), { className: "error", textContent: error.message }));
    document.body.dataset.state = "error";
  }
}

async function start() {
  if (!apiKey()) return showLogin();
  try {
    // ListModels proves the key before any page draws.
    await call("ListModels", {});
  } catch (error) {
    forgetKey();
    return showLogin(error instanceof LoginRequired ? error.message : String(error.message));
  }
  byId("login").hidden = true;
  byId("app").hidden = false;
  await render();
}

byId("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  rememberKey(byId("api-key").value.trim());
  byId("api-key").value = "";
  void start();
});
byId("sign-out").addEventListener("click", () => {
  forgetKey();
  showLogin();
});
window.addEventListener("hashchange", () => void render());
void start();
