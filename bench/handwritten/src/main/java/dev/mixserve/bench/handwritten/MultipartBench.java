package dev.mixserve.bench.handwritten;

import dev.mixserve.gateway.http.HandwrittenAccess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Multipart: the gateway's parser (Multipart + ByteSearch) against Helidon's
 * helidon-http-media-multipart reader, both over a body in memory. Helidon's reader is loaded by
 * name: {@code bench/handwritten/scripts/helidon-multipart.sh} builds it and runs this piece.
 */
final class MultipartBench {
  static final String HELIDON = "dev.mixserve.bench.handwritten.HelidonMultipartParser";
  private static final String BCHARS =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";

  private MultipartBench() {}

  static void run(Measure m) throws Exception {
    MultipartParser ours = HandwrittenAccess::multipart;
    MultipartParser helidon = helidon();
    if (helidon == null) {
      System.out.println(
          "Helidon's multipart reader is not on the class path: run"
              + " bench/handwritten/scripts/helidon-multipart.sh (it is not served by every"
              + " registry, so it is built there). Ours alone:");
    }
    String b70 = boundary(70, 1);
    String b15k = boundary(15_000, 2);
    for (int mib : new int[] {2, 8}) {
      int size = mib << 20;
      row(
          m,
          "upload " + mib + " MiB, random bytes, b=70",
          ours,
          helidon,
          form(b70, random(size)),
          b70,
          size);
    }
    int size = 8 << 20;
    row(m, "8 MiB of CRLF pairs, b=70", ours, helidon, form(b70, repeat("\r\n", size)), b70, size);
    row(
        m,
        "8 MiB of near-delimiters, b=70",
        ours,
        helidon,
        form(b70, repeat("\r\n--" + b70.substring(0, 69) + "X", size)),
        b70,
        size);
    // RFC 2046 allows 70; ours refuses more from the Content-Type alone, before reading the body
    System.out.println();
    System.out.println("boundary of 15,000 characters (RFC 2046: at most 70):");
    byte[] hostile = form(b15k, repeat("\r\n--" + b15k.substring(0, 14_999) + "X", size));
    System.out.println("  ours:    " + outcome(ours, hostile, b15k));
    if (helidon != null) {
      System.out.println("  helidon: " + outcome(helidon, hostile, b15k));
      double[] t15k = Measure.run(() -> helidon.parse(hostile, type(b15k)), m.seconds * 3);
      byte[] plain = form(b15k, random(size));
      double[] r15k = Measure.run(() -> helidon.parse(plain, type(b15k)), m.seconds * 3);
      System.out.printf(
          "  helidon parses 8 MiB with it: near-delimiter lines %s (alloc %s), random bytes %s"
              + " (alloc %s)%n",
          Measure.time(t15k[0]),
          Measure.bytes(t15k[1]),
          Measure.time(r15k[0]),
          Measure.bytes(r15k[1]));
    }
    System.out.println();
    System.out.println("malformed bodies (b=70):");
    String dl = "--" + b70;
    malformed(
        "no closing delimiter (truncated upload)",
        ours,
        helidon,
        (dl
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF....")
            .getBytes(StandardCharsets.ISO_8859_1),
        b70);
    malformed(
        "no boundary line at all",
        ours,
        helidon,
        "this is not a multipart body\r\n".repeat(20).getBytes(StandardCharsets.ISO_8859_1),
        b70);
    malformed(
        "part without headers' end",
        ours,
        helidon,
        (dl + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + dl + "--\r\n")
            .getBytes(StandardCharsets.ISO_8859_1),
        b70);
    var many = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      many.append(dl).append("\r\nContent-Disposition: form-data; name=\"f").append(i);
      many.append("\"\r\n\r\nx\r\n");
    }
    many.append(dl).append("--\r\n");
    malformed(
        "1,001 parts", ours, helidon, many.toString().getBytes(StandardCharsets.ISO_8859_1), b70);
    malformed(
        "part headers of 2 KiB",
        ours,
        helidon,
        (dl
                + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: "
                + "p".repeat(2048)
                + "\r\n\r\nv\r\n"
                + dl
                + "--\r\n")
            .getBytes(StandardCharsets.ISO_8859_1),
        b70);
  }

  private static void row(
      Measure m,
      String what,
      MultipartParser ours,
      MultipartParser helidon,
      byte[] body,
      String boundary,
      long size) {
    String type = type(boundary);
    long a = ours.parse(body, type);
    if (helidon == null) {
      double[] one = Measure.run(() -> ours.parse(body, type), m.seconds * m.rounds);
      System.out.printf(
          "%-34s ours %s/op alloc %s/op%n", what, Measure.time(one[0]), Measure.bytes(one[1]));
      return;
    }
    long b = helidon.parse(body, type);
    if (a != b) {
      System.out.printf("  (checksums differ: ours %d, helidon %d)%n", a, b);
    }
    var pair =
        m.compare("ours", () -> ours.parse(body, type), "helidon", () -> helidon.parse(body, type));
    System.out.println(pair.row(what, size));
  }

  private static void malformed(
      String what, MultipartParser ours, MultipartParser helidon, byte[] body, String boundary) {
    System.out.printf("  %-40s ours: %s%n", what, outcome(ours, body, boundary));
    if (helidon != null) {
      System.out.printf("  %-40s helidon: %s%n", "", outcome(helidon, body, boundary));
    }
  }

  private static String outcome(MultipartParser p, byte[] body, String boundary) {
    long start = System.nanoTime();
    try {
      long sum = p.parse(body, type(boundary));
      return "accepted (checksum " + sum + ") in " + Measure.time(System.nanoTime() - start);
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName()
          + ": "
          + e.getMessage()
          + " ("
          + Measure.time(System.nanoTime() - start)
          + ")";
    }
  }

  static String type(String boundary) {
    return "multipart/form-data; boundary=\"" + boundary + "\"";
  }

  static String boundary(int length, long seed) {
    var r = new Random(seed);
    var b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(BCHARS.charAt(r.nextInt(BCHARS.length())));
    }
    return b.toString();
  }

  /** A transcription upload: two small fields and a file of {@code data}. */
  static byte[] form(String boundary, byte[] data) {
    var out = new ByteArrayOutputStream(data.length + 1024);
    String dl = "--" + boundary + "\r\n";
    out.writeBytes(
        (dl
                + "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + dl
                + "Content-Disposition: form-data; name=\"response_format\"\r\n\r\njson\r\n"
                + dl
                + "Content-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    return b;
  }

  static byte[] repeat(String unit, int size) {
    byte[] u = unit.getBytes(StandardCharsets.ISO_8859_1);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = u[i % u.length];
    }
    return b;
  }

  private static MultipartParser helidon() throws ReflectiveOperationException {
    try {
      return (MultipartParser) Class.forName(HELIDON).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      return null;
    }
  }
}
