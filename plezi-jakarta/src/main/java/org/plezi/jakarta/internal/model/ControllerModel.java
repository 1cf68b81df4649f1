package org.plezi.jakarta.internal.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.ClusterName;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.event.EventTable;
import org.plezi.jakarta.internal.event.TextDispatcher;

/**
 * What the runtime knows of one controller class, checked once at start-up by {@link
 * ControllerChecks}: its route, how to construct it, which kinds of frame it handles, its events
 * and, for {@link AutoDispatch} controllers, the dispatcher its text frames go to. Immutable.
 */
public final class ControllerModel {
  private final Class<? extends Controller> type;
  private final RouteTemplate route;

  /** The no-argument constructor (made accessible), or null when only CDI can make the class. */
  private final Constructor<? extends Controller> constructor;

  private final boolean handlesText;
  private final boolean handlesBinary;
  private final EventTable events;

  /** The static failed-unicast callback, or null. */
  private final Method failedUnicast;

  /** Where text frames go instead of onMessage(String); null unless @AutoDispatch. */
  private final TextDispatcher textDispatcher;

  /** The name broadcasts address this class by, read once. */
  private final String clusterName;

  ControllerModel(
      Class<? extends Controller> type,
      RouteTemplate route,
      Constructor<? extends Controller> constructor,
      boolean handlesText,
      boolean handlesBinary,
      EventTable events,
      Method failedUnicast,
      TextDispatcher textDispatcher) {
    this.type = type;
    this.route = route;
    this.constructor = constructor;
    this.handlesText = handlesText;
    this.handlesBinary = handlesBinary;
    this.events = events;
    this.failedUnicast = failedUnicast;
    this.textDispatcher = textDispatcher;
    this.clusterName = clusterNameOf(type);
  }

  /** The name broadcasts address a class by: its {@link ClusterName}, else its full name. */
  public static String clusterNameOf(Class<?> type) {
    ClusterName explicit = type.getAnnotation(ClusterName.class);
    return explicit == null ? type.getName() : explicit.value();
  }

  /**
   * Creates a controller instance with the no-argument constructor.
   *
   * @throws InstantiationException when the class has only an {@code @Inject} constructor
   */
  public Controller instantiate() throws ReflectiveOperationException {
    if (constructor == null) {
      throw new InstantiationException(type.getName() + " has only an @Inject constructor");
    }
    return constructor.newInstance();
  }

  /** False when the class has only an {@code @Inject} constructor, which only CDI can call. */
  public boolean hasNoArgumentConstructor() {
    return constructor != null;
  }

  public Class<? extends Controller> type() {
    return type;
  }

  public RouteTemplate route() {
    return route;
  }

  /** Whether text frames have a handler. */
  public boolean handlesText() {
    return handlesText;
  }

  /** Whether binary frames have a handler. */
  public boolean handlesBinary() {
    return handlesBinary;
  }

  /** The class's events, the only methods reachable from the wire. */
  public EventTable events() {
    return events;
  }

  /** The static failed-unicast callback of the class (or an ancestor), or null. */
  public Method failedUnicast() {
    return failedUnicast;
  }

  /** Whether an event method's return value is written to the client (auto-dispatch). */
  public boolean writesEventResults() {
    return autoDispatch();
  }

  /** The name other servers (and other languages) address this class's broadcasts with. */
  public String clusterName() {
    return clusterName;
  }

  /** Whether text frames are JSON events ({@link AutoDispatch}). */
  public boolean autoDispatch() {
    return textDispatcher != null;
  }

  /** Where text frames go instead of onMessage(String); null unless {@link #autoDispatch()}. */
  public TextDispatcher textDispatcher() {
    return textDispatcher;
  }

  /** A controller that handles no frames refuses websocket upgrades. */
  public boolean acceptsWebsocket() {
    return handlesText || handlesBinary;
  }

  @Override
  public String toString() {
    return type.getName() + " at " + route;
  }
}
