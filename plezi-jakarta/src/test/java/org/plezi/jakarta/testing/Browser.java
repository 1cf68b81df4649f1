package org.plezi.jakarta.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven through chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}). Where they are missing, browser tests are skipped with one line saying what to
 * install, except when the environment says {@code CI=true}: there a missing browser fails them.
 */
public final class Browser implements AutoCloseable {
  /** Where Debian installs them; override with -Dplezi.chromium and -Dwebdriver.chrome.driver. */
  private static final String CHROMIUM = System.getProperty("plezi.chromium", "/usr/bin/chromium");

  private static final String DRIVER =
      System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser, or skips (fails on CI) the calling tests when none is installed. */
  public static Browser start() throws IOException {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      String message =
          "Browser tests need Chromium at "
              + CHROMIUM
              + " and chromedriver at "
              + DRIVER
              + ": install the Debian packages chromium and chromium-driver "
              + "(bash .ci/install-browser.sh)";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + "; CI=true makes browser tests mandatory");
      }
      if (TOLD.compareAndSet(false, true)) {
        System.err.println("SKIPPED: " + message);
      }
      Assumptions.abort(message);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER); // no Selenium Manager download
    Path profile = Directories.createTemp("plezi-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Runs a script in the page and returns its result. */
  public Object run(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs a script that calls {@code done(result)} (its last argument) and returns that result. */
  public Object runAsync(String script, Object... args) {
    String wrapped = "const done = arguments[arguments.length - 1];\n" + script;
    return ((JavascriptExecutor) driver).executeAsyncScript(wrapped, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      Directories.deleteRecursively(profile);
    }
  }
}
