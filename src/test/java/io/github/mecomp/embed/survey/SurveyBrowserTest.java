package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * A real browser (Debian's headless chromium, driven through its chromedriver) takes the survey: three
 * questions, by mouse and by keyboard, then the rows are checked in the database. Screenshots at desktop and
 * phone size go to {@code -Dsurvey.screenshots=DIR} (docs/survey for the README), else to a temporary folder.
 * Skipped, saying so, where chromium or chromedriver is not installed.
 */
class SurveyBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Selenium warns that it has no DevTools bindings for this chromium; the test does not use them. */
    private static final java.util.logging.Logger DEVTOOLS_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    @TempDir
    Path dir;

    @Test
    void aListenerAnswersByMouseAndKeyboardAndEveryAnswerIsStored() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing; install them with: apt-get install -y chromium chromium-driver");
        Path shots = System.getProperty("survey.screenshots") != null
                ? Path.of(System.getProperty("survey.screenshots")) : dir.resolve("shots");
        Files.createDirectories(shots);
        // 3-second clips of which the middle second is played: the page must seek there and stop after it.
        SurveyConfig config = SurveyConfig.defaults().withQuestionsPerSession(3).withExcerptSeconds(1);
        try (SurveyFixture f = SurveyFixture.start(dir, 6, 3.0, config, java.util.Map.of())) {
            WebDriver d = startBrowser();
            try {
                d.get(f.base + "/");
                assertTrue(text(d, "intro").contains("two that sound most alike"));
                click(d, "start");
                await(d, () -> text(d, "progress").equals("Question 1 of 3"), "the first question");
                assertTrue(d.findElement(By.id("send")).getAttribute("disabled") != null,
                        "no answer before the clips are played");

                // Question 1 with the mouse: play each clip, choose A & C, send.
                click(d, "play-0");
                JavascriptExecutor js = (JavascriptExecutor) d;
                await(d, () -> ((Number) js.executeScript("return document.querySelector('#clip-0 audio').currentTime"))
                        .doubleValue() > 1.1, "clip A playing from the middle of its file");
                await(d, () -> (Boolean) js.executeScript("const a = document.querySelector('#clip-0 audio');"
                        + " return a.paused && a.currentTime === 1;"), "clip A stopping after its excerpt, ready again");
                assertEquals("Play A", text(d, "play-0"));
                click(d, "play-1");
                click(d, "play-2");
                click(d, "pair-AC");
                await(d, () -> d.findElement(By.id("send")).isEnabled(), "the send button");
                assertEquals("true", d.findElement(By.id("pair-AC")).getAttribute("aria-pressed"));
                screenshot(d, shots.resolve("survey-desktop.png"));
                click(d, "send");
                await(d, () -> text(d, "progress").equals("Question 2 of 3"), "the second question");

                // Question 2 with the keyboard at phone size: a, b, c play; 1 = A & B; Enter sends.
                d.manage().window().setSize(new Dimension(400, 860));
                keys(d, "a", "b", "c", "1");
                await(d, () -> d.findElement(By.id("send")).isEnabled(), "the send button");
                screenshot(d, shots.resolve("survey-phone.png"));
                keys(d, "\n");
                await(d, () -> text(d, "progress").equals("Question 3 of 3"), "the third question");

                // Question 3: 3 = B & C; the session ends with a thank-you.
                keys(d, "c", "b", "a", "3");
                await(d, () -> d.findElement(By.id("send")).isEnabled(), "the send button");
                keys(d, "\n");
                await(d, () -> d.findElement(By.id("done")).isDisplayed(), "the end of the session");
                assertEquals("3", text(d, "done-count"));
                assertFalse(d.findElement(By.id("status")).getAttribute("class").contains("error"), text(d, "status"));
            } finally {
                d.quit();
            }

            List<StoredAnswer> answers = f.store.allAnswers();
            assertEquals(3, answers.size());
            assertEquals(List.of(2, 3, 1), answers.stream().map(StoredAnswer::odd).toList(),
                    "A & C leaves out 2, A & B leaves out 3, B & C leaves out 1");
            assertEquals(1, answers.stream().map(a -> a.question().rater()).distinct().count(), "one anonymous listener");
            for (String png : List.of("survey-desktop.png", "survey-phone.png")) {
                byte[] bytes = Files.readAllBytes(shots.resolve(png));
                assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
            }
        }
    }

    private WebDriver startBrowser() throws IOException {
        DEVTOOLS_LOG.setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager is never asked to find, or download, a browser or a driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                "--window-size=1100,800", "--mute-audio", "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText().trim();
    }

    private static void click(WebDriver d, String id) {
        d.findElement(By.id(id)).click();
    }

    private static void keys(WebDriver d, String... keys) {
        WebElement body = d.findElement(By.tagName("body"));
        Actions a = new Actions(d).moveToElement(body, 0, 0);
        for (String k : keys) {
            a.sendKeys(k.equals("\n") ? org.openqa.selenium.Keys.ENTER.toString() : k);
        }
        a.perform();
    }

    private static void await(WebDriver d, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the page is between states; look again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; status: '" + text(d, "status") + "'");
    }

    private static void screenshot(WebDriver d, Path png) throws IOException {
        Files.write(png, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }
}
