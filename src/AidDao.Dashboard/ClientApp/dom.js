// Small DOM helpers. Text always goes in as text nodes (never innerHTML), so data from the chain or the server
// cannot inject markup.

/**
 * Creates an element.
 * props: class, testid (data-testid), dataset {..}, text, value, on<event> handlers, booleans (true → attribute,
 * false/null → omitted), anything else → attribute.
 * children: nodes, strings (become text nodes), arrays, null/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  let value;
  if (props) {
    for (const [key, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (key === 'class') el.className = v;
      else if (key === 'testid') el.setAttribute('data-testid', v);
      else if (key === 'dataset') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
      else if (key === 'text') el.textContent = String(v);
      else if (key === 'value') value = v;
      else if (key.startsWith('on') && typeof v === 'function') el.addEventListener(key.slice(2), v);
      else el.setAttribute(key, v === true ? '' : String(v));
    }
  }
  append(el, children);
  if (value !== undefined) el.value = String(value);
  return el;
}

/** Appends children (nodes, strings, nested arrays; null/false skipped). */
export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Sets the text of `el` only when it changed (keeps screen readers and selection calm). */
export function setText(el, text) {
  const t = String(text ?? '');
  if (el.textContent !== t) el.textContent = t;
}

/** Shows or hides `el` with the hidden attribute. */
export function show(el, visible) {
  el.hidden = !visible;
}

/** A labelled form field: <label>text <input …></label> with an optional hint line. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control,
    hint ? h('span', { class: 'field-hint' }, hint) : null);
}

/** A <select> with options [{ value, label }]; keeps `selected` when it is still offered. */
export function fillSelect(select, options, selected) {
  const keep = selected ?? select.value;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (options.some((o) => String(o.value) === String(keep))) select.value = String(keep);
  return select;
}
