package org.plezi.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: a plain Jakarta WebSocket endpoint at {@code /raw} on the same Tomcat, doing the
 * scenarios' work as well as plain code can: the payload built once per broadcast, then handed to
 * each session's own {@link RawPeer} queue.
 */
public final class RawEndpoint extends Endpoint {
  /** The open sessions' queues; a broadcast visits each once. */
  public static final class Hub {
    private final Set<RawPeer> peers = ConcurrentHashMap.newKeySet();

    public void broadcast(String payload) {
      for (RawPeer peer : peers) {
        peer.send(payload);
      }
    }

    public int size() {
      return peers.size();
    }
  }

  private final Hub hub;
  private RawPeer peer;

  RawEndpoint(Hub hub) {
    this.hub = hub;
  }

  /** The endpoint's configuration: each connection gets an instance bound to {@code hub}. */
  static ServerEndpointConfig config(Hub hub) {
    return ServerEndpointConfig.Builder.create(RawEndpoint.class, "/raw")
        .configurator(new ServerEndpointConfig.Configurator() {
          @Override
          public <T> T getEndpointInstance(Class<T> type) {
            return type.cast(new RawEndpoint(hub));
          }
        })
        .build();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    peer = new RawPeer(session);
    RawPeer self = peer;
    session.addMessageHandler(String.class, self::send); // echo, as the library side does
    hub.peers.add(self);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    hub.peers.remove(peer);
  }
}
