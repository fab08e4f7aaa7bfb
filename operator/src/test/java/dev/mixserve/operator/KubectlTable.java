package dev.mixserve.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code kubectl get ms} as kubectl prints it from the CRD's printer columns: NAME, then each
 * column's JSON path evaluated on the resource, in tab-aligned columns three spaces apart. Knows
 * the two path forms the CRD uses: {@code .a.b} and {@code .status.a[?(@.k=="v")].b}.
 */
final class KubectlTable {
  private static final Pattern FILTER =
      Pattern.compile("\\.status\\.(\\w+)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\]\\.(\\w+)");

  private KubectlTable() {}

  static String print(List<? extends HasMetadata> resources, Instant now) {
    List<CustomResourceColumnDefinition> columns =
        OperatorManifests.crd().getSpec().getVersions().getFirst().getAdditionalPrinterColumns();
    var rows = new ArrayList<List<String>>();
    var header = new ArrayList<String>(List.of("NAME"));
    columns.forEach(c -> header.add(c.getName().toUpperCase(Locale.ROOT)));
    rows.add(header);
    var json = new KubernetesSerialization();
    for (HasMetadata r : resources) {
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = json.convertValue(r, Map.class);
      var row = new ArrayList<String>(List.of(r.getMetadata().getName()));
      for (var c : columns) {
        Object v = eval(tree, c.getJsonPath());
        row.add(
            v == null ? "" : c.getType().equals("date") ? age(v.toString(), now) : v.toString());
      }
      rows.add(row);
    }
    return align(rows);
  }

  private static Object eval(Map<String, Object> tree, String path) {
    var m = FILTER.matcher(path);
    if (m.matches()) {
      Object list = tree.get("status") instanceof Map<?, ?> s ? s.get(m.group(1)) : null;
      if (!(list instanceof List<?> items)) {
        return null;
      }
      return items.stream()
          .filter(i -> i instanceof Map<?, ?> e && m.group(3).equals(e.get(m.group(2))))
          .map(i -> ((Map<?, ?>) i).get(m.group(4)))
          .findFirst()
          .orElse(null);
    }
    Object at = tree;
    for (String key : path.substring(1).split("\\.")) {
      at = at instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return at;
  }

  /** kubectl's short ages: seconds under two minutes, then minutes. */
  private static String age(String timestamp, Instant now) {
    long s = Duration.between(Instant.parse(timestamp), now).toSeconds();
    return s < 120 ? Math.max(s, 0) + "s" : s / 60 + "m";
  }

  private static String align(List<List<String>> rows) {
    int n = rows.getFirst().size();
    int[] width = new int[n];
    rows.forEach(
        r -> {
          for (int i = 0; i < n; i++) {
            width[i] = Math.max(width[i], r.get(i).length());
          }
        });
    var sb = new StringBuilder();
    for (var r : rows) {
      for (int i = 0; i < n; i++) {
        sb.append(i == n - 1 ? r.get(i) : String.format("%-" + (width[i] + 3) + "s", r.get(i)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
