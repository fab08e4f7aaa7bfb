package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium, driven by its chromedriver: one per test JVM (starting one costs a
 * second or two). Every host but loopback fails to resolve, so a page that reaches outside the
 * server logs an error, and the microphone is a WAV file played in a loop.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "ui-screenshots");

  private static ChromeDriver driver;

  private Browser() {}

  /** The browser, started on first use with {@code microphone} as its fake audio capture. */
  static synchronized ChromeDriver get(Path microphone) {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Debian packages chromium and chromium-driver are not installed (.ci/deps installs them)");
    if (driver == null) {
      driver = start(microphone);
      Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
    }
    return driver;
  }

  static ChromeDriver start(Path microphone) {
    try {
      Path profile = Files.createTempDirectory("mixserve-chromium");
      var options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage",
          "--window-size=1200,900",
          "--user-data-dir=" + profile,
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
          "--autoplay-policy=no-user-gesture-required",
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream");
      if (microphone != null) {
        options.addArguments("--use-file-for-fake-audio-capture=" + microphone.toAbsolutePath());
      }
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      var service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(DRIVER.toString()))
              .usingAnyFreePort()
              .build();
      var d = new ChromeDriver(service, options);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console's errors since the last call (warnings and the like are left out). */
  static List<String> consoleErrors(ChromeDriver d) {
    return d.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Every URL the page loaded (documents, scripts, styles, fetches, event streams). */
  @SuppressWarnings("unchecked")
  static List<String> requests(ChromeDriver d) {
    return (List<String>)
        d.executeScript(
            "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]");
  }

  static void assertOnlyServer(ChromeDriver d, String base) {
    assertThat(requests(d)).allSatisfy(u -> assertThat(u).startsWith(base + "/"));
  }

  static void screenshot(ChromeDriver d, String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WebElement find(ChromeDriver d, String css) {
    return d.findElement(By.cssSelector(css));
  }
}
