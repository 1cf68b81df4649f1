package org.plezi.jakarta.internal.delivery;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.base.CoreValues;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.hooks.ControllerConnection;
import org.plezi.jakarta.internal.hooks.ControllerMessaging;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The controller forms of messaging for one routed class: they skip the sending connection, and a
 * unicast that cannot be delivered runs the class's failed-unicast callback instead of answering.
 * One per routed class, made at registration, shared by its controllers.
 */
final class ControllerSender implements ControllerMessaging {
  private final Messaging messaging;
  private final ControllerModel model;

  ControllerSender(Messaging messaging, ControllerModel model) {
    this.messaging = messaging;
    this.model = model;
  }

  @Override
  public void multicast(ControllerConnection skip, String event, Object[] args) {
    Messaging.Started started = messaging.started();
    Message message = messaging.messages().multicast(event, args);
    started.bus().publish(message); // first: a message the bus refuses goes nowhere
    messaging.local().toAll(message, skip);
  }

  @Override
  public void broadcast(ControllerConnection skip, String event, Object[] args) {
    send(skip, model.clusterName(), event, args);
  }

  @Override
  public void broadcast(
      ControllerConnection skip, Class<? extends Controller> target, String event, Object[] args) {
    send(skip, ControllerModel.clusterNameOf(target), event, args);
  }

  private void send(ControllerConnection skip, String clusterName, String event, Object[] args) {
    Messaging.Started started = messaging.started();
    Message message = messaging.messages().broadcast(clusterName, event, args);
    started.bus().publish(message); // first: a message the bus refuses goes nowhere
    messaging.local().toClass(message, skip);
  }

  @Override
  public void unicast(String uuid, String event, Object[] args) {
    Messaging.Started started = messaging.started();
    Message message = messaging.messages().unicast(uuid, event, args, model.clusterName());
    if (message == null) {
      messaging.unicastFailed();
      FailedUnicasts.report(started.events(), model, uuid, event, CoreValues.freeze(args));
    } else if (messaging.serverUuid().equals(message.toServer())) {
      if (!messaging.local().toTarget(message)) {
        messaging.unicastFailed();
        FailedUnicasts.report(started.events(), model, uuid, event, message.args());
      }
    } else {
      started.bus().send(message); // a failure comes back through BusReceiver.unicastFailed
    }
  }

  @Override
  public boolean notify(String identity, String event, Object[] args) {
    return messaging.started().mailboxes().notify(identity, event, args);
  }

  @Override
  public void subscribe(ControllerConnection connection, String channel, ChannelMode mode) {
    messaging.channels().subscribe(connection, channel, mode);
  }

  @Override
  public void unsubscribe(ControllerConnection connection, String channel) {
    messaging.channels().unsubscribe(connection, channel);
  }

  @Override
  public void recoverChannel(
      ControllerConnection connection, String channel, String epoch, long offset) {
    messaging.channels().recover(connection, channel, epoch, offset);
  }

  @Override
  public void publish(ControllerConnection skip, String channel, String event, Object[] args) {
    messaging.publish(messaging.messages().channelEvent(channel, event, args), skip);
  }

  @Override
  public void track(ControllerConnection connection, String channel, Map<String, String> meta) {
    messaging.presence().track(connection, channel, meta);
  }

  @Override
  public void untrack(ControllerConnection connection, String channel) {
    messaging.presence().untrack(connection, channel);
  }

  @Override
  public CompletionStage<Map<String, Map<String, String>>> presence(String channel) {
    return messaging.presence().list(channel);
  }

  @Override
  public void publishRaw(ControllerConnection skip, String channel, String text) {
    messaging.publish(messaging.messages().channelRaw(channel, text), skip);
  }
}
