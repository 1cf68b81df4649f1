package org.plezi.jakarta.internal.bus;

/** The single-server bus: there are no other servers, so a unicast to one fails at once. */
public final class LocalBus implements Bus {
  /** Set by start, cleared by close (start-up and undeploy threads); read by senders. */
  private volatile Receiver receiver;

  @Override
  public void start(Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void publish(Message message) {
    // No other server to reach: the caller delivers locally.
  }

  @Override
  public void send(Message message) {
    Receiver current = receiver;
    if (current != null) {
      current.unicastFailed(message);
    }
  }

  @Override
  public void close() {
    receiver = null;
  }
}
