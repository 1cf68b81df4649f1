package org.plezi.jakarta.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The JSON-P side of auto-dispatch: reads a frame into a {@link JsonObject} with a nesting limit,
 * and writes the acknowledgement and {@code err} replies. The provider and its factories are looked
 * up once, at registration: {@code Json.createX} would search for a provider on every call.
 * Thread-safe.
 */
final class JsonCodec {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final JsonProvider provider;
  private final JsonParserFactory parsers;
  private final JsonBuilderFactory builders;
  private final int maxDepth;

  JsonCodec(JsonProvider provider, int maxDepth) {
    this.provider = provider;
    this.parsers = provider.createParserFactory(Map.of());
    this.builders = provider.createBuilderFactory(Map.of());
    this.maxDepth = maxDepth;
  }

  /** A frame that is not a JSON object within the limits; the reason goes to the client. */
  static final class BadMessage extends Exception {
    private static final long serialVersionUID = 1L;

    BadMessage(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Finds a JSON-P implementation: the standard lookup (system property, the context class loader's
   * services, the default class), then the services the application's class loader sees.
   *
   * @return the provider, or null when there is none
   */
  static JsonProvider locate(Supplier<JsonProvider> standard, ClassLoader application) {
    try {
      return standard.get();
    } catch (JsonException | ServiceConfigurationError | LinkageError e) {
      try {
        return ServiceLoader.load(JsonProvider.class, application).findFirst().orElse(null);
      } catch (ServiceConfigurationError | LinkageError again) {
        return null;
      }
    }
  }

  JsonProvider provider() {
    return provider;
  }

  /**
   * Reads a frame that must hold exactly one JSON object, nested at most {@code maxDepth} levels.
   * Streams the parser and builds the tree with an explicit stack, so neither deep input nor the
   * parser's own recursion can exhaust the thread's stack.
   */
  JsonObject readObject(String text) throws BadMessage {
    try (JsonParser parser = parsers.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new BadMessage("not a JSON object");
      }
      JsonObject message = readTree(parser);
      if (parser.hasNext()) {
        throw new BadMessage("text after the JSON object");
      }
      return message;
    } catch (JsonException | NoSuchElementException | IllegalStateException e) {
      throw new BadMessage("malformed JSON");
    }
  }

  /** Builds the object whose START_OBJECT the parser just returned. */
  private JsonObject readTree(JsonParser parser) throws BadMessage {
    Deque<Object> parents = new ArrayDeque<>(); // builders of the enclosing containers
    Deque<String> parentKeys = new ArrayDeque<>(); // the key each open container goes under
    Object current = builders.createObjectBuilder();
    String key = null;
    while (true) {
      JsonParser.Event event = parser.next();
      switch (event) {
        case KEY_NAME -> key = parser.getString();
        case START_OBJECT, START_ARRAY -> {
          if (parents.size() + 2 > maxDepth) {
            throw new BadMessage("nested deeper than " + maxDepth + " levels");
          }
          parents.push(current);
          parentKeys.push(key == null ? "" : key);
          current =
              event == JsonParser.Event.START_OBJECT
                  ? builders.createObjectBuilder()
                  : builders.createArrayBuilder();
          key = null;
        }
        case END_OBJECT, END_ARRAY -> {
          JsonValue done =
              current instanceof JsonObjectBuilder object
                  ? object.build()
                  : ((JsonArrayBuilder) current).build();
          if (parents.isEmpty()) {
            return (JsonObject) done;
          }
          current = parents.pop();
          key = parentKeys.pop();
          add(current, key, done);
          key = null;
        }
        default -> {
          add(current, key, parser.getValue());
          key = null;
        }
      }
    }
  }

  private static void add(Object container, String key, JsonValue value) {
    if (container instanceof JsonObjectBuilder object) {
      object.add(key, value);
    } else {
      ((JsonArrayBuilder) container).add(value);
    }
  }

  /** {@code {"event":"_ack_","_EID_":<eid>}}. */
  String ack(JsonValue eid) {
    return "{\"event\":\"_ack_\",\"_EID_\":" + eid + "}";
  }

  /**
   * An {@code err} reply.
   *
   * @param reason a detail for 400, or null
   * @param request the client's message, or null when it was not a JSON object
   */
  String err(int status, String result, String reason, JsonObject request) {
    JsonObjectBuilder reply =
        builders
            .createObjectBuilder()
            .add("event", "err")
            .add("status", status)
            .add("result", result);
    if (reason != null) {
      reply.add("reason", reason);
    }
    if (request != null) {
      reply.add("request", request);
    }
    return reply.build().toString();
  }

  /** A JSON object as plain, unmodifiable Java values (see {@code AutoDispatch}). */
  static Map<String, Object> toMap(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>(Math.max(4, object.size() * 2));
    object.forEach((name, value) -> map.put(name, toJava(value)));
    return Collections.unmodifiableMap(map);
  }

  private static Object toJava(JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT:
        return toMap((JsonObject) value);
      case ARRAY:
        List<Object> list = new ArrayList<>(((JsonArray) value).size());
        for (JsonValue item : (JsonArray) value) {
          list.add(toJava(item));
        }
        return Collections.unmodifiableList(list);
      case STRING:
        return ((JsonString) value).getString();
      case NUMBER:
        BigDecimal number = ((JsonNumber) value).bigDecimalValue();
        boolean whole =
            number.scale() == 0
                && number.compareTo(LONG_MIN) >= 0
                && number.compareTo(LONG_MAX) <= 0;
        return whole ? number.longValue() : number;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
