package dev.mixserve.gateway;

import java.util.regex.Pattern;

/** Reads values out of a Prometheus text scrape. */
public final class MetricsText {
  record Hist(double sum, double count) {}

  private MetricsText() {}

  static Hist histogram(String scrape, String name, String deployment) {
    return new Hist(
        value(scrape, name + "_sum{deployment=\"" + deployment + "\"}"),
        value(scrape, name + "_count{deployment=\"" + deployment + "\"}"));
  }

  static double value(String scrape, String series) {
    var m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
