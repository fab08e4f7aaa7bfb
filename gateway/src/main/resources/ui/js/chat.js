// Chat: a streamed answer read chunk by chunk from the SSE body; Stop aborts the request, and the
// server, seeing its client go, ends the generation and frees the slot.
import { $ } from './common.js';
import { route, fail } from './panel.js';

/** Calls onEvent with each parsed data line of an SSE body until [DONE] or the end. */
async function sse(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') return;
        onEvent(JSON.parse(data));
      }
    }
  }
}

export function chat() {
  const send = $('#chat-send');
  const stop = $('#chat-stop');
  const out = $('#chat-out');
  const stats = $('#chat-stats');
  let abort = null;

  stop.addEventListener('click', () => abort?.abort());
  send.addEventListener('click', async () => {
    const messages = [];
    if ($('#chat-system').value.trim()) messages.push({ role: 'system', content: $('#chat-system').value });
    messages.push({ role: 'user', content: $('#chat-msg').value });
    abort = new AbortController();
    send.disabled = true;
    stop.disabled = false;
    out.textContent = '';
    out.dataset.state = 'streaming';
    stats.textContent = 'waiting for the first token…';
    const start = performance.now();
    let first = 0;
    let pieces = 0;
    let usage = null;
    const show = () => {
      const secs = (performance.now() - (first || start)) / 1000;
      const tokens = usage?.completion_tokens ?? pieces;
      stats.textContent = `${tokens} tokens · ${secs > 0 ? (tokens / secs).toFixed(1) : '–'} tokens/s`
        + ` · first token after ${first ? Math.round(first - start) : '–'} ms`;
    };
    try {
      const res = await fetch(`${route('chat-model')}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        signal: abort.signal,
        body: JSON.stringify({
          messages, stream: true, stream_options: { include_usage: true },
          temperature: Number($('#chat-temp').value), max_tokens: Number($('#chat-max').value),
        }),
      });
      if (!res.ok) throw new Error((await res.json().catch(() => ({})))?.error?.message ?? res.statusText);
      await sse(res.body, (chunk) => {
        if (chunk.usage) usage = chunk.usage;
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) {
          if (!first) first = performance.now();
          pieces++;
          out.append(text);
          show();
        }
      });
      out.dataset.state = 'done';
      show();
    } catch (e) {
      if (e.name === 'AbortError') {
        out.dataset.state = 'stopped';
        out.append(' [stopped]');
      } else {
        out.dataset.state = 'failed';
        fail(out, e);
      }
    } finally {
      send.disabled = false;
      stop.disabled = true;
      abort = null;
    }
  });
}
