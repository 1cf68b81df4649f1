package org.plezi.jakarta.internal.connection;

import java.util.Locale;
import org.plezi.jakarta.internal.base.Settings;

/**
 * Who confirms that an identity's mailbox message was delivered (issue 18), from {@code
 * plezi.mailbox.confirmation}: {@code server} (a message leaves the mailbox once its event method
 * ran on a connection still open: the behaviour before issue 18, at most once to the client),
 * {@code client} (it leaves only when the client confirms it), or {@code auto}, the default: {@code
 * client} for auto-dispatch controllers, whose JavaScript client confirms by itself, and {@code
 * server} for the others, whose clients speak a protocol Plezi does not know.
 */
final class MailConfirmation {
  private MailConfirmation() {}

  /** Whether a connection's client confirms its mail. */
  static boolean byClient(Settings settings, boolean autoDispatch) {
    String mode =
        settings.get(Settings.MAILBOX_CONFIRMATION).orElse("auto").toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "client" -> true;
      case "server" -> false;
      default -> autoDispatch;
    };
  }
}
