// The Deployments page: each deployment and its replicas, live from the status stream, with a
// chart of the last minutes (requests/s and the task's own measure).
import { $, el, header, events, num } from './common.js';
import { chart, TASK_MEASURE } from './chart.js';

header();
const history = new Map(); // deployment → [{t, rates}]
const KEEP_MS = 5 * 60 * 1000;

function remember(name, t, rates) {
  const points = history.get(name) ?? [];
  if (!points.length || points[points.length - 1].t < t) points.push({ t, ...rates });
  while (points.length && t - points[0].t > KEEP_MS) points.shift();
  history.set(name, points);
}

function metric(label, value, unit = '') {
  return el('div', {}, el('b', {}, value + (value === '–' ? '' : unit)), el('span', {}, label));
}

function replicas(d) {
  return el('table', {},
    el('caption', { class: 'sr-only' }, `replicas of ${d.name}`),
    el('thead', {}, el('tr', {}, ['replica', 'state', 'restarts', 'in flight', 'last error']
      .map((h, i) => el('th', { class: i === 2 || i === 3 ? 'n' : null, scope: 'col' }, h)))),
    el('tbody', {}, d.replicas.map((r) => el('tr', { 'data-replica': r.id },
      el('td', { title: r.endpoint ?? '' }, r.id),
      el('td', {}, el('span', { class: `badge ${r.state}` }, r.state)),
      el('td', { class: 'n' }, r.restarts),
      el('td', { class: 'n' }, r.in_flight),
      el('td', { class: 'err' }, r.last_error ?? '')))));
}

function card(d) {
  const m = TASK_MEASURE[d.task];
  return el('section', { class: 'card', 'data-deployment': d.name, 'aria-label': `deployment ${d.name}` },
    el('h2', {}, d.name, el('span', { class: 'sub' }, `${d.route} · ${d.task} · ${d.engine}`)),
    el('div', {}, el('span', { class: `badge ${d.state}`, 'data-state': d.state, title: d.state_text }, d.state_text)),
    el('div', { class: 'kv' },
      metric('in flight', d.in_flight), metric('queued', d.queued),
      metric('requests/s', num(d.requests_per_s, 2)), metric('errors/s', num(d.errors_per_s, 2)),
      metric('p50', num(d.p50_ms), ' ms'), metric('p99', num(d.p99_ms), ' ms'),
      m ? metric(m.label, num(d[m.field], 2)) : metric('model', d.model || '–')),
    chart(d.name, d.task, history.get(d.name) ?? []),
    replicas(d));
}

events({
  hello: (h) => {
    for (const s of h.history) {
      for (const [name, rates] of Object.entries(s.deployments)) remember(name, s.t, rates);
    }
  },
  status: (s) => {
    for (const d of s.deployments) remember(d.name, s.t, d);
    const failed = s.deployments.filter((d) => d.state === 'failed' || d.state === 'failing').length;
    $('#summary').textContent = `${s.deployments.length} deployments, ${failed} failing · routes v${s.version}`
      + ` · updated ${new Date(s.t).toLocaleTimeString()}`;
    $('#deployments').replaceChildren(...s.deployments.map(card));
  },
});
