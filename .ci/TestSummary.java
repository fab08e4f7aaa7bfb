import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The test runner's results summed over every module: java .ci/TestSummary.java ROOT [SINCE_FILE].
 * Reads surefire's and failsafe's TEST-*.xml (only those newer than SINCE_FILE, so an earlier run's
 * reports are not counted), prints the totals and each failed test with the first line of its
 * message, and where each test's own output is.
 */
class TestSummary {
  static final int SHOWN = 40;

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long since = args.length > 1 ? Files.getLastModifiedTime(Path.of(args[1])).toMillis() : 0;
    int run = 0, failures = 0, errors = 0, skipped = 0;
    List<String> failed = new ArrayList<>();
    for (Path xml : reports(root, since)) {
      Element suite =
          DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
      run += num(suite, "tests");
      failures += num(suite, "failures");
      errors += num(suite, "errors");
      skipped += num(suite, "skipped");
      var cases = suite.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e && (e.getTagName().equals("failure") || e.getTagName().equals("error"))) {
            String module = root.relativize(xml.getParent().getParent().getParent()).toString();
            String name = c.getAttribute("name");
            failed.add(module + " " + c.getAttribute("classname") + (name.isEmpty() ? "" : "." + name)
                + ": " + firstLine(e));
          }
        }
      }
    }
    System.out.printf("tests run: %d, failures: %d, errors: %d, skipped: %d%n", run, failures, errors, skipped);
    for (int i = 0; i < failed.size() && i < SHOWN; i++) {
      System.out.println("  FAILED " + failed.get(i));
    }
    if (failed.size() > SHOWN) {
      System.out.println("  ... and " + (failed.size() - SHOWN) + " more");
    }
    System.out.println("each test's output: MODULE/target/{surefire,failsafe}-reports/CLASS-output.txt");
  }

  static List<Path> reports(Path root, long since) throws IOException {
    try (Stream<Path> s = Files.find(root, 6, (p, a) -> {
      String name = p.getFileName().toString();
      String dir = p.getParent() == null ? "" : p.getParent().getFileName().toString();
      return name.startsWith("TEST-") && name.endsWith(".xml")
          && (dir.equals("surefire-reports") || dir.equals("failsafe-reports"))
          && a.lastModifiedTime().toMillis() >= since
          && !p.toString().contains(File.separator + ".git" + File.separator);
    })) {
      return s.sorted().toList();
    }
  }

  static int num(Element e, String attr) {
    String v = e.getAttribute(attr);
    return v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  static String firstLine(Element e) {
    String m = e.getAttribute("message");
    if (m.isBlank()) {
      m = e.getAttribute("type");
    }
    m = m.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
