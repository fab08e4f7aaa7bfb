// The Config page: the running config (read-only), the last reload and, when a reload was
// refused, its error with the file and line the loader named.
import { $, el, header, json, share, bytes } from './common.js';

header();

/** "homelab.yaml:12: deployments[0].resources.gpu: ..." → where and what. */
function located(detail) {
  const m = /^(.+?):(\d+): (.*)$/s.exec(detail);
  return m ? { file: m[1], line: m[2], message: m[3] } : null;
}

function reload(title, r) {
  if (!r) return el('p', { class: 'muted' }, `${title}: none since the server started.`);
  const where = r.ok ? null : located(r.detail);
  return el('div', { 'data-reload': r.ok ? 'ok' : 'failed' },
    el('p', {}, el('b', {}, `${title}: `), el('span', { class: r.ok ? 'ok' : 'err' }, r.ok ? 'applied' : 'refused'),
      ` at ${new Date(r.at).toLocaleString()} from ${r.source}`),
    where
      ? el('p', { class: 'err' }, el('code', { 'data-where': `${where.file}:${where.line}` }, `${where.file}:${where.line}`), ` ${where.message}`)
      : el('p', { class: r.ok ? 'muted' : 'err' }, r.detail));
}

function deployments(config) {
  const rows = (config.deployments ?? []).map((d) => el('tr', {},
    el('td', {}, d.name), el('td', {}, d.route), el('td', {}, d.task),
    el('td', {}, `${d.engine.kind}${d.engine.model ? ' · ' + d.engine.model : ''}`),
    el('td', { class: 'n' }, d.resources?.milli_gpu ? share(d.resources.milli_gpu) : '–'),
    el('td', { class: 'n' }, d.resources?.memory_bytes ? bytes(d.resources.memory_bytes) : '–'),
    el('td', { class: 'n' }, d.autoscaling ? `${d.autoscaling.min}–${d.autoscaling.max}` : d.replicas)));
  return el('table', {},
    el('thead', {}, el('tr', {}, ['name', 'route', 'task', 'engine', 'GPU', 'memory', 'replicas']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

async function load() {
  try {
    const c = await json('/-/config');
    const failed = c.last_failed_reload;
    const earlier = failed && c.last_reload?.at !== failed.at;
    $('#reload').replaceChildren(...[
      el('p', { class: 'muted' }, `Routes version ${c.version}.`),
      reload('Last reload', c.last_reload),
      earlier ? reload('Last refused reload', failed) : null].filter(Boolean));
    $('#deps').replaceChildren(deployments(c.config));
    $('#raw').textContent = JSON.stringify(c.config, null, 2);
  } catch (e) {
    $('#reload').replaceChildren(el('p', { class: 'err' }, `Cannot read /-/config: ${e.message}`));
  }
}

load();
setInterval(load, 5000);
