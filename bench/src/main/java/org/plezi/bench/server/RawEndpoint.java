package org.plezi.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: a plain Jakarta WebSocket endpoint at {@code /raw} on the same Tomcat, doing the
 * scenarios' work as well as plain code can: the payload built once per broadcast and handed to
 * each session's own {@link RawPeer} queue, the fan-out loop spread over as many threads as the
 * library's events pool has by default (twice the processors).
 */
public final class RawEndpoint extends Endpoint {
  /**
   * The open sessions' queues, in shards: a broadcast runs one loop per shard, each shard on its
   * own thread, so that a session's messages keep their order (it never changes shard).
   */
  public static final class Hub {
    private final Shard[] shards;
    private final AtomicInteger next = new AtomicInteger();

    public Hub() {
      this(2 * Runtime.getRuntime().availableProcessors());
    }

    Hub(int threads) {
      shards = new Shard[threads];
      for (int i = 0; i < threads; i++) {
        shards[i] = new Shard(i);
      }
    }

    /** Queues the payload on every session; returns at once. */
    public void broadcast(String payload) {
      for (Shard shard : shards) {
        shard.thread.execute(
            () -> {
              for (RawPeer peer : shard.peers) {
                peer.send(payload);
              }
            });
      }
    }

    public int size() {
      int size = 0;
      for (Shard shard : shards) {
        size += shard.peers.size();
      }
      return size;
    }

    Shard assign() {
      return shards[Math.floorMod(next.getAndIncrement(), shards.length)];
    }
  }

  /** A share of the sessions and the one thread that sends to them. */
  static final class Shard {
    final Set<RawPeer> peers = ConcurrentHashMap.newKeySet();
    final ExecutorService thread;

    Shard(int index) {
      thread =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread t = new Thread(task, "raw-fanout-" + index);
                t.setDaemon(true);
                return t;
              });
    }
  }

  /**
   * With {@code -Dbench.rawSessionBufferSize=N} (the memory scenario's {@code session=N}), each
   * baseline session's message buffer sizes are set to N in onOpen: an experiment for what a
   * library with partial handlers could do on its own (Tomcat reallocates a session's buffer at the
   * next frame of that kind when its size differs from the session's).
   */
  private static final Integer SESSION_BUFFER_SIZE =
      Integer.getInteger("bench.rawSessionBufferSize");

  private final Hub hub;
  private RawPeer peer;
  private Shard shard;

  RawEndpoint(Hub hub) {
    this.hub = hub;
  }

  /** The endpoint's configuration: each connection gets an instance bound to {@code hub}. */
  static ServerEndpointConfig config(Hub hub) {
    return ServerEndpointConfig.Builder.create(RawEndpoint.class, "/raw")
        .configurator(
            new ServerEndpointConfig.Configurator() {
              @Override
              public <T> T getEndpointInstance(Class<T> type) {
                return type.cast(new RawEndpoint(hub));
              }
            })
        .build();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    if (SESSION_BUFFER_SIZE != null) {
      session.setMaxTextMessageBufferSize(SESSION_BUFFER_SIZE);
      session.setMaxBinaryMessageBufferSize(SESSION_BUFFER_SIZE);
    }
    peer = new RawPeer(session);
    RawPeer self = peer;
    session.addMessageHandler(String.class, self::send); // echo, as the library side does
    shard = hub.assign();
    shard.peers.add(self);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    shard.peers.remove(peer);
  }
}
