package org.plezi.jakarta.internal.delivery;

import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.Message;

/**
 * What the bus hands to this server: messages from other servers into the local connections,
 * answers to this server's unicasts. Called on the bus's threads (Redisson's listener threads for
 * Redis), so nothing here blocks: deliveries only queue into inboxes, callbacks go to the events
 * pool.
 */
final class BusReceiver implements Bus.Receiver {
  private final Messaging messaging;

  BusReceiver(Messaging messaging) {
    this.messaging = messaging;
  }

  @Override
  public boolean receive(Message message) {
    String serverUuid = messaging.serverUuid();
    if (message.isUnicast()) {
      return serverUuid.equals(message.toServer()) && messaging.local().toTarget(message);
    }
    if (serverUuid.equals(message.fromServer())) {
      return true; // our own publish, already delivered locally
    }
    if (message.isMulticast()) {
      messaging.local().toAll(message, null);
    } else {
      messaging.local().toClass(message, null);
    }
    return true;
  }

  @Override
  public void receiveForeign(Object payload) {
    messaging.local().foreign(payload);
  }

  @Override
  public void receiveChannel(ChannelMessage message) {
    if (!messaging.serverUuid().equals(message.fromServer())) { // our own: delivered already
      ChannelRegistry channels = messaging.channels();
      channels.received(message);
      channels.deliver(message, null);
    }
  }

  @Override
  public void unicastFailed(Message unicast) {
    if (unicast.mail() != null) {
      return; // an identity's message stays in its mailbox for the next registration
    }
    messaging.unicastFailed();
    if (unicast.ackId() != null) {
      messaging.answers().answer(unicast.ackId(), false);
      return;
    }
    FailedUnicasts.report(
        messaging.started().events(),
        messaging.connections().routeOf(unicast.senderType()),
        unicast.targetUuid(),
        unicast.event(),
        unicast.args());
  }

  @Override
  public void unicastDelivered(String ackId) {
    messaging.answers().answer(ackId, true);
  }
}
