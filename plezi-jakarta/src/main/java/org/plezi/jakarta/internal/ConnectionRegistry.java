package org.plezi.jakarta.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/** The open connections of this server, by local id. Safe for concurrent use. */
public final class ConnectionRegistry {
  private final ConcurrentHashMap<String, Connection> byLocalId = new ConcurrentHashMap<>();

  void add(Connection connection) {
    byLocalId.put(connection.localId(), connection);
  }

  void remove(Connection connection) {
    byLocalId.remove(connection.localId(), connection);
  }

  /** The connection with this local id, or null. */
  public Connection get(String localId) {
    return byLocalId.get(localId);
  }

  /** A weakly consistent live view of every open connection. */
  public Collection<Connection> all() {
    return Collections.unmodifiableCollection(byLocalId.values());
  }

  public int size() {
    return byLocalId.size();
  }
}
