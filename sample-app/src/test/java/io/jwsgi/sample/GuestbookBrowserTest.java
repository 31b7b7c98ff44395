package io.jwsgi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The guestbook in a real browser ({@link Chromium}): a note typed into the page's form is stored
 * in the database (H2 in files, the default) and shown back. Skipped, with a message saying what
 * to install, where Chromium or chromedriver is missing. {@link GuestbookRestartBrowserTest}
 * restarts the application in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GuestbookBrowserTest {

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    private Chromium chromium;
    private WebDriver browser;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        String dataDir = SampleApplicationTest.newDataDirectory().toString(); // once, see SampleApplicationTest
        registry.add("guestbook.data-dir", () -> dataDir);
    }

    @BeforeAll
    static void requireChromium() {
        Chromium.require();
    }

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = Chromium.start(profile);
        browser = chromium.browser();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * Signs the guestbook through the page at {@code base} as a person would, and checks that the
     * browser lands on the new entry.
     *
     * @return the entry's element id, {@code note-<uuid>}
     */
    static String signTheGuestbook(WebDriver browser, String base, String author, String text) {
        browser.get(base + "/");
        assertThat(browser.getTitle()).isEqualTo("JWSGI guestbook");
        WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
        // app.js (served by the Assets application, allowed by the page's CSP) ran:
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-script", "ready"));

        browser.findElement(By.name("author")).sendKeys(author);
        browser.findElement(By.name("text")).sendKeys(text);
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo(Integer.toString(text.length()));
        browser.findElement(By.cssSelector("form.new-note button[type=submit]")).click();

        // 303 See Other back to the page, scrolled to the new entry:
        wait.until(ExpectedConditions.urlMatches("/#note-[0-9a-f-]{36}$"));
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#') + 1);
        assertEntryShown(browser, id, author, text);
        return id;
    }

    /** Checks that the page in the browser shows the entry, as text and never as markup. */
    static WebElement assertEntryShown(WebDriver browser, String id, String author, String text) {
        WebElement entry = new WebDriverWait(browser, Chromium.WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        assertThat(entry.findElement(By.className("text")).getText()).isEqualTo(text);
        assertThat(entry.findElement(By.className("meta")).getText()).startsWith(author);
        assertThat(entry.findElements(By.tagName("b")))
                .as("user text is shown, never run as markup")
                .isEmpty();
        return entry;
    }

    @Test
    void signingTheGuestbookShowsTheNewEntry() {
        String text = "Hello from Chromium <b>" + UUID.randomUUID() + "</b>";
        String id = signTheGuestbook(browser, "http://127.0.0.1:" + port, "Selenium", text);
        WebElement entry = browser.findElement(By.id(id));
        // style.css applied (the :target rule outlines the entry just added):
        assertThat(entry.getCssValue("box-shadow")).contains("rgb(47, 111, 78)");
    }

    @Test
    void anEmptyNoteIsRefusedByTheServerWithTheMessageShown() {
        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
        // Lift the browser's own check (required) to see the server's answer to blank text:
        ((JavascriptExecutor) browser).executeScript("document.getElementById('text').removeAttribute('required')");
        browser.findElement(By.name("text")).sendKeys("   ");
        browser.findElement(By.cssSelector("form.new-note button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.className("error")));
        assertThat(error.getText()).isEqualTo("Not saved: text must not be empty.");
    }
}
