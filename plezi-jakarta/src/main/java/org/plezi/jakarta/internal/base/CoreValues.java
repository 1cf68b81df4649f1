package org.plezi.jakarta.internal.base;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values that travel between connections: checked and frozen once per send, and converted to an
 * event method's parameter types on receipt where nothing is lost.
 */
public final class CoreValues {
  /** Deeper argument trees are refused (this also stops cycles). */
  static final int MAX_DEPTH = 64;

  private CoreValues() {}

  /**
   * An immutable deep copy of the arguments.
   *
   * @throws IllegalArgumentException naming the first value that is not a core value
   */
  public static List<Object> freeze(Object... args) {
    if (args == null || args.length == 0) {
      return List.of();
    }
    List<Object> frozen = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      frozen.add(freeze(args[i], 0, "argument " + i));
    }
    return Collections.unmodifiableList(frozen);
  }

  private static Object freeze(Object value, int depth, String where) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(where + " is nested deeper than " + MAX_DEPTH);
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal
        || value instanceof Instant
        || value instanceof OffsetDateTime
        || value instanceof ZonedDateTime
        || value instanceof LocalDate
        || value instanceof LocalDateTime
        || value instanceof LocalTime) {
      return value;
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Set<?> set) {
      Set<Object> copy = new LinkedHashSet<>();
      for (Object element : set) {
        copy.add(freeze(element, depth + 1, where));
      }
      return Collections.unmodifiableSet(copy);
    }
    if (value instanceof Collection<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(freeze(element, depth + 1, where));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Object[] array) {
      return freeze(List.of(array), depth, where);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              where
                  + " has a map key that is not a String: "
                  + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
        }
        copy.put(key, freeze(entry.getValue(), depth + 1, where));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException(
        where
            + " is a "
            + value.getClass().getName()
            + ", not a core value (String, number, Boolean, null, List, Set, Map, java.time)");
  }

  /** A value that does not fit a parameter. */
  public static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    public Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Converts a frozen value to a parameter type without losing anything.
   *
   * @param generic the parameter's generic type, for element conversion of collections and maps
   * @throws Mismatch when it does not fit
   */
  public static Object convert(Object value, Class<?> type, java.lang.reflect.Type generic)
      throws Mismatch {
    if (type == Object.class) {
      return value;
    }
    if (value == null) {
      if (type.isPrimitive()) {
        throw new Mismatch("null for " + type.getName());
      }
      return null;
    }
    Class<?> boxed = box(type);
    if (value instanceof Number number && (Number.class.isAssignableFrom(boxed))) {
      return Numbers.convert(number, boxed);
    }
    if (boxed.isInstance(value) && !(value instanceof Collection) && !(value instanceof Map)) {
      return value;
    }
    if (boxed.isEnum() && value instanceof String name) {
      for (Object constant : boxed.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(name)) {
          return constant;
        }
      }
      throw new Mismatch("'" + name + "' is no constant of " + boxed.getName());
    }
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return Containers.convert(value, boxed, generic);
    }
    Object time = Times.convert(value, boxed);
    if (time != null) {
      return time;
    }
    throw new Mismatch(value.getClass().getSimpleName() + " for " + type.getName());
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }

  /** Instants and zoned date-times convert into each other; the instant is kept exactly. */
  private static final class Times {
    static Object convert(Object value, Class<?> type) {
      Instant instant = null;
      if (value instanceof Instant i) {
        instant = i;
      } else if (value instanceof OffsetDateTime o) {
        instant = o.toInstant();
      } else if (value instanceof ZonedDateTime z) {
        instant = z.toInstant();
      }
      if (instant == null) {
        return null;
      }
      if (type == Instant.class) {
        return instant;
      }
      if (type == OffsetDateTime.class) {
        return value instanceof ZonedDateTime z
            ? z.toOffsetDateTime()
            : instant.atOffset(ZoneOffset.UTC);
      }
      if (type == ZonedDateTime.class) {
        return value instanceof OffsetDateTime o
            ? o.toZonedDateTime()
            : instant.atZone(ZoneOffset.UTC);
      }
      if (type == Date.class) {
        return Date.from(instant);
      }
      return null;
    }
  }
}
