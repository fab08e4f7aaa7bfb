// Embeddings (a few texts → their cosine similarity matrix) and rerank (query + documents →
// ranked, with scores), each one request to the deployment's public route.
import { $, el, json } from './common.js';
import { route, action } from './panel.js';

const lines = (id) => $(id).value.split('\n').map((s) => s.trim()).filter(Boolean);
const post = (url, body) => json(url, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

function cosine(a, b) {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb || 1);
}

function matrix(texts, vectors) {
  const short = (t) => (t.length > 24 ? t.slice(0, 22) + '…' : t);
  const cell = (v) => {
    const td = el('td', { 'data-sim': v.toFixed(3) }, v.toFixed(2));
    td.style.background = `hsl(215 70% ${Math.round(85 - Math.max(0, v) * 50)}%)`;
    return td;
  };
  return el('table', { class: 'matrix' },
    el('caption', { class: 'sr-only' }, 'cosine similarity of each pair of texts'),
    el('thead', {}, el('tr', {}, el('td', {}), texts.map((t, i) => el('th', { scope: 'col', title: t }, `${i + 1}`)))),
    el('tbody', {}, vectors.map((v, i) => el('tr', {},
      el('th', { scope: 'row', title: texts[i] }, `${i + 1} · ${short(texts[i])}`),
      vectors.map((w) => cell(cosine(v, w)))))));
}

export function embeddings() {
  const out = $('#emb-out');
  action($('#emb-go'), out, async () => {
    const texts = lines('#emb-texts');
    const start = performance.now();
    const res = await post(`${route('emb-model')}/v1/embeddings`, { input: texts });
    const vectors = res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding);
    out.replaceChildren(matrix(texts, vectors));
    $('#emb-stats').textContent = `${vectors.length} vectors of ${vectors[0]?.length ?? 0} dimensions in ${Math.round(performance.now() - start)} ms`;
  });
}

export function rerank() {
  const out = $('#rr-out');
  action($('#rr-go'), out, async () => {
    const documents = lines('#rr-docs');
    const start = performance.now();
    const res = await post(`${route('rr-model')}/v1/rerank`, { query: $('#rr-query').value, documents });
    const max = Math.max(...res.results.map((r) => Math.abs(r.relevance_score)), 1e-9);
    out.replaceChildren(...res.results.map((r) => {
      const bar = el('span', { class: 'score', 'aria-hidden': 'true' });
      bar.style.width = `${Math.round((Math.abs(r.relevance_score) / max) * 80)}px`;
      return el('li', { 'data-index': r.index }, bar, `${r.relevance_score.toFixed(3)} — ${documents[r.index]}`);
    }));
    $('#rr-stats').textContent = `ranked ${documents.length} documents in ${Math.round(performance.now() - start)} ms`;
  });
}
