package dev.mixserve.gateway.audio;

import dev.mixserve.audio.SpeechEncoder;
import dev.mixserve.audio.SpeechFormat;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.protocol.openai.SpeechEvents;
import dev.mixserve.protocol.openai.SpeechRequest;
import io.helidon.http.HeaderNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a speech answer, opened at the first flush: until then the request may still fail
 * with a JSON error. The encoder is made then too, so that when the engine had already finished
 * (all its audio arrived in the first flush) a WAV header can carry the real sizes.
 */
final class SpeechStream implements AudioPump.Out {
  private final Call call;
  private final AudioMetrics audio;
  private final SpeechRequest req;
  private final int rate;
  private final long start;
  private final String deployment;
  private final List<short[]> held = new ArrayList<>();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private SpeechEncoder encoder;
  private OutputStream out;
  private long samples;

  SpeechStream(
      Call call, AudioMetrics audio, SpeechRequest req, int rate, long start, String deployment) {
    this.call = call;
    this.audio = audio;
    this.req = req;
    this.rate = rate;
    this.start = start;
    this.deployment = deployment;
  }

  long samples() {
    return samples;
  }

  @Override
  public void send(short[] chunk) {
    held.add(chunk);
    samples += chunk.length;
  }

  /** Encodes what the last {@link #send} calls gathered and writes it in one go. */
  @Override
  public void flush(boolean last) {
    if (out == null) {
      open(last ? samples : -1);
    }
    for (short[] chunk : held) {
      emit(encoder.encode(chunk));
    }
    held.clear();
    try {
      pending.writeTo(out);
      pending.reset();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void open(long totalSamples) {
    var format = SpeechFormat.of(req.format());
    encoder = format.encoder(rate, totalSamples);
    var res = call.response();
    res.status(200);
    res.header(HeaderNames.create("X-Sample-Rate"), Integer.toString(format.outputRate(rate)));
    res.header(HeaderNames.CONTENT_TYPE, req.sse() ? "text/event-stream" : format.contentType());
    out = res.outputStream();
    audio.firstAudio(deployment, System.nanoTime() - start);
  }

  private void emit(byte[] bytes) {
    if (bytes.length > 0) {
      pending.writeBytes(req.sse() ? SpeechEvents.delta(bytes) : bytes);
    }
  }

  /** Ends a response that already started; the client sees a cut-off body. */
  void abort() {
    if (encoder != null) {
      encoder.close();
    }
    if (out != null) {
      try {
        out.close();
      } catch (IOException | RuntimeException e) {
        // the client is gone (Helidon says so unchecked) or the stream broke; the error that
        // brought us here is the one the gateway reports
      }
    }
  }

  void finish() {
    if (out == null) {
      flush(true); // nothing was spoken: still a valid, empty answer
    }
    try {
      emit(encoder.finish());
    } finally {
      encoder.close();
    }
    if (req.sse()) {
      pending.writeBytes(SpeechEvents.done(req.input()));
    }
    try {
      pending.writeTo(out);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
