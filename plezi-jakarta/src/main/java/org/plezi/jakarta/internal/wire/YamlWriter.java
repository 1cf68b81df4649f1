package org.plezi.jakarta.internal.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one YAML document in the block layout libyaml gives Psych's output: two-space indents,
 * sequences under a mapping key not indented, nested collections in a sequence item starting on the
 * item's line, empty collections as {@code []} and {@code {}}, null as nothing.
 *
 * <p>Only the types {@link EnvelopeCodec} documents are written; anything else is an {@link
 * IllegalArgumentException}, never a bean or a reflective dump. Depth and value count follow the
 * same {@link Limits} the reader enforces, so what is written can be read back by a peer with the
 * same limits. One instance writes one document on one thread.
 */
final class YamlWriter {
  /** A value to be written as a Ruby symbol; only the envelope's own fields use it. */
  record Symbol(String name) {}

  /** libyaml writes a longer key as an explicit {@code ? key} entry. */
  private static final int SIMPLE_KEY_MAX_BYTES = 128;

  private final StringBuilder out = new StringBuilder(256);
  private final Limits limits;

  /** Values written so far, counted like the reader counts nodes. */
  private long nodes;

  private YamlWriter(Limits limits) {
    this.limits = limits;
  }

  /**
   * The document {@code ---} followed by a top-level mapping whose keys are written as symbols.
   *
   * @throws IllegalArgumentException for an unsupported value or a limit exceeded
   */
  static String document(Map<String, Object> root, Limits limits) {
    YamlWriter writer = new YamlWriter(limits);
    writer.out.append("---");
    writer.count();
    writer.mapping(root, 0, false, true, 1);
    writer.out.append('\n');
    String text = writer.out.toString();
    long bytes = EnvelopeCodec.utf8Length(text, limits.maxPayloadBytes());
    if (bytes > limits.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "encoded envelope exceeds " + limits.maxPayloadBytes() + " bytes");
    }
    return text;
  }

  private void mapping(Map<?, ?> map, int indent, boolean inline, boolean symbols, int depth) {
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      newLine(indent, inline && first);
      first = false;
      count();
      String key = keyText(entry.getKey(), symbols);
      if (key.getBytes(StandardCharsets.UTF_8).length > SIMPLE_KEY_MAX_BYTES) {
        out.append("? ").append(key);
        newLine(indent, false);
        out.append(':');
        value(entry.getValue(), indent, true, depth);
      } else {
        out.append(key).append(':');
        value(entry.getValue(), indent, false, depth);
      }
    }
  }

  private void sequence(List<?> list, int indent, boolean inline, int depth) {
    boolean first = true;
    for (Object item : list) {
      newLine(indent, inline && first);
      first = false;
      out.append('-');
      value(item, indent, true, depth);
    }
  }

  /**
   * Writes a value after its indicator: {@code key:} when not compact, {@code -} or an explicit
   * entry's {@code :} when compact (then nested content starts on the same line).
   *
   * @param indent the column of the key or indicator
   * @param depth the number of collections enclosing the value
   */
  private void value(Object value, int indent, boolean compact, int depth) {
    count();
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      PsychScalars.Style style = PsychScalars.styleOf(s, false);
      out.append(' ');
      if (style == PsychScalars.Style.LITERAL) {
        PsychScalars.appendLiteral(out, s, indent + 2);
      } else {
        PsychScalars.appendInline(out, s, style);
      }
      return;
    }
    String scalar = scalarText(value);
    if (scalar != null) {
      out.append(' ').append(scalar);
      return;
    }
    if (depth >= limits.maxDepth()) {
      throw new IllegalArgumentException("nesting deeper than " + limits.maxDepth());
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append(" []");
      } else if (compact) {
        out.append(' ');
        sequence(list, indent + 2, true, depth + 1);
      } else {
        sequence(list, indent, false, depth + 1);
      }
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(" {}");
      } else {
        out.append(compact ? " " : "");
        mapping(map, indent + 2, compact, true, depth + 1);
      }
    } else if (value instanceof Set<?> set) {
      rubySet(set, indent + 2, depth + 1);
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + value.getClass().getName() + " to the cluster envelope");
    }
  }

  /** A Ruby Set is an object whose one instance variable, hash, maps each element to true. */
  private void rubySet(Set<?> set, int indent, int depth) {
    if (depth >= limits.maxDepth()) {
      throw new IllegalArgumentException("nesting deeper than " + limits.maxDepth());
    }
    out.append(" !ruby/object:Set");
    newLine(indent, false);
    out.append("hash:");
    count();
    count();
    if (set.isEmpty()) {
      out.append(" {}");
      return;
    }
    Map<Object, Object> hash = new LinkedHashMap<>();
    for (Object element : set) {
      hash.put(element, Boolean.TRUE);
    }
    mapping(hash, indent + 2, false, false, depth + 1);
  }

  /** A key (or Set element) on one line: a symbol for a String when {@code symbols}. */
  private String keyText(Object key, boolean symbols) {
    if (key == null) {
      return "~";
    }
    if (key instanceof String s) {
      if (symbols) {
        return PsychScalars.symbol(s);
      }
      StringBuilder text = new StringBuilder();
      PsychScalars.appendInline(text, s, PsychScalars.styleOf(s, true));
      return text.toString();
    }
    String scalar = scalarText(key);
    if (scalar == null) {
      throw new IllegalArgumentException(
          "map keys and set elements must be scalars, not a " + key.getClass().getName());
    }
    return scalar;
  }

  /** The text of a non-String scalar, or null if the value is not one. */
  private static String scalarText(Object value) {
    if (value instanceof Symbol symbol) {
      return PsychScalars.symbol(symbol.name());
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return value.toString();
    }
    if (value instanceof BigInteger big) {
      return requireReadable(big.toString());
    }
    if (value instanceof Double d) {
      return PsychScalars.formatFloat(d, Double.toString(d));
    }
    if (value instanceof Float f) {
      return PsychScalars.formatFloat(f, Float.toString(f));
    }
    if (value instanceof BigDecimal decimal) {
      requireReadable(decimal.toString());
      if (Math.abs(decimal.scale()) > CoreScalars.MAX_DECIMAL_SCALE) {
        throw new IllegalArgumentException(
            "BigDecimal scale beyond " + CoreScalars.MAX_DECIMAL_SCALE);
      }
      return PsychScalars.formatBigDecimal(decimal);
    }
    if (value instanceof OffsetDateTime time) {
      return PsychScalars.formatTime(time);
    }
    if (value instanceof Instant instant) {
      return PsychScalars.formatTime(instant.atOffset(ZoneOffset.UTC));
    }
    if (value instanceof ZonedDateTime zoned) {
      return PsychScalars.formatTime(zoned.toOffsetDateTime());
    }
    if (value instanceof LocalDate date) {
      return PsychScalars.formatDate(date);
    }
    return null;
  }

  /** A number the reader would refuse as too long is refused here already. */
  private static String requireReadable(String number) {
    if (number.length() > CoreScalars.MAX_NUMBER_CHARS) {
      throw new IllegalArgumentException(
          "number longer than " + CoreScalars.MAX_NUMBER_CHARS + " digits");
    }
    return number;
  }

  private void newLine(int indent, boolean stayOnLine) {
    if (!stayOnLine) {
      out.append('\n').append(" ".repeat(indent));
    }
  }

  private void count() {
    if (++nodes > limits.maxNodes()) {
      throw new IllegalArgumentException("more than " + limits.maxNodes() + " values");
    }
  }
}
