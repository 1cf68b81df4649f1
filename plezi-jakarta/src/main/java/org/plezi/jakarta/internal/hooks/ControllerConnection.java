package org.plezi.jakarta.internal.hooks;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What a {@link org.plezi.jakarta.Controller} sees of its websocket: its id, whether it is open,
 * its outbound queue and its identities. Implemented by the connection layer's {@code Connection}.
 * Every method may be called from any thread and never blocks on the client; {@link #registerAs}
 * may wait for the identity store (one Redis round trip in a cluster).
 */
public interface ControllerConnection {
  /** The cluster-wide id: the server uuid followed by the local id. */
  String uuid();

  /** Whether the websocket is open and its queue accepts frames. */
  boolean isOpen();

  /** Queues a text frame; false if not queued (closing, closed, or this write overflowed). */
  boolean sendText(String text);

  /** Queues a binary frame; the queue owns {@code data} from here on. False as for text. */
  boolean sendBinary(ByteBuffer data);

  /** Queues a close after the frames already queued. */
  void close(int code, String reason);

  /**
   * Binds the connection to an identity (see {@code Controller#registerAs}).
   *
   * @throws IllegalArgumentException for a bad identity, lifetime or count
   */
  void registerAs(String identity, Duration lifetime, int maxConnections);

  /** The mailbox message the running event method is for; null otherwise (#18). */
  org.plezi.jakarta.MailboxMessage mailboxMessage();

  /** The client confirmed an identity's mailbox messages up to {@code seq} (#18). */
  void confirmMail(String identity, long seq);

  /** The position of the channel publication the running event method is for; null otherwise. */
  org.plezi.jakarta.HistoryPosition channelPosition();

  /** The authenticated user of the upgrade request; null when anonymous (#16). */
  java.security.Principal principal();

  /**
   * Whether that user was in {@code role} on the upgrade request (#16).
   *
   * @throws IllegalArgumentException for a role the controller class does not declare
   */
  boolean isUserInRole(String role);
}
