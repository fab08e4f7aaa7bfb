// Shared by every page: the header, small DOM and SVG builders, number formats, the status stream.

export const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes (on* become listeners) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = tag.startsWith('svg:')
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c);
  }
  return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);

const PAGES = [
  ['./', 'Cluster'],
  ['deployments.html', 'Deployments'],
  ['config.html', 'Config'],
  ['playground.html', 'Playground'],
];

/** The header with the page links; the current one is marked for screen readers too. */
export function header() {
  const here = location.pathname.split('/').pop() || './';
  const nav = el('nav', { 'aria-label': 'Pages' },
    PAGES.map(([href, name]) =>
      el('a', { href, 'aria-current': href === here || (here === 'index.html' && href === './') ? 'page' : null }, name)));
  const live = el('span', { id: 'conn', class: 'conn', role: 'status' }, '');
  document.body.prepend(el('header', {},
    el('a', { class: 'brand', href: './' },
      el('img', { src: 'favicon.svg', alt: 'mixserve logo', width: 20, height: 20 }), ' mixserve'),
    nav, live));
}

/** Tells, in the header, whether the status stream is live. */
export function connection(text, ok) {
  const c = $('#conn');
  if (c) {
    c.textContent = text;
    c.dataset.ok = ok ? 'yes' : 'no';
  }
}

/**
 * The server's status stream (/-/events): handlers per event name, JSON parsed. The browser's
 * EventSource reconnects by itself when the server restarts.
 */
export function events(handlers) {
  const es = new EventSource('/-/events');
  for (const [name, fn] of Object.entries(handlers)) {
    es.addEventListener(name, (e) => fn(JSON.parse(e.data)));
  }
  es.addEventListener('open', () => connection('live', true));
  es.addEventListener('error', () => connection('reconnecting…', false));
  return es;
}

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n >= 100 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

/** A number for a table cell: "–" when nothing was observed. */
export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(digits);
}

export const share = (milli) => (milli / 1000).toFixed(milli % 10 === 0 ? 2 : 3);

const PALETTE = ['#1f6feb', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#0a7d8c', '#9a6700', '#bf3989', '#57606a', '#4d7c0f'];

/** A colour per deployment, distinct for the first ten in the order given. */
export function colours(names) {
  return Object.fromEntries(names.map((n, i) => [n, PALETTE[i % PALETTE.length]]));
}

/** JSON from the server, or an Error with the server's own message. */
export async function json(url, init) {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body?.error?.message ?? body?.error ?? `${res.status} ${res.statusText}`);
  return body;
}
