package org.plezi.jakarta.internal.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.event.ControllerMethods;
import org.plezi.jakarta.internal.event.EventMethod;
import org.plezi.jakarta.internal.event.EventTable;
import org.plezi.jakarta.internal.event.TextDispatcher;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

/**
 * Auto-dispatch for one controller class: reads each text frame as a JSON object, acknowledges its
 * {@code _EID_}, binds the message to the named event's parameter and writes the result or an
 * {@code err} reply, as {@link AutoDispatch} documents. Everything that depends on the class is
 * decided once, in {@link #create}; a frame costs a parse, a hash lookup and the call. The binding
 * to positional arguments (messages between connections) lives elsewhere and shares the {@link
 * EventTable}. Immutable and thread-safe.
 */
final class JsonDispatcher implements TextDispatcher {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** How a client's message becomes the event method's arguments. */
  private enum Form {
    NONE,
    JSON_OBJECT,
    MAP,
    POJO,
    NOT_CALLABLE
  }

  /** One event as this dispatcher calls it. */
  private record Route(EventMethod method, Form form, Type pojoType, String label) {}

  private final JsonCodec codec;
  private final PojoBinder pojo;
  private final Map<String, Route> routes;
  private final boolean unknownHook;

  private JsonDispatcher(
      JsonCodec codec, PojoBinder pojo, Map<String, Route> routes, boolean unknownHook) {
    this.codec = codec;
    this.pojo = pojo;
    this.routes = routes;
    this.unknownHook = unknownHook;
  }

  /**
   * Builds the dispatcher of a controller class.
   *
   * @param jsonbPresent whether the JSON-B API is on the class path at all
   * @param problems receives each missing piece, naming the class or {@code Class#method}
   * @return the dispatcher, or null when a problem was added
   */
  static JsonDispatcher create(
      Class<? extends Controller> type,
      EventTable events,
      boolean jsonbPresent,
      List<String> problems) {
    ClassLoader loader = type.getClassLoader();
    JsonProvider provider = JsonCodec.locate(JsonProvider::provider, loader);
    if (provider == null) {
      problems.add(
          type.getName()
              + ": @AutoDispatch needs a JSON-P implementation and found "
              + "none; "
              + JsonSetup.JSONP_HINT);
      return null;
    }
    Map<String, Route> routes = new HashMap<>();
    List<String> needJsonb = new ArrayList<>();
    boolean anyForClients = false;
    for (EventMethod method : events.all()) {
      Form form = formOf(method);
      boolean forClients = method.callableBy(Caller.CLIENT);
      anyForClients |= forClients;
      if (forClients && form == Form.NOT_CALLABLE) {
        problems.add(
            method.description()
                + ": @Event(from = CLIENT), but its parameters do not take a JSON message "
                + "(none, a JsonObject, a Map<String, Object> or an application class)");
      }
      if (!forClients && form == Form.POJO) {
        form = Form.NOT_CALLABLE; // only servers call it: no JSON binding needed
      }
      Type pojoType = form == Form.POJO ? method.genericParameterTypes().get(0) : null;
      routes.put(method.name(), new Route(method, form, pojoType, "event '" + method.name() + "'"));
      if (form == Form.NOT_CALLABLE) {
        LOG.log(
            Level.DEBUG,
            () ->
                method.description()
                    + ": clients get 405 for event '"
                    + method.name()
                    + "': its parameters do not take a JSON message");
      } else if (form == Form.POJO) {
        needJsonb.add(
            method.description()
                + ": binding a message to "
                + method.parameterTypes().get(0).getSimpleName());
      } else if (!writableWithoutJsonb(method.returnType())) {
        needJsonb.add(
            method.description()
                + ": writing a "
                + method.returnType().getSimpleName()
                + " as JSON");
      }
    }
    if (!anyForClients && !events.all().isEmpty()) {
      LOG.log(
          Level.INFO,
          () ->
              type.getName()
                  + ": no @Event accepts Caller.CLIENT, so its clients can call none; "
                  + "mark those they may call @Event(from = Caller.CLIENT)");
    }
    PojoBinder pojo = null;
    if (!needJsonb.isEmpty()) {
      pojo = jsonbPresent ? PojoBinder.create(provider, loader) : null;
      if (pojo == null) {
        needJsonb.forEach(
            need ->
                problems.add(
                    need
                        + " needs JSON-B, which this application "
                        + "does not have; "
                        + JsonSetup.JSONB_HINT));
        return null;
      }
    }
    boolean unknownHook = ControllerMethods.overrides(type, "unknown", Map.class);
    return new JsonDispatcher(
        new JsonCodec(provider, AutoDispatch.MAX_DEPTH), pojo, Map.copyOf(routes), unknownHook);
  }

  @Override
  public void receive(Target connection, String text) {
    JsonObject message;
    try {
      message = codec.readObject(text);
    } catch (JsonCodec.BadMessage e) {
      refuse(connection, e.getMessage(), null);
      return;
    }
    JsonValue event = message.get("event");
    if (!(event instanceof JsonString name)) {
      refuse(connection, event == null ? "no event" : "the event is not a string", message);
      return;
    }
    if (name.getString().equals(MailAcks.EVENT)) { // issue 18: never dispatched, never acked
      String problem = MailAcks.confirm(connection, message);
      if (problem != null) {
        refuse(connection, problem, null);
      }
      return;
    }
    if (name.getString().equals(ChannelRecovery.EVENT)) { // issue 18: as the above
      String problem = ChannelRecovery.request(connection, message);
      if (problem != null) {
        refuse(connection, problem, null);
      }
      return;
    }
    JsonValue eid = message.get("_EID_");
    if (eid != null) {
      connection.sendText(codec.ack(eid));
    }
    Route route = routes.get(name.getString());
    if (route == null) {
      unknown(connection, message);
      return;
    }
    if (!route.method().callableBy(Caller.CLIENT)) {
      connection.metrics().rejected(RouteMetrics.Rejection.NOT_CALLABLE);
      connection.sendText(
          codec.err(
              405,
              "not callable by clients",
              "the event accepts calls from other connections only",
              message));
      return;
    }
    Object[] arguments;
    try {
      arguments = arguments(route, message, text);
    } catch (PojoBinder.BindingFailed e) {
      LOG.log(Level.DEBUG, () -> connection + ": " + route.label() + " refused: " + e.getMessage());
      refuse(connection, "the message does not fit the event", message);
      return;
    }
    if (arguments == null) {
      connection.metrics().rejected(RouteMetrics.Rejection.NOT_CALLABLE);
      connection.sendText(codec.err(405, "not callable by clients", null, message));
      return;
    }
    String[] reply = new String[1];
    Controller controller = connection.controller();
    boolean ok =
        connection.invoke(
            route.label(), () -> reply[0] = render(route.method().invoke(controller, arguments)));
    connection.metrics().dispatched(RouteMetrics.Source.CLIENT, ok);
    finish(connection, ok, reply[0], message);
  }

  /** The arguments for the route's form; null when clients cannot call it. */
  private Object[] arguments(Route route, JsonObject message, String text)
      throws PojoBinder.BindingFailed {
    return switch (route.form()) {
      case NONE -> new Object[0];
      case JSON_OBJECT -> new Object[] {message};
      case MAP -> new Object[] {JsonCodec.toMap(message)};
      case POJO -> new Object[] {pojo.read(text, route.pojoType())};
      case NOT_CALLABLE -> null;
    };
  }

  private void unknown(Target connection, JsonObject message) {
    if (!unknownHook) {
      connection.metrics().rejected(RouteMetrics.Rejection.NOT_FOUND);
      connection.sendText(codec.err(404, "not found", null, message));
      return;
    }
    Map<String, Object> map = JsonCodec.toMap(message);
    String[] reply = new String[1];
    Controller controller = connection.controller();
    boolean ok =
        connection.invoke(
            "unknown", () -> reply[0] = ControllerHooks.get().unknown(controller, map));
    connection.metrics().dispatched(RouteMetrics.Source.CLIENT, ok);
    finish(connection, ok, reply[0], message);
  }

  private void finish(Target connection, boolean ok, String reply, JsonObject message) {
    if (!ok) {
      connection.sendText(codec.err(500, "internal error", null, message));
    } else if (reply != null) {
      connection.sendText(reply);
    }
  }

  private void refuse(Target connection, String reason, JsonObject message) {
    connection.metrics().rejected(RouteMetrics.Rejection.BAD_REQUEST);
    LOG.log(Level.DEBUG, () -> connection + ": bad request: " + reason);
    connection.sendText(codec.err(400, "bad request", reason, message));
  }

  /** A return value as the text to write; runs under the connection's lock, like the method. */
  @Override
  public String render(Object result) {
    if (result == null) {
      return null;
    } else if (result instanceof String text) {
      return text;
    } else if (result instanceof JsonValue json) {
      return json.toString();
    } else if (pojo == null) {
      throw new IllegalStateException("no JSON-B to write a " + result.getClass().getName());
    }
    return pojo.write(result);
  }

  private static Form formOf(EventMethod method) {
    if (method.arity() == 0) {
      return Form.NONE;
    } else if (method.arity() > 1) {
      return Form.NOT_CALLABLE;
    }
    Class<?> type = method.parameterTypes().get(0);
    if (type == JsonObject.class) {
      return Form.JSON_OBJECT;
    } else if (type == Map.class) {
      return isStringToObject(method.genericParameterTypes().get(0)) ? Form.MAP : Form.NOT_CALLABLE;
    }
    return isApplicationClass(type) ? Form.POJO : Form.NOT_CALLABLE;
  }

  /** {@code Map}, {@code Map<String, Object>} or {@code Map<String, ?>}. */
  private static boolean isStringToObject(Type type) {
    if (!(type instanceof ParameterizedType generic)) {
      return true;
    }
    Type[] arguments = generic.getActualTypeArguments();
    boolean anyValue =
        arguments[1] == Object.class
            || (arguments[1] instanceof WildcardType wildcard
                && wildcard.getLowerBounds().length == 0
                && wildcard.getUpperBounds()[0] == Object.class);
    return arguments[0] == String.class && anyValue;
  }

  private static boolean isApplicationClass(Class<?> type) {
    String pkg = type.getPackageName();
    boolean platform =
        pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jakarta.");
    boolean innerOfInstance = type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
    return !platform
        && !type.isPrimitive()
        && !type.isArray()
        && !type.isInterface()
        && !type.isEnum()
        && !Modifier.isAbstract(type.getModifiers())
        && !innerOfInstance
        && !Controller.class.isAssignableFrom(type);
  }

  private static boolean writableWithoutJsonb(Class<?> type) {
    return type == void.class
        || type == Void.class
        || type == String.class
        || JsonValue.class.isAssignableFrom(type);
  }
}
