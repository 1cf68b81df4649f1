package org.plezi.jakarta.dispatch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the library logs (System.Logger goes to java.util.logging here). */
final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger LIBRARY = Logger.getLogger("org.plezi.jakarta");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    LIBRARY.addHandler(capture);
    return capture;
  }

  /** How many records mention {@code text} in their message. */
  long count(String text) {
    return records.stream().filter(r -> String.valueOf(r.getMessage()).contains(text)).count();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LIBRARY.removeHandler(this);
  }
}
