package org.plezi.jakarta.internal.base;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Number conversions that refuse to round, truncate or overflow. */
final class Numbers {
  private Numbers() {}

  static Object convert(Number value, Class<?> target) throws CoreValues.Mismatch {
    if (target.isInstance(value)) {
      return value;
    }
    BigDecimal exact = exact(value);
    try {
      if (target == Integer.class) {
        return exact.intValueExact();
      }
      if (target == Long.class) {
        return exact.longValueExact();
      }
      if (target == Short.class) {
        return exact.shortValueExact();
      }
      if (target == Byte.class) {
        return exact.byteValueExact();
      }
      if (target == BigInteger.class) {
        return exact.toBigIntegerExact();
      }
      if (target == BigDecimal.class) {
        return exact;
      }
      if (target == Double.class) {
        double d = exact.doubleValue();
        if (Double.isFinite(d) && new BigDecimal(d).compareTo(exact) == 0) {
          return d;
        }
      }
      if (target == Float.class) {
        float f = exact.floatValue();
        if (Float.isFinite(f) && new BigDecimal(f).compareTo(exact) == 0) {
          return f;
        }
      }
      if (target == Number.class) {
        return value;
      }
    } catch (ArithmeticException e) {
      // falls through to the mismatch
    }
    throw new CoreValues.Mismatch(value + " does not fit " + target.getSimpleName());
  }

  private static BigDecimal exact(Number value) throws CoreValues.Mismatch {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        throw new CoreValues.Mismatch(d + " is not a finite number");
      }
      return new BigDecimal(d);
    }
    return BigDecimal.valueOf(value.longValue());
  }
}
