package dev.mixserve.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Objects as one multi-document YAML stream, as {@code kubectl apply -f} takes it. fabric8 8
 * annotates its model for Jackson 3, so this Jackson 2 mapper writes the two value types the
 * objects use as the API server expects them, not as their bean fields ({@code amount: 1, format:
 * Gi}). Jackson 3 itself is not used: fabric8's needs jackson-annotations 2.22 and the build pins
 * 2.21 for everything else.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))
          .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
          .registerModule(
              new SimpleModule()
                  .addSerializer(IntOrString.class, new IntOrStringWriter())
                  .addSerializer(Quantity.class, new QuantityWriter()));

  private Yaml() {}

  public static String write(List<? extends HasMetadata> objects) {
    var sb = new StringBuilder();
    for (HasMetadata o : objects) {
      try {
        sb.append("---\n").append(MAPPER.writeValueAsString(o));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sb.toString();
  }

  /** 8000 or "http". */
  private static final class IntOrStringWriter extends StdSerializer<IntOrString> {
    IntOrStringWriter() {
      super(IntOrString.class);
    }

    @Override
    public void serialize(IntOrString v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v.getIntVal() != null) {
        g.writeNumber(v.getIntVal());
      } else {
        g.writeString(v.getStrVal());
      }
    }
  }

  /** "1Gi", "500m", "1": a string, as the API server writes quantities back. */
  private static final class QuantityWriter extends StdSerializer<Quantity> {
    QuantityWriter() {
      super(Quantity.class);
    }

    @Override
    public void serialize(Quantity v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(v.getAmount() + (v.getFormat() == null ? "" : v.getFormat()));
    }
  }
}
