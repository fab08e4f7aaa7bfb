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
const H = 70;

function line(points, field, t0, span, cls) {
  const values = points.map((p) => p[field]).filter((v) => v !== null && v !== undefined);
  const max = Math.max(...values, 1e-9);
  const d = points.filter((p) => p[field] !== null && p[field] !== undefined)
    .map((p, i) => `${i ? 'L' : 'M'}${(((p.t - t0) / span) * W).toFixed(1)},${(H - 4 - (p[field] / max) * (H - 10)).toFixed(1)}`)
    .join(' ');
  return { path: d ? el('svg:path', { class: cls, d }) : null, max: values.length ? Math.max(...values) : null };
}

export function chart(name, task, points) {
  const m = TASK_MEASURE[task];
  const t1 = points.length ? points[points.length - 1].t : Date.now();
  const t0 = points.length ? points[0].t : t1 - 1000;
  const span = Math.max(t1 - t0, 1000);
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
