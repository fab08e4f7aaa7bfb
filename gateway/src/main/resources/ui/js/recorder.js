// The microphone as the browser records it: MediaRecorder's webm/opus (Ogg/Opus or MP4 where that
// is what the browser makes). The server tells the format by its bytes and decodes it (FFmpeg), so
// the page neither resamples nor builds a WAV, and the upload is a tenth of the size. A browser
// that cannot record audio this way gets the PCM path (wav.js), as before.
import { record as recordWav } from './wav.js';

const TYPES = [
  ['audio/webm;codecs=opus', 'webm'],
  ['audio/ogg;codecs=opus', 'ogg'],
  ['audio/mp4', 'm4a'],
];

/** Starts recording; onSeconds hears how long so far; stop() resolves to {blob, name, type}. */
export async function record(onSeconds = () => {}) {
  const found = globalThis.MediaRecorder && TYPES.find(([t]) => MediaRecorder.isTypeSupported(t));
  if (!found) {
    const pcm = await recordWav(onSeconds);
    return { async stop() { return { blob: await pcm.stop(), name: 'recording.wav', type: 'audio/wav' }; } };
  }
  const [type, ext] = found;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks = [];
  const t0 = performance.now();
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
    onSeconds((performance.now() - t0) / 1000);
  };
  recorder.start(250); // a chunk each 250 ms: the page shows the time recorded as it grows
  return {
    stop() {
      return new Promise((resolve, reject) => {
        recorder.onstop = () => {
          stream.getTracks().forEach((t) => t.stop());
          resolve({ blob: new Blob(chunks, { type }), name: `recording.${ext}`, type });
        };
        recorder.onerror = (e) => reject(e.error || new Error('recording failed'));
        recorder.stop();
      });
    },
  };
}
