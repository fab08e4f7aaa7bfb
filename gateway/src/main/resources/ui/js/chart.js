// A small SVG chart of one deployment's last minutes: requests/s and its task's own measure.
import { el, num } from './common.js';

export const TASK_MEASURE = {
  chat: { field: 'tokens_per_s', label: 'tokens/s' },
  transcription: { field: 'real_time_factor', label: 'real-time factor' },
  speech: { field: 'real_time_factor', label: 'real-time factor' },
  embedding: { field: 'batch_mean', label: 'batch size' },
  rerank: { field: 'batch_mean', label: 'batch size' },
};

const W = 320;
const WINDOW_MS = 5 * 60 * 1000;
const MIN_WINDOW_MS = 60 * 1000;
const H = 70;

/** Points more than this apart are not joined: nobody watched, so nothing was measured. */
const GAP_MS = 5000;

function line(points, field, t0, span, cls) {
  const values = points.map((p) => p[field]).filter((v) => v !== null && v !== undefined);
  const max = Math.max(...values, 1e-9);
  let prev = null;
  const d = points.filter((p) => p[field] !== null && p[field] !== undefined)
    .map((p) => {
      const step = prev !== null && p.t - prev <= GAP_MS ? 'L' : 'M';
      prev = p.t;
      return `${step}${(((p.t - t0) / span) * W).toFixed(1)},${(H - 4 - (p[field] / max) * (H - 10)).toFixed(1)}`;
    })
    .join(' ');
  return { path: d ? el('svg:path', { class: cls, d }) : null, max: values.length ? Math.max(...values) : null };
}

export function chart(name, task, points) {
  const m = TASK_MEASURE[task];
  const t1 = points.length ? points[points.length - 1].t : Date.now();
  const kept = points.length ? t1 - points[0].t : 0;
  const span = Math.min(WINDOW_MS, Math.max(MIN_WINDOW_MS, kept));
  const t0 = t1 - span;
  const rps = line(points, 'requests_per_s', t0, span, 'rps');
  const own = m ? line(points, m.field, t0, span, 'task') : { path: null, max: null };
  const minutes = Math.max(1, Math.round(span / 60000));
  const label = `${name} over the last ${minutes} min: requests/s up to ${num(rps.max, 2)}`
    + (m ? `, ${m.label} up to ${num(own.max, 2)}` : '');
  const svg = el('svg:svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label },
    el('svg:line', { class: 'grid-line', x1: 0, x2: W, y1: H - 4, y2: H - 4 }),
    rps.path, own.path);
  return el('figure', { class: 'fig' }, svg,
    el('figcaption', { class: 'legend' },
      el('span', { class: 'rps' }, `— requests/s (max ${num(rps.max, 2)})`),
      m ? el('span', { class: 'task' }, `  - - ${m.label} (max ${num(own.max, 2)})`) : null));
}
