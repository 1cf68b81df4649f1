package org.plezi.jakarta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Where test controllers record their callbacks, in the order they ran. */
public final class Journal {
  private static final BlockingQueue<String> ENTRIES = new LinkedBlockingQueue<>();

  private Journal() {}

  public static void record(String entry) {
    ENTRIES.add(entry);
  }

  public static void clear() {
    ENTRIES.clear();
  }

  /** The next entry, waiting up to 20 s. */
  public static String next() throws InterruptedException {
    String entry = ENTRIES.poll(20, TimeUnit.SECONDS);
    assertThat(entry).as("a journal entry within 20 s").isNotNull();
    return entry;
  }

  /** The next entry if there is one now, else null; never waits. */
  public static String pollNow() {
    return ENTRIES.poll();
  }

  /** Asserts the next entries, in order. */
  public static void expect(String... entries) throws InterruptedException {
    for (String entry : entries) {
      assertThat(next()).isEqualTo(entry);
    }
  }

  /** Skips entries until one starts with {@code prefix}; returns it. */
  public static String awaitEntry(String prefix) throws InterruptedException {
    while (true) {
      String entry = next();
      if (entry.startsWith(prefix)) {
        return entry;
      }
    }
  }
}
