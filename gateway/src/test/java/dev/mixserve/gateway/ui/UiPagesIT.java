package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Every page of the dashboard in a real browser: it loads with no console error and nothing asked
 * of any host but the server, every control is reached with the keyboard alone, every image has a
 * text alternative; a screenshot of each goes to target/ui-screenshots.
 */
class UiPagesIT {
  static final List<String> PAGES =
      List.of("", "deployments.html", "config.html", "playground.html");

  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    UiServer.get();
    browser = Browser.get(microphone());
  }

  /**
   * JFK's "ask not" clip as the microphone, written anew as a plain WAV under target: Chromium
   * plays silence for a path with ".." in it, and for a WAV with a LIST chunk before its data.
   */
  static synchronized Path microphone() {
    Path out = Path.of("target", "ui-it", "question.wav").toAbsolutePath();
    if (!Files.exists(out)) {
      Path jfk = TestModels.path("audio/jfk.wav");
      try (var in = AudioSystem.getAudioInputStream(jfk.toFile())) {
        Files.createDirectories(out.getParent());
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, out.toFile());
      } catch (IOException | UnsupportedAudioFileException e) {
        throw new IllegalStateException("cannot make the fake microphone's WAV from " + jfk, e);
      }
    }
    return out;
  }

  @Test
  void everyPageLoadsCleanFromTheServerAlone() {
    for (String page : PAGES) {
      open(page);
      if (page.equals("deployments.html")) {
        busy(); // so that its numbers and charts show something
      }
      Browser.screenshot(browser, page.isEmpty() ? "cluster" : page.replace(".html", ""));
      assertThat(Browser.consoleErrors(browser)).as(page).isEmpty();
      Browser.assertOnlyServer(browser, UiServer.base());
    }
  }

  /** A few seconds of requests to three deployments, until the page shows their rates. */
  private static void busy() {
    String chat =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Once\"}], \"max_tokens\": 32}";
    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < end) {
      post("/embeddings/v1/embeddings", "{\"input\": [\"a\", \"b\", \"c\"]}");
      post("/llm/v1/chat/completions", chat);
      post("/reranker/v1/rerank", "{\"query\": \"a\", \"documents\": [\"a\", \"b\"]}");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !"0.00"
                    .equals(
                        js(
                            "return document.querySelector('[data-deployment=llm] .kv b:nth-of-type(1)')"
                                + " && [...document.querySelectorAll('[data-deployment=llm] .kv div')]"
                                + ".find(d => d.textContent.endsWith('requests/s'))?.querySelector('b')"
                                + ".textContent")));
  }

  private static void post(String path, String json) {
    UiServer.send(
        HttpRequest.newBuilder(URI.create(UiServer.base() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  @Test
  void theKeyboardAloneReachesEveryControlAndImagesSayWhatTheyShow() {
    for (String page : PAGES) {
      open(page);
      var controls = controls();
      js(
          "window.reached = new Set(); document.addEventListener('focusin',"
              + " e => window.reached.add(e.target.dataset.kb))");
      var tabs = new Actions(browser);
      for (int i = 0; i < controls.size() + 5; i++) {
        tabs.sendKeys(Keys.TAB);
      }
      tabs.perform();
      @SuppressWarnings("unchecked")
      var reached = new HashSet<>((List<Object>) js("return [...window.reached]"));
      var missed = controls.stream().filter(c -> !reached.contains(c.getDomAttribute("data-kb")));
      assertThat(missed.map(WebElement::getTagName).toList()).as(page).isEmpty();
      assertThat(js("return [...document.images].filter(i => !i.alt).length")).isEqualTo(0L);
      assertThat(
              js(
                  "return [...document.querySelectorAll('svg')].filter(s => !s.closest('[aria-hidden]')"
                      + " && !(s.getAttribute('role') === 'img' && s.getAttribute('aria-label'))).length"))
          .as(page + ": svg without a text alternative")
          .isEqualTo(0L);
    }
  }

  @Test
  void aRefusedReloadShowsItsFileAndLineWhileTheOldConfigRuns() throws Exception {
    Path file = UiServer.file();
    String good = Files.readString(file);
    int line = (int) good.lines().takeWhile(l -> !l.contains("task: rerank")).count() + 1;
    try {
      Files.writeString(file, good.replace("task: rerank", "task: sing"));
      var reload =
          UiServer.send(
              HttpRequest.newBuilder(URI.create(UiServer.base() + "/-/reload"))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(reload.statusCode()).isEqualTo(400);
      open("config.html");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !browser.findElements(By.cssSelector("[data-where]")).isEmpty());
      assertThat(browser.findElement(By.cssSelector("[data-where]")).getText())
          .endsWith("mixserve.yaml:" + line);
      assertThat(browser.findElement(By.cssSelector("#reload")).getText()).contains("sing");
      Browser.screenshot(browser, "config-refused");
      assertThat(Browser.consoleErrors(browser)).isEmpty();
      assertThat(UiServer.get("/reranker/v1/models").statusCode()).isEqualTo(200);
    } finally {
      Files.writeString(file, good);
    }
  }

  /** The page's enabled, visible controls, each tagged so that focus can be told apart. */
  private List<WebElement> controls() {
    js(
        "document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')"
            + ".forEach((e, i) => e.dataset.kb = i)");
    return browser
        .findElements(By.cssSelector("a[href], button, input, select, textarea, [tabindex]"))
        .stream()
        .filter(e -> e.isDisplayed() && e.isEnabled())
        .toList();
  }

  static void open(String page) {
    Browser.consoleErrors(browser); // what earlier pages logged is theirs
    browser.get(UiServer.base() + "/ui/" + page);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !"Waiting for the server…".equals(summary()) && ready(page));
  }

  private static boolean ready(String page) {
    return switch (page) {
      case "playground.html" -> "yes".equals(js("return document.body.dataset.ready ?? ''"));
      case "config.html" -> !browser.findElements(By.cssSelector("#deps table")).isEmpty();
      default -> true;
    };
  }

  private static Object summary() {
    return js("return document.querySelector('#summary')?.textContent ?? ''");
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
