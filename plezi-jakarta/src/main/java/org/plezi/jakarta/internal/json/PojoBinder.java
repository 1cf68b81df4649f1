package org.plezi.jakarta.internal.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.spi.JsonbProvider;
import jakarta.json.spi.JsonProvider;
import java.lang.reflect.Type;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JSON-B side of auto-dispatch: binds messages to application classes and writes return values
 * as JSON. Kept apart from {@link JsonCodec} so that applications using only {@code JsonObject} and
 * {@code Map} need no JSON-B at all. Thread-safe, like the {@link Jsonb} it wraps.
 */
final class PojoBinder {
  private final Jsonb jsonb;

  private PojoBinder(Jsonb jsonb) {
    this.jsonb = jsonb;
  }

  /** A message that does not bind to the event's parameter class. */
  static final class BindingFailed extends Exception {
    private static final long serialVersionUID = 1L;

    BindingFailed(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }

  /**
   * Creates a binder with the standard JSON-B lookup, then the services the application's class
   * loader sees; JSON-B parses with the given JSON-P provider.
   *
   * @return the binder, or null when no JSON-B implementation is found
   */
  static PojoBinder create(JsonProvider json, ClassLoader application) {
    try {
      return new PojoBinder(JsonbBuilder.newBuilder().withProvider(json).build());
    } catch (JsonbException | ServiceConfigurationError | LinkageError e) {
      try {
        return ServiceLoader.load(JsonbProvider.class, application)
            .findFirst()
            .map(p -> new PojoBinder(p.create().withProvider(json).build()))
            .orElse(null);
      } catch (JsonbException | ServiceConfigurationError | LinkageError again) {
        return null;
      }
    }
  }

  /** Binds a whole message to an instance of {@code type}. */
  Object read(String message, Type type) throws BindingFailed {
    try {
      return jsonb.fromJson(message, type);
    } catch (JsonbException
        | jakarta.json.JsonException
        | IllegalArgumentException
        | ArithmeticException e) {
      throw new BindingFailed(e);
    }
  }

  /** Writes a value as JSON. */
  String write(Object value) {
    return jsonb.toJson(value);
  }
}
