package org.plezi.jakarta.internal.delivery;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The deployment's {@link Messenger}: the forms for code outside controllers, which skip no
 * connection and report a unicast's fate through the returned stage. Handed out during start-up;
 * its methods throw {@link IllegalStateException} until messaging has started.
 */
final class ServerMessenger implements Messenger {
  private final Messaging messaging;

  ServerMessenger(Messaging messaging) {
    this.messaging = messaging;
  }

  @Override
  public void multicast(String event, Object... args) {
    Messaging.Started started = messaging.started();
    Message message = messaging.messages().multicast(event, args);
    started.bus().publish(message); // first: a message the bus refuses goes nowhere
    messaging.local().toAll(message, null);
  }

  @Override
  public void broadcast(Class<? extends Controller> target, String event, Object... args) {
    Messaging.Started started = messaging.started();
    Message message =
        messaging.messages().broadcast(ControllerModel.clusterNameOf(target), event, args);
    started.bus().publish(message); // first: a message the bus refuses goes nowhere
    messaging.local().toClass(message, null);
  }

  @Override
  public CompletionStage<Boolean> unicast(String uuid, String event, Object... args) {
    Messaging.Started started = messaging.started();
    Message message = messaging.messages().unicast(uuid, event, args, null);
    if (message == null) {
      messaging.unicastFailed();
      return CompletableFuture.completedFuture(false);
    }
    if (messaging.serverUuid().equals(message.toServer())) {
      boolean delivered = messaging.local().toTarget(message);
      if (!delivered) {
        messaging.unicastFailed();
      }
      return CompletableFuture.completedFuture(delivered);
    }
    UnicastAnswers.Awaited awaited =
        messaging.answers().await(started.unicastTimeoutMillis(), started.timers());
    try {
      started.bus().send(message.withAckId(awaited.ackId()));
    } catch (RuntimeException e) {
      messaging.answers().drop(awaited.ackId()); // refused (too large): nothing to wait for
      throw e;
    }
    return awaited.answer();
  }

  @Override
  public boolean notify(String identity, String event, Object... args) {
    return messaging.started().mailboxes().notify(identity, event, args);
  }

  @Override
  public void publish(String channel, String event, Object... args) {
    messaging.publish(messaging.messages().channelEvent(channel, event, args), null);
  }

  @Override
  public CompletionStage<Map<String, Map<String, String>>> presence(String channel) {
    return messaging.presence().list(channel);
  }

  @Override
  public void publishRaw(String channel, String text) {
    messaging.publish(messaging.messages().channelRaw(channel, text), null);
  }

  @Override
  public String toString() {
    return "Plezi Messenger of server " + messaging.serverUuid();
  }
}
