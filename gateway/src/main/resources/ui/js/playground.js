// The Playground: fills each panel's deployment list from GET /v1/models, then wires the panels.
import { el, header, json } from './common.js';
import { chat } from './chat.js';
import { embeddings, rerank } from './embed.js';
import { speech, transcription, voiceChat } from './audio.js';

header();

async function models() {
  try {
    const list = (await json('/v1/models')).data;
    for (const select of document.querySelectorAll('select[data-task]')) {
      const mine = list.filter((m) => m.task === select.dataset.task);
      select.replaceChildren(...mine.map((m) =>
        el('option', { value: m.route }, `${m.id} (${m.route})${m.ready ? '' : ' — ' + m.status}`)));
      if (!mine.length) select.append(el('option', { value: '' }, 'none on this server'));
    }
  } catch (e) {
    document.querySelectorAll('select[data-task]').forEach((s) =>
      s.replaceChildren(el('option', { value: '' }, `cannot list models: ${e.message}`)));
  }
}

await models();
chat();
embeddings();
rerank();
speech();
transcription();
voiceChat();
document.body.dataset.ready = 'yes';
