package org.plezi.jakarta.internal.runtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.security.UserSnapshot;

/**
 * The one Jakarta WebSocket endpoint behind every route: an instance per connection, holding the
 * controller that {@code preConnect} already accepted, and turning container events into controller
 * callbacks.
 */
public final class EndpointAdapter extends Endpoint {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private final PleziRuntime runtime;
  private final ControllerModel model;
  private final Controller controller;

  /** Set in onOpen; the container calls the other events after it, on its own threads. */
  private volatile Connection connection;

  /** The upgrade request's user, taken before the request was recycled; null when anonymous. */
  private final UserSnapshot user;

  EndpointAdapter(
      PleziRuntime runtime, ControllerModel model, Controller controller, UserSnapshot user) {
    this.user = user;
    this.runtime = runtime;
    this.model = model;
    this.controller = controller;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    Connection opened = runtime.connect(session, model, controller, user);
    connection = opened;
    // Partial handlers: the container then keeps its per-session message buffers at their
    // default size, and a message longer than a buffer arrives in parts, which the connection
    // joins up to plezi.message.maxBytes (InboundParts). ByteBuffer, not byte[]: Tomcat wraps a
    // byte[] handler in a reflective adapter with its own Method object, about 150 bytes more per
    // connection. The buffer is the container's own, so the controller gets a copy.
    if (model.handlesText()) {
      session.addMessageHandler(String.class, opened::receivePart);
    } else {
      session.addMessageHandler(String.class, (part, last) -> opened.unsupported("text"));
    }
    if (model.handlesBinary()) {
      session.addMessageHandler(
          ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) opened::receivePart);
    } else {
      session.addMessageHandler(ByteBuffer.class, (part, last) -> opened.unsupported("binary"));
    }
    session.addMessageHandler(PongMessage.class, pong -> opened.ponged()); // the heartbeat's
    opened.opened(runtime.connections());
    if (runtime.isStopping()) {
      opened.shutdown(); // opened while undeploy was collecting connections
    }
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    Connection current = connection;
    if (current != null) {
      runtime.disconnect(current, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    Connection current = connection;
    Level level = failure instanceof IOException ? Level.DEBUG : Level.WARNING;
    LOG.log(level, () -> "websocket error on " + current + ": " + failure);
  }
}
