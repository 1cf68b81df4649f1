package org.plezi.jakarta.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what is logged through java.util.logging while it is open: the library (System.Logger
 * goes there by default), Tomcat, Weld. Records of every logger reach it through the root logger.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  /** Held here: the log manager keeps loggers only weakly, and with them their handlers. */
  private static final Logger ROOT = Logger.getLogger("");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  /** Starts collecting; close to stop. */
  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    ROOT.addHandler(capture);
    return capture;
  }

  /** Every message and every thrown exception's message chain, one string per record. */
  public List<String> texts() {
    return records.stream().map(LogCapture::text).toList();
  }

  /**
   * Every record in full, one string per record: the logger, the raw message, its parameters, and
   * each thrown exception's whole printed stack trace (causes and suppressed ones included): what a
   * log file could hold, for tests that a secret appears nowhere.
   */
  public List<String> everything() {
    return records.stream().map(LogCapture::full).toList();
  }

  private static String full(LogRecord record) {
    StringBuilder text =
        new StringBuilder(String.valueOf(record.getLoggerName()))
            .append(' ')
            .append(record.getMessage());
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        text.append(" | ").append(parameter);
      }
    }
    if (record.getThrown() != null) {
      java.io.StringWriter trace = new java.io.StringWriter();
      record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
      text.append('\n').append(trace);
    }
    return text.toString();
  }

  /** How many records mention {@code text} in their message. */
  public long count(String text) {
    return records.stream().filter(r -> String.valueOf(r.getMessage()).contains(text)).count();
  }

  private static String text(LogRecord record) {
    StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      text.append(" | ").append(t);
    }
    return text.toString();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    ROOT.removeHandler(this);
  }
}
