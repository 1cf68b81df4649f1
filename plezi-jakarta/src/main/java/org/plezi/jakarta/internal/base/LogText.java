package org.plezi.jakarta.internal.base;

/** Text that a client or a configuration chose, made safe to write into a log line. */
public final class LogText {
  /** The most characters of such a text a log line shows. */
  public static final int MAX = 100;

  private LogText() {}

  /**
   * The text with printable ASCII only (anything else, line breaks included, becomes {@code ?}),
   * cut at {@value #MAX} characters with {@code …}; {@code (none)} for null. So a sender cannot
   * forge log lines or fill the log.
   */
  public static String printable(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX + 1));
    for (int i = 0; i < text.length() && shown.length() < MAX; i++) {
      char c = text.charAt(i);
      shown.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > MAX ? shown + "…" : shown.toString();
  }
}
