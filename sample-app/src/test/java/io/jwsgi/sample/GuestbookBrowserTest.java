package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The guestbook in a real browser: Debian's Chromium, headless, driven through Debian's
 * chromedriver by Selenium. Both binaries are named explicitly, so Selenium Manager never looks
 * for (or downloads) a browser or driver of its own. Skipped, with a message saying what to
 * install, where the two packages are missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GuestbookBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    private ChromeDriverService service;
    private WebDriver browser;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing"
                        + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)");
    }

    @BeforeEach
    void startBrowser() throws Exception {
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(WAIT)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void signingTheGuestbookShowsTheNewEntry() {
        browser.get("http://127.0.0.1:" + port + "/");
        assertThat(browser.getTitle()).isEqualTo("JWSGI guestbook");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // app.js (served by the Assets application, allowed by the page's CSP) ran:
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-script", "ready"));

        String text = "Hello from Chromium <b>" + UUID.randomUUID() + "</b>";
        browser.findElement(By.name("author")).sendKeys("Selenium");
        browser.findElement(By.name("text")).sendKeys(text);
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo(Integer.toString(text.length()));
        browser.findElement(By.cssSelector("form.new-note button[type=submit]")).click();

        // 303 See Other back to the page, scrolled to the new entry:
        wait.until(ExpectedConditions.urlMatches("/#note-\\d+$"));
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#') + 1);
        WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        assertThat(entry.findElement(By.className("text")).getText()).isEqualTo(text);
        assertThat(entry.findElement(By.className("meta")).getText()).startsWith("Selenium");
        assertThat(entry.findElements(By.tagName("b")))
                .as("user text is shown, never run as markup")
                .isEmpty();
        // style.css applied (the :target rule outlines the entry just added):
        assertThat(entry.getCssValue("box-shadow")).contains("rgb(47, 111, 78)");
    }

    @Test
    void anEmptyNoteIsRefusedByTheServerWithTheMessageShown() {
        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // Lift the browser's own check (required) to see the server's answer to blank text:
        ((JavascriptExecutor) browser).executeScript("document.getElementById('text').removeAttribute('required')");
        browser.findElement(By.name("text")).sendKeys("   ");
        browser.findElement(By.cssSelector("form.new-note button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("error")));
        assertThat(error.getText()).isEqualTo("Not saved: text must not be empty.");
    }
}
