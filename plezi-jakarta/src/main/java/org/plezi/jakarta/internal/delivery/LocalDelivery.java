package org.plezi.jakarta.internal.delivery;

import java.util.Set;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.connection.Inbox;
import org.plezi.jakarta.internal.hooks.ControllerConnection;

/**
 * Hands messages to this server's connections: a multicast or broadcast into each receiver's inbox
 * (their drains started in batches, see {@link Inbox.Batch}), a unicast to its one target. Never
 * blocks and holds no lock: the registry's views are weakly consistent, and a connection open for
 * the whole of a fan-out is always reached.
 */
final class LocalDelivery {
  private final ConnectionRegistry connections;

  LocalDelivery(ConnectionRegistry connections) {
    this.connections = connections;
  }

  /** A multicast to every connection but {@code skip} (null: skip none). */
  void toAll(Message message, ControllerConnection skip) {
    Inbox.Batch batch = new Inbox.Batch();
    for (Connection connection : connections.all()) {
      if (connection != skip) {
        connection.deliver(message, batch);
      }
    }
    batch.start();
  }

  /** A broadcast to every connection of the message's classes but {@code skip}. */
  void toClass(Message message, ControllerConnection skip) {
    Inbox.Batch batch = new Inbox.Batch();
    for (Set<Connection> set : connections.ofClusterName(message.type())) {
      for (Connection connection : set) {
        if (connection != skip) {
          connection.deliver(message, batch);
        }
      }
    }
    batch.start();
  }

  /** A unicast addressed to this server; false when the target is gone. */
  boolean toTarget(Message message) {
    Connection target = connections.get(message.target());
    return target != null && target.deliver(message);
  }

  /** A payload from the bus that is not an envelope: for every connection's onBroadcast. */
  void foreign(Object payload) {
    for (Connection connection : connections.all()) {
      connection.deliverForeign(payload);
    }
  }
}
