package org.plezi.jakarta.internal.base;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists, sets and maps converted to a parameter's collection type and element types. */
final class Containers {
  private Containers() {}

  static Object convert(Object value, Class<?> type, Type generic) throws CoreValues.Mismatch {
    if (value instanceof Map<?, ?> map) {
      if (!type.isAssignableFrom(Map.class)) {
        throw new CoreValues.Mismatch("a Map for " + type.getName());
      }
      Type valueType = typeArgument(generic, 1);
      if (valueType == Object.class) {
        return map;
      }
      Map<Object, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        converted.put(entry.getKey(), element(entry.getValue(), valueType));
      }
      return Collections.unmodifiableMap(converted);
    }
    Collection<?> collection = (Collection<?>) value;
    boolean isSet = collection instanceof Set;
    boolean fits = isSet ? type.isAssignableFrom(Set.class) : type.isAssignableFrom(List.class);
    if (!fits) {
      throw new CoreValues.Mismatch("a " + (isSet ? "Set" : "List") + " for " + type.getName());
    }
    Type elementType = typeArgument(generic, 0);
    if (elementType == Object.class) {
      return collection;
    }
    Collection<Object> converted = isSet ? new LinkedHashSet<>() : new ArrayList<>();
    for (Object element : collection) {
      converted.add(element(element, elementType));
    }
    return isSet
        ? Collections.unmodifiableSet((Set<Object>) converted)
        : Collections.unmodifiableList((List<Object>) converted);
  }

  private static Object element(Object value, Type type) throws CoreValues.Mismatch {
    return CoreValues.convert(value, raw(type), type);
  }

  /** The n-th type argument, or Object when absent, a wildcard or a type variable. */
  private static Type typeArgument(Type generic, int index) {
    if (generic instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (index < arguments.length) {
        Type argument = arguments[index];
        if (argument instanceof WildcardType wildcard) {
          Type[] upper = wildcard.getUpperBounds();
          return upper.length == 1 ? upper[0] : Object.class;
        }
        if (argument instanceof Class<?> || argument instanceof ParameterizedType) {
          return argument;
        }
      }
    }
    return Object.class;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }
}
