package org.plezi.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.plezi.bench.Shootout;

/**
 * The baseline of the websocket-shootout workload (issue 15) at {@code /rawws}: a plain Jakarta
 * WebSocket endpoint that sends a broadcast frame inline, on the Tomcat thread that read it, to
 * every open session's {@link RawPeer} queue (one async send in flight per session, the next
 * started from the completion), the sender's included, then queues the {@code broadcastResult} on
 * the sender's.
 */
public final class RawShootoutEndpoint extends Endpoint {
  /** Every open session's queue. */
  private static final Set<RawPeer> PEERS = ConcurrentHashMap.newKeySet();

  /** This connection's queue; set in onOpen, before its first message. */
  private RawPeer peer;

  /** For the control protocol's {@code COUNT rawws}. */
  static int open() {
    return PEERS.size();
  }

  static ServerEndpointConfig config() {
    return ServerEndpointConfig.Builder.create(RawShootoutEndpoint.class, "/rawws").build();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    RawPeer self = new RawPeer(session);
    peer = self;
    session.addMessageHandler(String.class, text -> onText(self, text));
    PEERS.add(self);
  }

  private static void onText(RawPeer self, String text) {
    switch (Shootout.type(text)) {
      case BROADCAST -> {
        for (RawPeer each : PEERS) {
          each.send(text);
        }
        self.send(Shootout.result(text));
      }
      case ECHO -> self.send(text);
      default -> {
        // not part of the workload: ignored, as on the library side
      }
    }
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    PEERS.remove(peer);
  }
}
