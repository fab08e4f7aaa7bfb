// Speech (text → WAV, played), transcription (a file, or the microphone recorded in the page) and
// voice chat (hold to talk: the recording goes to /voice/v1/chat, the answer is played).
import { $, el, json } from './common.js';
import { route, fail, action } from './panel.js';
import { record } from './recorder.js';

const ms = (t0) => Math.round(performance.now() - t0);

async function voices() {
  const select = $('#tts-voice');
  const r = route('tts-model');
  if (!r) return;
  try {
    const list = await json(`${r}/v1/audio/voices`);
    const names = [...list.openai_voices, ...list.data.map((v) => v.id)];
    select.replaceChildren(...[...new Set(names)].map((n) => el('option', { value: n }, n)));
  } catch {
    // the default voice stays; speaking will say what is wrong
  }
}

function play(audio, blob, stats, prefix) {
  audio.src = URL.createObjectURL(blob);
  audio.dataset.state = 'loaded';
  audio.onended = () => { audio.dataset.state = 'ended'; };
  audio.onplaying = () => { audio.dataset.state = 'playing'; };
  audio.onloadedmetadata = () => { stats.textContent = `${prefix} · ${audio.duration.toFixed(2)} s of audio`; };
  return audio.play();
}

export function speech() {
  voices();
  $('#tts-model').addEventListener('change', voices);
  const stats = $('#tts-stats');
  action($('#tts-go'), stats, async () => {
    const t0 = performance.now();
    const res = await fetch(`${route('tts-model')}/v1/audio/speech`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: $('#tts-text').value, voice: $('#tts-voice').value, response_format: 'wav' }),
    });
    if (!res.ok) throw new Error((await res.json().catch(() => ({})))?.error?.message ?? res.statusText);
    const blob = await res.blob();
    await play($('#tts-audio'), blob, stats, `${blob.size} bytes in ${ms(t0)} ms`);
  });
}

async function transcribe(blob, name) {
  const form = new FormData();
  form.append('file', blob, name);
  form.append('response_format', 'json');
  const t0 = performance.now();
  const res = await json(`${route('stt-model')}/v1/audio/transcriptions`, { method: 'POST', body: form });
  const out = $('#stt-out');
  out.textContent = res.text;
  out.dataset.state = 'done';
  $('#stt-stats').textContent = `${blob.size} bytes transcribed in ${ms(t0)} ms`;
}

export function transcription() {
  const out = $('#stt-out');
  action($('#stt-go'), out, async () => {
    const file = $('#stt-file').files[0];
    if (!file) throw new Error('choose an audio file first');
    await transcribe(file, file.name);
  });
  const button = $('#stt-rec');
  let recording = null;
  button.addEventListener('click', async () => {
    try {
      if (!recording) {
        out.dataset.state = 'recording';
        out.textContent = 'recording…';
        recording = await record((s) => { out.textContent = `recording… ${s.toFixed(1)} s`; });
        button.setAttribute('aria-pressed', 'true');
        button.textContent = 'Stop recording';
      } else {
        const r = recording;
        recording = null;
        button.setAttribute('aria-pressed', 'false');
        button.textContent = 'Record';
        out.textContent = 'transcribing…';
        const { blob, name, type } = await r.stop();
        out.dataset.recorded = type;
        await transcribe(blob, name);
      }
    } catch (e) {
      recording = null;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Record';
      fail(out, e);
    }
  });
}

function base64Wav(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return new Blob([bytes], { type: 'audio/wav' });
}

export function voiceChat() {
  const talk = $('#vc-talk');
  const out = $('#vc-out');
  const stats = $('#vc-stats');
  let recording = null;
  const start = async () => {
    if (recording) return;
    recording = record((s) => { out.textContent = `listening… ${s.toFixed(1)} s`; });
    recording.catch(() => {}); // stop() reports it
    talk.setAttribute('aria-pressed', 'true');
    out.textContent = 'listening…';
    out.dataset.state = 'recording';
  };
  const stop = async () => {
    if (!recording) return;
    const pending = recording;
    recording = null;
    talk.setAttribute('aria-pressed', 'false');
    try {
      const { blob, name, type } = await (await pending).stop();
      out.dataset.recorded = type;
      out.textContent = 'thinking…';
      const form = new FormData();
      form.append('file', blob, name);
      const t0 = performance.now();
      const r = await json('/voice/v1/chat', { method: 'POST', body: form, headers: { Accept: 'application/json' } });
      out.replaceChildren(el('div', {}, el('b', {}, 'You: '), r.transcript), el('div', {}, el('b', {}, 'Answer: '), r.answer));
      out.dataset.state = 'done';
      const stages = Object.entries(r.timings_ms).map(([k, v]) => `${k} ${Math.round(v)} ms`).join(' · ');
      await play($('#vc-audio'), base64Wav(r.audio), stats, `${stages} · round trip ${ms(t0)} ms`);
    } catch (e) {
      fail(out, e);
    }
  };
  talk.addEventListener('pointerdown', start);
  talk.addEventListener('pointerup', stop);
  talk.addEventListener('pointerleave', stop);
  talk.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); start(); }
  });
  talk.addEventListener('keyup', (e) => {
    if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); stop(); }
  });
}
