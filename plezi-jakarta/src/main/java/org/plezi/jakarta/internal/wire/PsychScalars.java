package org.plezi.jakarta.internal.wire;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Scalars written the way Psych (over libyaml) writes them, so a Ruby reader and SnakeYAML both
 * read back exactly the value written. See {@link EnvelopeCodec} for the format facts.
 */
final class PsychScalars {
  /** How a string is written. */
  enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL
  }

  /** Plain scalars Psych would read as something other than a String (beyond YAML 1.1's rules). */
  private static final Pattern PSYCH_NOT_STRING =
      Pattern.compile(
          "(?i:~|null|yes|true|on|no|false|off|y|n|[-+]?\\.inf|\\.nan)"
              // Ruby times and dates
              + "|-?\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|\\s+)\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d*)?"
              + "(?:\\s*(?:Z|[-+]\\d{1,2}:?(?:\\d\\d)?))?"
              + "|\\d{4}-\\d{1,2}-\\d{1,2}"
              // sexagesimal and Psych's float (commas and underscores allowed)
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?"
              + "|[-+]?(?:[0-9][0-9_,]*)?\\.[0-9]*(?:[eE][-+][0-9]+)?");

  /** What Ruby's Integer() accepts once Psych has removed commas and underscores. */
  private static final Pattern RUBY_INTEGER =
      Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[dD][0-9]+|[0-9]+)");

  private PsychScalars() {}

  /**
   * The style Psych and libyaml would pick for a string, made safer where they would need an
   * indentation indicator: such strings are double-quoted instead.
   *
   * @param key whether the string is a mapping key (never a block scalar)
   * @throws IllegalArgumentException if the string holds an unpaired surrogate
   */
  static Style styleOf(String s, boolean key) {
    if (s.isEmpty()) {
      return Style.SINGLE;
    }
    int flags = scan(s);
    if ((flags & SPECIAL) != 0) {
      return Style.DOUBLE;
    }
    if ((flags & BREAKS) != 0) {
      return !key && literalAllowed(s) ? Style.LITERAL : Style.DOUBLE;
    }
    if (!isWordChar(s.codePointAt(0)) && s.indexOf('"') < 0) {
      return Style.DOUBLE;
    }
    if (readAsNonString(s)) {
      return Style.SINGLE;
    }
    return plainAllowed(s) ? Style.PLAIN : Style.SINGLE;
  }

  /** Appends a one-line scalar in the given style (not {@link Style#LITERAL}). */
  static void appendInline(StringBuilder out, String s, Style style) {
    switch (style) {
      case PLAIN -> out.append(s);
      case SINGLE -> out.append('\'').append(s.replace("'", "''")).append('\'');
      case DOUBLE -> appendDoubleQuoted(out, s);
      case LITERAL -> throw new IllegalArgumentException("a literal block is not inline");
    }
  }

  /**
   * Appends a literal block scalar: its header, then each line on its own line indented by {@code
   * indent} spaces. The caller ends the last line.
   */
  static void appendLiteral(StringBuilder out, String s, int indent) {
    int trailing = 0;
    while (trailing < s.length() && s.charAt(s.length() - 1 - trailing) == '\n') {
      trailing++;
    }
    out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    String[] lines = s.split("\n", -1);
    int count = trailing == 0 ? lines.length : lines.length - 1;
    for (int i = 0; i < count; i++) {
      out.append('\n');
      if (!lines[i].isEmpty()) {
        out.append(" ".repeat(indent)).append(lines[i]);
      }
    }
  }

  /**
   * A Ruby symbol: {@code :name} plain, or tagged and double-quoted where a plain one would not
   * read back as the same name (Psych would quote it and so turn it into a String).
   *
   * @throws IllegalArgumentException if the name holds an unpaired surrogate
   */
  static String symbol(String name) {
    String text = ":" + name;
    // Psych reads :"x" and :'x' as the symbol x, so a leading quote must not go plain.
    boolean plain =
        !name.isEmpty()
            && scan(name) == 0
            && name.charAt(0) != '"'
            && name.charAt(0) != '\''
            && plainAllowed(text)
            && !yamlNonString(text);
    if (plain) {
      return text;
    }
    StringBuilder out = new StringBuilder("!ruby/symbol ");
    appendDoubleQuoted(out, name);
    return out.toString();
  }

  /** A float as Ruby's Float#to_s writes it: fixed notation near 1, else {@code d.ddde+XX}. */
  static String formatFloat(double d, String shortestDigits) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal decimal = new BigDecimal(shortestDigits).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent >= -4 && exponent <= 15) {
      String plain = decimal.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    String digits = decimal.unscaledValue().abs().toString();
    String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
    return (d < 0 ? "-" : "") + mantissa + String.format(Locale.ROOT, "e%+03d", exponent);
  }

  /**
   * A BigDecimal as Psych writes one: {@code !ruby/object:BigDecimal} over Ruby's dump form {@code
   * "<precision hint>:<digits>"}. Java's own notation keeps the scale exact.
   */
  static String formatBigDecimal(BigDecimal value) {
    int hint = 9 * ((value.precision() + 8) / 9 + 1);
    return "!ruby/object:BigDecimal " + hint + ":" + value;
  }

  /** A time as Psych writes a Ruby Time: nanoseconds always, {@code Z} for UTC. */
  static String formatTime(OffsetDateTime time) {
    requireYear(time.getYear());
    int offset = time.getOffset().getTotalSeconds();
    if (offset % 60 != 0) {
      throw new IllegalArgumentException("an offset with seconds has no Ruby form: " + time);
    }
    String zone =
        offset == 0
            ? "Z"
            : String.format(
                Locale.ROOT,
                "%s%02d:%02d",
                offset < 0 ? "-" : "+",
                Math.abs(offset) / 3600,
                Math.abs(offset) / 60 % 60);
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02d %02d:%02d:%02d.%09d %s",
        time.getYear(),
        time.getMonthValue(),
        time.getDayOfMonth(),
        time.getHour(),
        time.getMinute(),
        time.getSecond(),
        time.getNano(),
        zone);
  }

  /** A date as Psych writes a Ruby Date. */
  static String formatDate(LocalDate date) {
    requireYear(date.getYear());
    return String.format(
        Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  private static void requireYear(int year) {
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("YAML timestamps have four-digit years: " + year);
    }
  }

  private static final int SPECIAL = 1;
  private static final int BREAKS = 2;

  /** {@link #SPECIAL} if a char needs an escape, {@link #BREAKS} if there is a line feed. */
  private static int scan(String s) {
    int flags = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        throw new IllegalArgumentException("string holds an unpaired surrogate at index " + i);
      }
      flags |= cp == '\n' ? BREAKS : mustEscape(cp) ? SPECIAL : 0;
      i += Character.charCount(cp);
    }
    return flags;
  }

  /** libyaml's printable set; everything else (tab included) is written as an escape. */
  private static boolean isPrintable(int cp) {
    return cp == 0x0A
        || (cp >= 0x20 && cp <= 0x7E)
        || cp == 0x85
        || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private static boolean mustEscape(int cp) {
    return !isPrintable(cp) || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  /** Onigmo's [[:word:]]: letters, marks, decimal digits and connector punctuation. */
  private static boolean isWordChar(int cp) {
    int type = Character.getType(cp);
    return Character.isLetter(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.CONNECTOR_PUNCTUATION;
  }

  /**
   * Whether a YAML 1.1 reader might resolve the plain text to another type. SnakeYAML's own
   * patterns (immutable, so shared safely) are tried regardless of the first character and length
   * the resolver would look at first: erring towards quoting costs nothing.
   */
  private static boolean yamlNonString(String s) {
    for (Pattern pattern :
        List.of(
            Resolver.BOOL,
            Resolver.INT,
            Resolver.FLOAT,
            Resolver.MERGE,
            Resolver.NULL,
            Resolver.EMPTY,
            Resolver.TIMESTAMP,
            Resolver.VALUE,
            Resolver.YAML)) {
      if (pattern.matcher(s).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether SnakeYAML (YAML 1.1) or Psych would read the plain text as a non-string. */
  private static boolean readAsNonString(String s) {
    return yamlNonString(s)
        || s.startsWith(":")
        || PSYCH_NOT_STRING.matcher(s).matches()
        || RUBY_INTEGER.matcher(s.replace(",", "").replace("_", "")).matches();
  }

  /** libyaml's rules for a plain scalar in block context, for a one-line printable string. */
  private static boolean plainAllowed(String s) {
    int last = s.length() - 1;
    if (s.charAt(0) == ' '
        || s.charAt(last) == ' '
        || s.startsWith("---")
        || s.startsWith("...")
        || "#,[]{}&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
      return false;
    }
    if ("?:-".indexOf(s.charAt(0)) >= 0 && (last == 0 || s.charAt(1) == ' ')) {
      return false;
    }
    for (int i = 1; i <= last; i++) {
      char c = s.charAt(i);
      if (c == ':' && (i == last || s.charAt(i + 1) == ' ')) {
        return false;
      }
      if (c == '#' && s.charAt(i - 1) == ' ') {
        return false;
      }
    }
    return true;
  }

  /** A literal block needs no indentation indicator and keeps every space. */
  private static boolean literalAllowed(String s) {
    char first = s.charAt(0);
    return first != ' ' && first != '\n' && s.charAt(s.length() - 1) != ' ' && !s.contains(" \n");
  }

  private static void appendDoubleQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case 0 -> out.append("\\0");
        case 0x07 -> out.append("\\a");
        case 0x08 -> out.append("\\b");
        case 0x09 -> out.append("\\t");
        case 0x0A -> out.append("\\n");
        case 0x0B -> out.append("\\v");
        case 0x0C -> out.append("\\f");
        case 0x0D -> out.append("\\r");
        case 0x1B -> out.append("\\e");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 0x85 -> out.append("\\N");
        case 0x2028 -> out.append("\\L");
        case 0x2029 -> out.append("\\P");
        default -> {
          if (!mustEscape(cp)) {
            out.appendCodePoint(cp);
          } else if (cp <= 0xFF) {
            out.append(String.format(Locale.ROOT, "\\x%02X", cp));
          } else if (cp <= 0xFFFF) {
            out.append(String.format(Locale.ROOT, "\\u%04X", cp));
          } else {
            out.append(String.format(Locale.ROOT, "\\U%08X", cp));
          }
        }
      }
    }
    out.append('"');
  }
}
