// The Cluster page: nodes and their GPUs, each GPU a bar of the shares placed on it, the
// placement drawn as routes → deployments → nodes, and what the scheduler refused and why.
// Where the server could measure it (its own machine's GPUs), a thin line under the shares shows
// the memory in use now, drawn in place as each status event comes.
import { $, el, header, events, bytes, share, colours } from './common.js';
import { placement } from './placement.js';

header();
let states = {};
let measured = {}; // "node/vendor/index" → {used_bytes, total_bytes}, known GPUs only
let colour = () => '#57606a';

function gpuTitle(a) {
  return `${a.vendor.toUpperCase()} ${a.model}`;
}

function gpu(node, a) {
  const used = a.shares.reduce((s, x) => s + x.milli_gpu, 0);
  const budget = a.shares.reduce((s, x) => s + x.memory_bytes, 0);
  const words = a.shares.map((s) => `${s.deployment} ${share(s.milli_gpu)}`).join(', ');
  const label = `${node.name} GPU ${a.index}: ${words || 'nothing placed'}; free ${share(1000 - used)}`;
  const bar = el('div', { class: 'bar', role: 'img', 'aria-label': label, 'data-label': label });
  for (const s of a.shares) {
    const seg = el('div', { class: 'seg', title: `${s.deployment}: ${share(s.milli_gpu)} GPU, ${bytes(s.memory_bytes)}` },
      s.milli_gpu >= 150 ? `${s.deployment} ${share(s.milli_gpu)}` : share(s.milli_gpu));
    seg.style.width = `${s.milli_gpu / 10}%`;
    seg.style.background = colour(s.deployment);
    bar.append(seg);
  }
  if (used < 1000) {
    const free = el('div', { class: 'seg free' }, used <= 850 ? `free ${share(1000 - used)}` : '');
    free.style.width = `${(1000 - used) / 10}%`;
    bar.append(free);
  }
  const list = el('ul', { class: 'shares' }, a.shares.map((s) => {
    const li = el('li', { 'data-deployment': s.deployment, 'data-node': node.name, 'data-milli': s.milli_gpu },
      `${s.deployment} (replica ${s.replica}): ${share(s.milli_gpu)} GPU, memory budget ${bytes(s.memory_bytes)}`,
      states[s.deployment] ? ` — ${states[s.deployment]}` : '');
    li.style.setProperty('--c', colour(s.deployment));
    return li;
  }));
  return el('div', {
    class: 'gpu', 'data-gpu': `${node.name}/${a.index}`,
    'data-key': `${node.name}/${a.vendor}/${a.index}`, 'data-memory': a.memory_bytes,
  },
    el('div', { class: 'what' },
      el('span', {}, el('b', {}, gpuTitle(a)), ` · ${a.arch} · GPU ${a.index}`),
      el('span', {}, `${bytes(a.memory_bytes)}${a.unified ? ' unified' : ''}`)),
    bar, list,
    el('div', { class: 'muted' }, `budgets ${bytes(budget)} of ${bytes(a.memory_bytes)}`,
      a.unified ? ' (unified: what the GPU may map of system RAM)' : '',
      el('span', { class: 'measured-text' })));
}

/** The measured use on each GPU's bar and under it; nothing where it is not known. */
function paintMeasured() {
  for (const g of document.querySelectorAll('.gpu[data-key]')) {
    const m = measured[g.dataset.key];
    const bar = g.querySelector('.bar');
    bar.querySelector('.measured')?.remove();
    g.dataset.used = m ? m.used_bytes : 'unknown';
    const total = m?.total_bytes || Number(g.dataset.memory);
    const text = m ? `measured ${bytes(m.used_bytes)} of ${bytes(total)} in use` : '';
    bar.setAttribute('aria-label', bar.dataset.label + (m ? `; ${text}` : ''));
    g.querySelector('.measured-text').textContent = m ? ` · ${text}` : '';
    if (m && total > 0) {
      const line = el('div', { class: 'measured', title: text, 'aria-label': text });
      line.style.width = `${Math.min(100, (100 * m.used_bytes) / total)}%`;
      bar.append(line);
    }
  }
}

/** Detection lists the processor among the accelerators; it holds no GPU share. */
const gpus = (n) => n.accelerators.filter((a) => a.vendor !== 'cpu');

function node(n) {
  const labels = Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).join(' ');
  const cpus = n.accelerators.filter((a) => a.vendor === 'cpu');
  const cpu = n.cpu_replicas.length
    ? el('p', { class: 'muted' }, 'On the CPU: ', n.cpu_replicas.map((r) => `${r.deployment} #${r.replica}`).join(', '))
    : null;
  return el('section', { class: 'card', 'data-node': n.name, 'aria-label': `node ${n.name}` },
    el('h2', {}, n.name, el('span', { class: 'sub' }, n.address || 'this machine')),
    labels ? el('div', { class: 'muted' }, labels) : null,
    gpus(n).length ? gpus(n).map((a) => gpu(n, a)) : el('p', { class: 'muted' }, 'no GPU'),
    cpus.map((a) => el('p', { class: 'muted' }, `CPU: ${a.model} · ${bytes(a.memory_bytes)} memory`)),
    cpu);
}

let last = null;

function render(c) {
  last = c;
  const palette = colours(c.routes.map((r) => r.deployment));
  colour = (name) => palette[name] ?? '#57606a';
  const nodes = c.nodes ?? [];
  const gpuCount = nodes.reduce((s, n) => s + gpus(n).length, 0);
  const placed = new Set(nodes.flatMap((n) => n.accelerators.flatMap((a) => a.shares.map((s) => s.deployment))
    .concat(n.cpu_replicas.map((r) => r.deployment))));
  $('#summary').textContent = `${nodes.length} nodes, ${gpuCount} GPUs, ${c.routes.length} deployments`
    + ` (${placed.size} placed, ${(c.refusals ?? []).length} replicas refused) · routes v${c.version}`;
  $('#nodes').replaceChildren(...nodes.map(node));
  $('#placement').replaceChildren(placement(c, colour));
  const refusals = c.refusals ?? [];
  $('#refusals-card').hidden = refusals.length === 0;
  $('#refusals').replaceChildren(...refusals.map((r) =>
    el('div', { class: 'refusal', 'data-refused': r.deployment },
      el('b', {}, `${r.deployment} #${r.replica}`), ` ${r.needs}`,
      el('ul', {}, r.reasons.map((x) => el('li', {}, x))))));
  const findings = c.findings ?? [];
  $('#findings-card').hidden = findings.length === 0;
  $('#findings').replaceChildren(...findings.map((f) => el('li', {}, f)));
  paintMeasured();
}

events({
  cluster: render,
  status: (s) => {
    const next = Object.fromEntries(s.deployments.map((d) => [d.name, d.state]));
    if (JSON.stringify(next) !== JSON.stringify(states)) {
      states = next;
      if (last) render(last);
    }
    measured = Object.fromEntries((s.gpus ?? []).filter((g) => g.used_bytes !== null)
      .map((g) => [`${g.node}/${g.vendor}/${g.index}`, g]));
    paintMeasured();
  },
});
