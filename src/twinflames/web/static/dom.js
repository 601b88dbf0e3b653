// DOM helpers every tab shares: element lookup, buttons, lists and table header rows.
export const $ = (id) => document.getElementById(id);

export function button(text, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

export function fillList(el, lines) {
  el.replaceChildren(...lines.map((s) => {
    const li = document.createElement("li");
    li.textContent = s;
    return li;
  }));
}

export function headerRow(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c;
    tr.append(th);
  }
  return tr;
}
