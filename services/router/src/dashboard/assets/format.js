// Formatting for people. Money arrives as int64 nano-USD strings and is formatted exactly with
// BigInt; charts get dollars as numbers (display only).

const nanoPerUsd = 1_000_000_000n;

export function usd(nanoText) {
  const nano = BigInt(nanoText ?? "0");
  const negative = nano < 0n;
  const magnitude = negative ? -nano : nano;
  const fraction = (magnitude % nanoPerUsd).toString().padStart(9, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}$${magnitude / nanoPerUsd}${fraction ? `.${fraction.slice(0, 6)}` : ""}`;
}

export function dollars(nanoText) {
  return Number(BigInt(nanoText ?? "0")) / 1e9;
}

export function percent(fraction) {
  return `${(fraction * 100).toFixed(1)}%`;
}

export function when(timestamp) {
  return timestamp ? new Date(timestamp).toISOString().replace("T", " ").slice(0, 19) : "";
}

/** Builds an element: el("td", { class: "number" }, "12"). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

/** A card with a title, appended to the page. */
export function card(page, title, { wide = false, id } = {}) {
  const section = el("section", { class: wide ? "card wide" : "card", ...(id ? { id } : {}) }, el("h2", {}, title));
  page.append(section);
  return section;
}

/** A table from header names and rows of cells; headers ending in "#" align right. */
export function table(headers, rows) {
  const head = el("tr", {}, ...headers.map((header) => el("th", header.endsWith("#") ? { class: "number" } : {}, header.replace(/#$/, ""))));
  const body = rows.map((cells) =>
    el(
      "tr",
      {},
      ...cells.map((cell, index) => {
        const attributes = headers[index]?.endsWith("#") ? { class: "number" } : {};
        return el("td", attributes, cell);
      }),
    ),
  );
  return el("table", {}, el("thead", {}, head), el("tbody", {}, ...body));
}
