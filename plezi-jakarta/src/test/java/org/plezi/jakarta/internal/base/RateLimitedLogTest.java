package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** One line per interval, counting what it held back, on a clock the test moves. */
class RateLimitedLogTest {
  private static final long SECOND = 1_000_000_000L;

  /** A logger that keeps its warnings. */
  private static final class Recorder implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "recorder";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(level + " " + message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format);
    }

    @Override
    public void log(Level level, Supplier<String> message) {
      lines.add(level + " " + message.get());
    }
  }

  private final Recorder recorder = new Recorder();
  private final AtomicLong now = new AtomicLong(42 * SECOND);
  private final RateLimitedLog log = new RateLimitedLog(recorder, 5 * SECOND, now::get);

  @Test
  void theFirstWarningIsLoggedAtOnceAndTheNextOnesWithinTheIntervalAreHeldBack() {
    log.warn("bad frame");
    now.addAndGet(SECOND);
    log.warn("bad frame");
    log.warn("bad frame");

    assertThat(recorder.lines).containsExactly("WARNING Plezi: bad frame");
  }

  @Test
  void theLineAfterTheIntervalSaysHowManyWereHeldBack() {
    log.warn("bad frame");
    log.warn("bad frame");
    log.warn("bad frame");
    now.addAndGet(5 * SECOND);
    log.warn("bad envelope");

    assertThat(recorder.lines)
        .containsExactly(
            "WARNING Plezi: bad frame",
            "WARNING Plezi: bad envelope (and 2 similar warnings in the last 5 s)");
  }

  @Test
  void aSubSecondIntervalIsNamedInTenths() {
    RateLimitedLog fast = new RateLimitedLog(recorder, SECOND / 2, now::get);
    fast.warn("a");
    fast.warn("b");
    now.addAndGet(SECOND);
    fast.warn("c");

    assertThat(recorder.lines)
        .last()
        .isEqualTo("WARNING Plezi: c (and 1 similar warnings in the " + "last 0.5 s)");
  }
}
