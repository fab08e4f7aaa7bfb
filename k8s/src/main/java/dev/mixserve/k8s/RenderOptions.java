package dev.mixserve.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@code mixserve render k8s} is asked for besides the config.
 *
 * @param namespace where the head, the workers and their Services live
 * @param image the mixserve image every pod runs
 * @param dra one {@code resource.k8s.io/v1} ResourceClaim per GPU instead of the device plugins'
 *     extended resources
 */
public record RenderOptions(String namespace, String image, boolean dra) {
  public static final String DEFAULT_NAMESPACE = "mixserve";

  public RenderOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(image, "image");
    Names.requireDnsLabel(namespace, "namespace");
  }

  /** The image that {@code mvn -Pimage package} builds, named in the build (mixserve.image). */
  public static String defaultImage() {
    try (InputStream in = RenderOptions.class.getResourceAsStream("image.properties")) {
      var p = new Properties();
      p.load(in);
      return p.getProperty("image");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
