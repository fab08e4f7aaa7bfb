package dev.mixserve.audio;

/**
 * Turns 16-bit mono samples into one output format's bytes, piece by piece as they are made, so the
 * first audio can leave before the last is spoken. Codecs work in frames: a call may return nothing
 * yet, and {@link #finish} returns what was held back.
 */
public interface SpeechEncoder extends AutoCloseable {
  /** Bytes that these samples complete; possibly none. */
  byte[] encode(short[] samples);

  /** The rest of the file. */
  byte[] finish();

  /** Releases native state; safe after {@link #finish} and after a failure. */
  @Override
  default void close() {}
}
