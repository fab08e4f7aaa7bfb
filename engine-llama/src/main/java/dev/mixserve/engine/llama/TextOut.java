package dev.mixserve.engine.llama;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns token bytes into the text a client may see now.
 *
 * <p>A token can end inside a UTF-8 character, so bytes wait until their character is whole. Text
 * that could be the start of a stop sequence waits until it is clearly not one: a stop sequence is
 * never sent, not even in part, and what follows it is dropped.
 */
final class TextOut {
  private final List<String> stops;
  private final StringBuilder text = new StringBuilder();
  private byte[] pending = new byte[16];
  private int pendingLength;
  private int sent;
  private boolean stopped;

  TextOut(List<String> stops) {
    this.stops = stops;
  }

  /** Adds a token's bytes; returns the text that may be sent now, possibly empty. */
  String add(byte[] bytes, int length) {
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
    }
    System.arraycopy(bytes, 0, pending, pendingLength, length);
    pendingLength += length;
    int whole = wholeCharacters(pending, pendingLength);
    if (whole > 0) {
      text.append(new String(pending, 0, whole, StandardCharsets.UTF_8));
      System.arraycopy(pending, whole, pending, 0, pendingLength - whole);
      pendingLength -= whole;
    }
    return release(false);
  }

  /** The end: whatever was held back, as it is (a broken last character becomes U+FFFD). */
  String finish() {
    if (pendingLength > 0 && !stopped) {
      text.append(new String(pending, 0, pendingLength, StandardCharsets.UTF_8));
      pendingLength = 0;
    }
    return release(true);
  }

  /** Whether a stop sequence appeared; the text ends before it. */
  boolean stopped() {
    return stopped;
  }

  /** All text so far, without a stop sequence or what followed it. */
  String text() {
    return text.toString();
  }

  private String release(boolean end) {
    if (stopped) {
      return "";
    }
    int upTo = text.length();
    for (String stop : stops) {
      int at = text.indexOf(stop, Math.max(0, sent - stop.length() + 1));
      if (at >= 0 && at < upTo) {
        upTo = at;
        stopped = true;
      }
    }
    if (stopped) {
      text.setLength(upTo);
    } else if (!end) {
      upTo -= heldBack();
    }
    String out = text.substring(sent, upTo);
    sent = upTo;
    return out;
  }

  // The longest unsent tail of the text that some stop sequence begins with.
  private int heldBack() {
    int longest = 0;
    for (String stop : stops) {
      int max = Math.min(stop.length() - 1, text.length() - sent);
      for (int n = max; n > longest; n--) {
        if (endsWith(stop, n)) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }

  private boolean endsWith(String stop, int n) {
    int from = text.length() - n;
    for (int i = 0; i < n; i++) {
      if (text.charAt(from + i) != stop.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** How many leading bytes form whole UTF-8 characters. */
  static int wholeCharacters(byte[] b, int length) {
    int i = length - 1;
    int back = 0;
    while (i >= 0 && back < 4 && (b[i] & 0xC0) == 0x80) { // continuation bytes
      i--;
      back++;
    }
    if (i < 0) {
      return length; // only continuation bytes: not UTF-8 we can repair by waiting
    }
    int lead = b[i] & 0xFF;
    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return length - i >= need ? length : i;
  }
}
