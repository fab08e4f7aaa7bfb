// Recording in the page, where MediaRecorder cannot record audio (recorder.js prefers it):
// microphone → PCM (an AudioWorklet) → 16 kHz mono 16-bit WAV, which every engine here reads.

const RATE = 16000;

/** Starts recording; onSeconds hears how much is recorded; stop() resolves to a WAV Blob. */
export async function record(onSeconds = () => {}) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const ctx = new AudioContext();
  await ctx.audioWorklet.addModule(new URL('pcm-worklet.js', import.meta.url));
  const source = ctx.createMediaStreamSource(stream);
  const capture = new AudioWorkletNode(ctx, 'pcm-capture');
  const chunks = [];
  let samples = 0;
  capture.port.onmessage = (e) => {
    chunks.push(e.data);
    samples += e.data.length;
    if (chunks.length % 25 === 0) onSeconds(samples / ctx.sampleRate);
  };
  const silent = ctx.createGain();
  silent.gain.value = 0; // pulled by the destination, heard by nobody
  source.connect(capture).connect(silent).connect(ctx.destination);
  return {
    async stop() {
      stream.getTracks().forEach((t) => t.stop());
      const rate = ctx.sampleRate;
      await ctx.close();
      const all = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) { all.set(c, at); at += c.length; }
      return wav(await resample(all, rate), RATE);
    },
  };
}

/** The browser's own resampler (with its low-pass filter), offline. */
async function resample(samples, rate) {
  if (rate === RATE || samples.length === 0) return samples;
  const out = new OfflineAudioContext(1, Math.max(1, Math.ceil((samples.length * RATE) / rate)), RATE);
  const buffer = out.createBuffer(1, samples.length, rate);
  buffer.copyToChannel(samples, 0);
  const src = out.createBufferSource();
  src.buffer = buffer;
  src.connect(out.destination);
  src.start();
  return (await out.startRendering()).getChannelData(0);
}

export function wav(samples, rate) {
  const data = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at, s) => [...s].forEach((ch, i) => data.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); data.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); data.setUint32(16, 16, true); data.setUint16(20, 1, true); data.setUint16(22, 1, true);
  data.setUint32(24, rate, true); data.setUint32(28, rate * 2, true); data.setUint16(32, 2, true);
  data.setUint16(34, 16, true); text(36, 'data'); data.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => data.setInt16(44 + i * 2, Math.max(-1, Math.min(1, v)) * 0x7fff, true));
  return new Blob([data], { type: 'audio/wav' });
}
