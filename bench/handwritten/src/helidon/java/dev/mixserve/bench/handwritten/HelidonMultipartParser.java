package dev.mixserve.bench.handwritten;

import io.helidon.common.GenericType;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.helidon.http.media.EntityReader;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.multipart.MultiPart;
import io.helidon.http.media.multipart.MultiPartSupport;
import io.helidon.http.media.multipart.ReadablePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Helidon's multipart reader (helidon-http-media-multipart) over a body in memory, read as the
 * gateway reads a form: every part's name, filename and bytes. Compiled only by
 * scripts/helidon-multipart.sh, which puts the library beside it.
 */
public final class HelidonMultipartParser implements MultipartParser {
  private static final GenericType<MultiPart> TYPE = GenericType.create(MultiPart.class);
  private final MediaContext context =
      MediaContext.builder()
          .mediaSupportsDiscoverServices(false)
          .addMediaSupport(MultiPartSupport.create(Config.empty()))
          .build();

  @Override
  public long parse(byte[] body, String contentType) {
    WritableHeaders<?> headers = WritableHeaders.create();
    headers.set(HeaderNames.CONTENT_TYPE, contentType);
    EntityReader<MultiPart> reader = context.reader(TYPE, headers);
    MultiPart parts = reader.read(TYPE, new ByteArrayInputStream(body), headers);
    long sum = 0;
    while (parts.hasNext()) {
      ReadablePart p = parts.next();
      try {
        byte[] data = p.inputStream().readAllBytes();
        sum += data.length + p.name().length() + (p.fileName().isPresent() ? 1 : 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sum;
  }
}
