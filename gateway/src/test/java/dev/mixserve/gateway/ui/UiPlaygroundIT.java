package dev.mixserve.gateway.ui;

import static dev.mixserve.gateway.ui.UiPagesIT.js;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.core.runtime.DeploymentRuntime;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The playground in a real browser against the real server: chat streams into the page and Stop
 * frees the slot on the server; speech plays to its end; a question recorded from the (fake)
 * microphone gets a transcript, alone and through voice chat; embeddings and rerank answer.
 */
class UiPlaygroundIT {
  private static ChromeDriver browser;

  @BeforeAll
  static void open() {
    UiPagesIT.start();
    browser = UiPagesIT.browser;
    UiPagesIT.open("playground.html");
  }

  @AfterAll
  static void picture() {
    if (browser != null) {
      var size = browser.manage().window().getSize();
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1320));
      js("window.scrollTo(0, 0)");
      Browser.screenshot(browser, "playground-used");
      browser.manage().window().setSize(size);
    }
  }

  @Test
  void chatStreamsIntoThePageAndStopFreesTheSlot() {
    choose("#chat-model", "/llm");
    type("#chat-max", "48");
    type("#chat-msg", "Once upon a time");
    click("#chat-send");
    awaitState("#chat-out", "done");
    assertThat(text("#chat-out")).isNotBlank();
    assertThat(text("#chat-stats")).containsPattern("\\d+ tokens · [\\d.]+ tokens/s");

    DeploymentRuntime slow = runtime("slow-chat");
    choose("#chat-model", "/slow-chat");
    type("#chat-max", "4000");
    type("#chat-msg", "word @stream=3000 @pace=20ms"); // a minute of words
    click("#chat-send");
    await().atMost(Duration.ofSeconds(10)).until(() -> text("#chat-out").split(" ").length >= 5);
    assertThat(slow.gate().running()).isEqualTo(1);
    click("#chat-stop");
    awaitState("#chat-out", "stopped");
    await().atMost(Duration.ofSeconds(5)).until(() -> slow.gate().running() == 0);
  }

  @Test
  void speechPlaysToItsEnd() {
    type("#tts-text", "Hello from mixserve.");
    click("#tts-go");
    awaitState("#tts-audio", "ended");
    assertThat(js("return document.querySelector('#tts-audio').ended")).isEqualTo(true);
    assertThat(text("#tts-stats")).contains("s of audio");
  }

  @Test
  void aQuestionRecordedInThePageGetsATranscript() {
    click("#stt-rec");
    awaitRecorded("#stt-out", 2.0);
    click("#stt-rec");
    awaitState("#stt-out", "done");
    assertThat(text("#stt-out")).isNotBlank();
    // Chromium records webm/opus, sent as it is: the server decodes it by its bytes.
    assertThat(find("#stt-out").getDomAttribute("data-recorded")).startsWith("audio/webm");
  }

  @Test
  void voiceChatIsHeldToTalkWithTheKeyboardAndAnswersAloud() {
    WebElement talk = find("#vc-talk");
    js("arguments[0].focus()", talk);
    new Actions(browser).keyDown(Keys.SPACE).perform();
    awaitRecorded("#vc-out", 2.0);
    new Actions(browser).keyUp(Keys.SPACE).perform();
    awaitState("#vc-out", "done");
    assertThat(text("#vc-out")).startsWith("You: ").contains("Answer: ");
    assertThat(find("#vc-out").getDomAttribute("data-recorded")).startsWith("audio/webm");
    awaitState("#vc-audio", "ended");
    assertThat(text("#vc-stats")).contains("transcribe").contains("s of audio");
  }

  @Test
  void embeddingsShowTheirSimilarityAndRerankOrdersTheDocuments() {
    click("#emb-go");
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("#emb-stats").isEmpty());
    var sims = browser.findElements(org.openqa.selenium.By.cssSelector("#emb-out td[data-sim]"));
    assertThat(sims).hasSize(9);
    double catKitten = Double.parseDouble(sims.get(1).getDomAttribute("data-sim"));
    double catStocks = Double.parseDouble(sims.get(2).getDomAttribute("data-sim"));
    assertThat(sims.get(0).getText()).isEqualTo("1.00");
    assertThat(catKitten).isGreaterThan(catStocks);

    click("#rr-go");
    await().atMost(Duration.ofSeconds(10)).until(() -> !text("#rr-stats").isEmpty());
    assertThat(find("#rr-out li").getDomAttribute("data-index")).isEqualTo("1"); // Paris
  }

  private static DeploymentRuntime runtime(String name) {
    return UiServer.get().runtimes().stream()
        .filter(r -> r.deployment().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Until the page says it has recorded this many seconds (the fake microphone plays jfk.wav). */
  private static void awaitRecorded(String css, double seconds) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              var m = java.util.regex.Pattern.compile("([\\d.]+) s").matcher(text(css));
              return m.find() && Double.parseDouble(m.group(1)) >= seconds;
            });
  }

  /** Until the element's data-state is {@code state}; a panel that failed fails at once. */
  private static void awaitState(String css, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String now = find(css).getDomAttribute("data-state");
              if ("failed".equals(now)) {
                throw new AssertionError(css + " failed: " + text(css));
              }
              return state.equals(now);
            });
  }

  private static void choose(String css, String value) {
    js(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];"
            + " s.dispatchEvent(new Event('change'))",
        css,
        value);
    assertThat(js("return document.querySelector(arguments[0]).value", css)).isEqualTo(value);
  }

  private static void type(String css, String text) {
    var e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  private static void click(String css) {
    find(css).click();
  }

  private static String text(String css) {
    return find(css).getText();
  }

  private static WebElement find(String css) {
    return Browser.find(browser, css);
  }
}
