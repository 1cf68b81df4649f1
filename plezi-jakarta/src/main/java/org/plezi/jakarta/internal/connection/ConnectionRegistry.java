package org.plezi.jakarta.internal.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The open connections of this server: by local id (unicast in O(1)) and by controller class (a
 * broadcast visits only the connections of the classes it targets). Iteration is weakly consistent:
 * a connection open for the whole of a fan-out is always seen, and no lock is held while frames are
 * sent.
 */
public final class ConnectionRegistry {
  private final ConcurrentHashMap<String, Connection> byLocalId = new ConcurrentHashMap<>();

  /** The connections of each routed class; the sets exist from registration on. */
  private final ConcurrentHashMap<Class<?>, Set<Connection>> byType = new ConcurrentHashMap<>();

  /** Routed classes by their own cluster name. */
  private final ConcurrentHashMap<String, ControllerModel> routes = new ConcurrentHashMap<>();

  /** Per cluster name (of a routed class or any of its ancestors): the sets a broadcast visits. */
  private final ConcurrentHashMap<String, List<Set<Connection>>> byClusterName =
      new ConcurrentHashMap<>();

  /** Makes a routed class known; called at start-up, before any of its connections open. */
  public synchronized void addRoute(ControllerModel model) {
    routes.put(model.clusterName(), model);
    Set<Connection> connections =
        byType.computeIfAbsent(model.type(), t -> ConcurrentHashMap.newKeySet());
    for (Class<?> c = model.type(); c != null && c != Controller.class; c = c.getSuperclass()) {
      String name = ControllerModel.clusterNameOf(c);
      byClusterName.compute(
          name,
          (n, sets) -> {
            List<Set<Connection>> updated =
                sets == null ? new ArrayList<>() : new ArrayList<>(sets);
            if (updated.stream()
                .noneMatch(set -> set == connections)) { // identity: sets compare by content
              updated.add(connections);
            }
            return Collections.unmodifiableList(updated);
          });
    }
  }

  /** A connection opened; it receives what is sent from here on. */
  public void add(Connection connection) {
    byLocalId.put(connection.localId(), connection);
    byType
        .computeIfAbsent(connection.model().type(), t -> ConcurrentHashMap.newKeySet())
        .add(connection);
  }

  /** A connection ended; fan-outs that start from here on skip it. */
  public void remove(Connection connection) {
    byLocalId.remove(connection.localId(), connection);
    Set<Connection> ofType = byType.get(connection.model().type());
    if (ofType != null) {
      ofType.remove(connection);
    }
  }

  /** The routed class with this cluster name, or null. */
  public ControllerModel routeOf(String clusterName) {
    return clusterName == null ? null : routes.get(clusterName);
  }

  /** The connection with this local id, or null. */
  public Connection get(String localId) {
    return byLocalId.get(localId);
  }

  /** A weakly consistent live view of every open connection. */
  public Collection<Connection> all() {
    return Collections.unmodifiableCollection(byLocalId.values());
  }

  /** The live connection sets of the routed classes a broadcast to {@code clusterName} reaches. */
  public List<Set<Connection>> ofClusterName(String clusterName) {
    return byClusterName.getOrDefault(clusterName, List.of());
  }

  /** Every cluster name a broadcast can target, with the sets it reaches (for tests and tools). */
  Map<String, List<Set<Connection>>> clusterNames() {
    return Collections.unmodifiableMap(byClusterName);
  }

  public int size() {
    return byLocalId.size();
  }
}
