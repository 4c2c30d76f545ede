// A tiny render helper: h('a', {href: '#/x', class: 'link'}, 'text', child) builds DOM nodes.
// Text is always set as text (never innerHTML), so API strings cannot inject markup.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (ev: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'rect', 'path', 'text', 'title', 'desc', 'line', 'circle', 'a', 'tspan']);

function append(el: Element, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
    return;
  }
  el.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      el.addEventListener(k.replace(/^on/, '').toLowerCase(), v as EventListener);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
}

/** An HTML element. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs?: Attrs | null, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element (svg, g, rect, path, text, title, a, ...). */
export function s(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  if (!SVG_TAGS.has(tag)) throw new Error(`not an SVG tag used here: ${tag}`);
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces everything inside el with the children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let uid = 0;
/** A unique id for label/for and aria-describedby pairs. */
export function nextId(prefix = 'id'): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A table that scrolls sideways on a phone; the scroll region is focusable and named. */
export function tableWrap(label: string, table: HTMLTableElement): HTMLElement {
  if (!table.querySelector('caption')) {
    table.prepend(h('caption', { class: 'visually-hidden' }, label));
  }
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

export interface Column<T> {
  head: string;
  cell: (row: T) => Child;
  num?: boolean; // right-aligned figures
  key?: string; // sort key sent to the API (sortable headers)
}

/** A simple table from rows and columns. */
export function table<T>(columns: Column<T>[], rows: T[], caption?: string): HTMLTableElement {
  return h('table', { class: 'data' },
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.head)))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(r)))))));
}

/** A <dl> of label/value pairs. */
export function facts(pairs: [string, Child][]): HTMLDListElement {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}
