package org.plezi.jakarta.internal.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of YAML 1.1 scalars (as SnakeYAML's resolver tagged them) into Java values. Every
 * number is length-bounded first: parsing a huge digit string into a BigInteger or BigDecimal costs
 * time quadratic in its length.
 */
final class CoreScalars {
  /** The longest numeric literal read; longer ones are rejected. */
  static final int MAX_NUMBER_CHARS = 1_000;

  /** The largest BigDecimal scale (either sign) read: its plain form stays small. */
  static final int MAX_DECIMAL_SCALE = 1_000;

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:(?:[Tt]|[ \\t]+)(\\d{1,2}):(\\d\\d):(\\d\\d)(?:\\.(\\d*))?"
              + "(?:[ \\t]*(Z|[-+]\\d{1,2}(?::?\\d\\d)?))?)?");

  private CoreScalars() {}

  /** A YAML 1.1 integer (binary, octal, hex, sexagesimal, underscores), narrowest type first. */
  static Number integer(String text) {
    requireShort(text, "integer");
    String s = text.replace("_", "");
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    BigInteger value;
    try {
      if (s.indexOf(':') >= 0) {
        value = BigInteger.ZERO;
        for (String part : s.split(":", -1)) {
          value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
        }
      } else if (s.startsWith("0b")) {
        value = new BigInteger(s.substring(2), 2);
      } else if (s.startsWith("0x")) {
        value = new BigInteger(s.substring(2), 16);
      } else if (s.length() > 1 && s.startsWith("0")) {
        value = new BigInteger(s.substring(1), 8);
      } else {
        value = new BigInteger(s);
      }
    } catch (NumberFormatException e) {
      throw new UnsafeInputException("invalid integer: " + Envelope.abbreviate(text));
    }
    value = negative ? value.negate() : value;
    if (value.bitLength() < Integer.SIZE) {
      return value.intValue();
    }
    return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
  }

  /** A YAML 1.1 float, including {@code .inf}, {@code .nan} and sexagesimal forms. */
  static Double floating(String text) {
    requireShort(text, "float");
    String s = text.replace("_", "");
    String lower = s.toLowerCase(Locale.ROOT);
    switch (lower) {
      case ".inf", "+.inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-.inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case ".nan" -> {
        return Double.NaN;
      }
      default -> {}
    }
    try {
      if (s.indexOf(':') < 0) {
        return Double.parseDouble(s);
      }
      boolean negative = s.startsWith("-");
      String[] parts = (negative || s.startsWith("+") ? s.substring(1) : s).split(":", -1);
      double value = 0;
      for (String part : parts) {
        value = value * 60 + Double.parseDouble(part);
      }
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      throw new UnsafeInputException("invalid float: " + Envelope.abbreviate(text));
    }
  }

  /** A YAML 1.1 boolean word. */
  static Boolean bool(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on" -> {
        return Boolean.TRUE;
      }
      case "no", "false", "off" -> {
        return Boolean.FALSE;
      }
      default -> throw new UnsafeInputException("invalid boolean: " + Envelope.abbreviate(text));
    }
  }

  /**
   * A date ({@link LocalDate}) or a time ({@link OffsetDateTime}; no zone means UTC as YAML says),
   * or null when the text is not a valid one. Digits past nanoseconds are dropped.
   */
  static Object timestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return date;
      }
      String fraction = m.group(7) == null ? "" : m.group(7);
      fraction = (fraction + "000000000").substring(0, 9);
      return OffsetDateTime.of(
          date.getYear(),
          date.getMonthValue(),
          date.getDayOfMonth(),
          Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)),
          Integer.parseInt(fraction),
          offset(m.group(8)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Psych's BigDecimal dump {@code "<precision hint>:<number>"}; the hint is ignored. */
  static BigDecimal bigDecimal(String text) {
    requireShort(text, "BigDecimal");
    String number = text.substring(text.indexOf(':') + 1).trim();
    try {
      BigDecimal value = new BigDecimal(number);
      if (Math.abs(value.scale()) > MAX_DECIMAL_SCALE) {
        throw new UnsafeInputException("BigDecimal scale beyond " + MAX_DECIMAL_SCALE);
      }
      return value;
    } catch (NumberFormatException e) {
      // Also Ruby's NaN and Infinity, which BigDecimal cannot hold.
      throw new UnsafeInputException(
          "BigDecimal without a Java value: " + Envelope.abbreviate(number));
    }
  }

  /** Base64 content of a {@code !binary} scalar (line breaks allowed). */
  static byte[] binary(String text) {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new UnsafeInputException("invalid base64 in a binary scalar");
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equals("Z")) {
      return ZoneOffset.UTC;
    }
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    String digits = zone.substring(1).replace(":", "");
    int hours;
    int minutes = 0;
    if (digits.length() <= 2) {
      hours = Integer.parseInt(digits);
    } else {
      hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
      minutes = Integer.parseInt(digits.substring(digits.length() - 2));
    }
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  private static void requireShort(String text, String what) {
    if (text.length() > MAX_NUMBER_CHARS) {
      throw new UnsafeInputException(what + " literal longer than " + MAX_NUMBER_CHARS + " chars");
    }
  }
}
