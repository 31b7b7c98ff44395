package io.jwsgi.sample;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A note signed in the browser survives a restart of the application: the first run stores it in
 * the H2 files under the data directory and stops; a second run on the same directory (and a new
 * port) shows it to the browser. Skipped where Chromium is missing ({@link Chromium}).
 */
class GuestbookRestartBrowserTest {

    @TempDir
    Path profile;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void requireChromium() {
        Chromium.require();
    }

    @Test
    void aNoteSignedBeforeARestartIsShownAfterIt() throws Exception {
        String text = "Still here after a restart <b>" + UUID.randomUUID() + "</b>";
        try (Chromium chromium = Chromium.start(profile)) {
            String id;
            try (ConfigurableApplicationContext first = RestartTest.start(dataDir)) {
                id = GuestbookBrowserTest.signTheGuestbook(
                        chromium.browser(), RestartTest.base(first), "Selenium", text);
            }
            try (ConfigurableApplicationContext second = RestartTest.start(dataDir)) {
                chromium.browser().get(RestartTest.base(second) + "/");
                GuestbookBrowserTest.assertEntryShown(chromium.browser(), id, "Selenium", text);
            }
        }
    }
}
