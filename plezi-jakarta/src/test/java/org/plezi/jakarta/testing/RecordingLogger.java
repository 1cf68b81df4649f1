package org.plezi.jakarta.testing;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A System.Logger that keeps every line at INFO and above, for assertions on what was logged. */
public final class RecordingLogger implements System.Logger {
  /** One line: its level and text. */
  public record Line(Level level, String text) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  public long count(Level level) {
    return lines.stream().filter(line -> line.level() == level).count();
  }

  @Override
  public String getName() {
    return "recording";
  }

  @Override
  public boolean isLoggable(Level level) {
    return level.getSeverity() >= Level.INFO.getSeverity();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    if (isLoggable(level)) {
      lines.add(new Line(level, message + (thrown == null ? "" : " [thrown " + thrown + "]")));
    }
  }

  @Override
  public void log(Level level, Supplier<String> message) {
    if (isLoggable(level)) {
      lines.add(new Line(level, message.get()));
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    log(level, bundle, format, (Throwable) null);
  }
}
