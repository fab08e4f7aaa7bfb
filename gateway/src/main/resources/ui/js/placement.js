// The placement as the seed's diagram draws it: routes → deployments → node and GPU, in SVG.
import { el, share } from './common.js';

const ROW = 34;
const COLS = [8, 230, 470];
const W = [170, 190, 300];

function box(x, y, w, text, fill) {
  const g = el('svg:g', {});
  g.append(el('svg:rect', { class: 'box', x, y, width: w, height: ROW - 10, rx: 4 }));
  if (fill) g.append(el('svg:rect', { x, y, width: 5, height: ROW - 10, fill }));
  g.append(el('svg:text', { x: x + 10, y: y + 16 }, text));
  return g;
}

function link(x1, y1, x2, y2, label) {
  const mid = (x1 + x2) / 2;
  const g = el('svg:g', {});
  g.append(el('svg:path', { class: 'link', d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }));
  if (label) g.append(el('svg:text', { x: x1 + 6, y: y1 - 3 }, label));
  return g;
}

export function placement(c, colour) {
  const targets = [];
  for (const n of c.nodes ?? []) {
    for (const a of n.accelerators.filter((x) => x.vendor !== 'cpu')) targets.push({ key: `${n.name}/${a.index}`, text: `${n.name} · ${a.vendor} ${a.model}`, a, n });
    if (n.cpu_replicas.length) targets.push({ key: `${n.name}/cpu`, text: `${n.name} · CPU`, n });
  }
  const rows = Math.max(c.routes.length, targets.length, 1);
  const svg = el('svg:svg', {
    class: 'placement', viewBox: `0 0 780 ${rows * ROW + 4}`, width: '100%', role: 'img',
    'aria-label': 'Placement: ' + c.routes.map((r) => `${r.route} → ${r.deployment}`).join(', '),
  });
  const y = (i) => 4 + i * ROW;
  const at = {};
  targets.forEach((t, i) => { at[t.key] = i; svg.append(box(COLS[2], y(i), W[2], t.text)); });
  c.routes.forEach((r, i) => {
    svg.append(box(COLS[0], y(i), W[0], r.route));
    svg.append(box(COLS[1], y(i), W[1], `${r.deployment} (${r.task})`, colour(r.deployment)));
    svg.append(link(COLS[0] + W[0], y(i) + 12, COLS[1], y(i) + 12));
    for (const t of targets) {
      const shares = t.a ? t.a.shares.filter((s) => s.deployment === r.deployment)
        : t.n.cpu_replicas.filter((s) => s.deployment === r.deployment);
      if (shares.length) {
        const milli = shares.reduce((s, x) => s + x.milli_gpu, 0);
        svg.append(link(COLS[1] + W[1], y(i) + 12, COLS[2], y(at[t.key]) + 12, t.a ? share(milli) : null));
      }
    }
  });
  return svg;
}
