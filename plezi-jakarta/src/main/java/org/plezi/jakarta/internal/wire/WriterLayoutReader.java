package org.plezi.jakarta.internal.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the block layout {@link YamlWriter} writes, which is what this library's servers send each
 * other, without SnakeYAML's scanner, parser and composer: a top-level mapping of one-line keys,
 * block sequences and mappings indented the writer's way, {@code []} and {@code {}}, plain, single-
 * and double-quoted one-line scalars and literal blocks.
 *
 * <p>It either gives the very value {@link SafeYamlReader#read} gives for the same text, or
 * declines ({@link #DECLINED}) at the first thing outside that narrow layout: a tag, anchor, alias,
 * comment, blank line, flow collection, explicit key, tab, carriage return, a character SnakeYAML
 * would refuse or treat as a line break, an indentation the writer would not use, a scalar that
 * YAML would continue or end elsewhere than this reader does, a duplicate key, a value the
 * whitelist refuses, more values than {@link Limits#maxNodes()} or nesting as deep as {@link
 * Limits#maxDepth()}. Declined text goes to {@link SafeYamlReader}, so what other programs send and
 * every refusal are exactly as before. Plain scalars are typed by SnakeYAML's own resolver and
 * {@link SafeYamlReader#scalar}, so {@code 12}, {@code true}, {@code ~}, times and {@code :symbol}
 * read as they always did.
 *
 * <p>One instance reads one payload on one thread.
 */
final class WriterLayoutReader {
  /** What {@link #read} returns for text it leaves to {@link SafeYamlReader}. */
  static final Object DECLINED = new Object();

  /** The longest key read here; the writer writes longer keys as explicit {@code ?} entries. */
  private static final int MAX_KEY_CHARS = 128;

  /** A line that is blank, or holds only spaces. */
  private static final int BLANK = -1;

  /** The end of the text. */
  private static final int END = -2;

  /** Thrown inside the reader to decline; stackless, never seen outside. */
  private static final RuntimeException DECLINE =
      new RuntimeException("declined", null, false, false) {
        private static final long serialVersionUID = 1L;
      };

  /**
   * The resolver's answers for the envelope's keys and {@code :all}, which nearly every message
   * holds, worked out once: the resolver is a function of the text alone.
   */
  private static final Map<String, Tag> KNOWN_TAGS = knownTags();

  private final String text;
  private final Limits limits;

  /** The index of the line feed that ends the last line read. */
  private int pos;

  /** Values read so far, counted as {@link SafeYamlReader} counts them. */
  private long nodes;

  /** The value of the last quoted scalar read. */
  private String quoted;

  private WriterLayoutReader(String text, Limits limits) {
    this.text = text;
    this.limits = limits;
  }

  /**
   * The value {@link SafeYamlReader#read} would give for the text, or {@link #DECLINED}. Never
   * throws for any text.
   */
  static Object read(String text, Limits limits) {
    if (!text.startsWith("---\n") || text.charAt(text.length() - 1) != '\n' || !printable(text)) {
      return DECLINED;
    }
    try {
      return new WriterLayoutReader(text, limits).document();
    } catch (RuntimeException e) {
      // The decline itself, a value the whitelist refuses, or a slip of this reader: in every
      // case the full reader decides.
      return DECLINED;
    }
  }

  private Object document() {
    pos = 3;
    if (indentOfNextLine() != 0) {
      throw DECLINE;
    }
    Object root = mapping(0, 1, -1);
    if (pos != text.length() - 1) {
      throw DECLINE;
    }
    return root;
  }

  /**
   * A block mapping whose keys start at column {@code indent}; its first key at {@code firstKey} on
   * the current line (after a sequence's {@code - }), or on the next line when negative.
   */
  private Map<Object, Object> mapping(int indent, int depth, int firstKey) {
    collection(depth);
    Map<Object, Object> map = new LinkedHashMap<>();
    int at = firstKey >= 0 ? firstKey : pos + 1 + indent;
    while (true) {
      entry(map, at, indent, depth);
      int next = indentOfNextLine();
      if (next == indent) {
        at = pos + 1 + indent;
      } else if (next < indent) {
        return Collections.unmodifiableMap(map);
      } else {
        throw DECLINE;
      }
    }
  }

  /**
   * One {@code key: value} entry whose key starts at {@code at}, in a mapping at {@code indent}.
   */
  private void entry(Map<Object, Object> map, int at, int indent, int depth) {
    Object key;
    int colon;
    char first = text.charAt(at);
    if (first == '\'' || first == '"') {
      colon = quoted(at);
      if (text.charAt(colon) != ':' || colon - at > MAX_KEY_CHARS) {
        throw DECLINE;
      }
      key = quoted;
    } else {
      colon = keyEnd(at);
      if (colon < 0 || colon - at > MAX_KEY_CHARS) {
        throw DECLINE;
      }
      key = plain(at, colon);
    }
    char after = text.charAt(colon + 1);
    if ((after != ' ' && after != '\n') || map.containsKey(key)) {
      throw DECLINE;
    }
    count();
    Object value;
    if (after == '\n') {
      pos = colon + 1;
      value = blockValue(indent, depth);
    } else {
      value = inlineValue(colon + 2, indent, depth);
    }
    map.put(key, value);
  }

  /** The value of a key ending its line: a sequence at the key's column, a mapping, or null. */
  private Object blockValue(int indent, int depth) {
    int next = indentOfNextLine();
    if (next == indent && isEntryIndicator(pos + 1 + indent)) {
      return sequence(indent, depth + 1, -1);
    }
    if (next == indent + 2) {
      return mapping(indent + 2, depth + 1, -1);
    }
    if (next > indent) {
      throw DECLINE;
    }
    count();
    return null;
  }

  /**
   * A block sequence whose {@code -} stand at column {@code indent}; its first at {@code first} on
   * the current line, or on the next line when negative.
   */
  private List<Object> sequence(int indent, int depth, int first) {
    collection(depth);
    List<Object> list = new ArrayList<>();
    int at = first >= 0 ? first : pos + 1 + indent;
    while (true) {
      list.add(item(at, indent, depth));
      int next = indentOfNextLine();
      if (next == indent && isEntryIndicator(pos + 1 + indent)) {
        at = pos + 1 + indent;
      } else if (next <= indent) {
        // A line at the same column that is not an item belongs to the enclosing mapping.
        return Collections.unmodifiableList(list);
      } else {
        throw DECLINE;
      }
    }
  }

  /** The item whose {@code -} is at {@code at}, in a sequence at column {@code indent}. */
  private Object item(int at, int indent, int depth) {
    if (text.charAt(at + 1) == '\n') {
      pos = at + 1;
      if (indentOfNextLine() > indent) {
        throw DECLINE;
      }
      count();
      return null;
    }
    int start = at + 2;
    if (isEntryIndicator(start)) {
      return sequence(indent + 2, depth + 1, start);
    }
    char first = text.charAt(start);
    if (first == '\'' || first == '"') {
      int end = quoted(start);
      if (text.charAt(end) == ':') {
        // A compact mapping whose first key is quoted.
        return mapping(indent + 2, depth + 1, start);
      }
      count();
      return endsLine(end, quoted);
    }
    if (keyEnd(start) >= 0) {
      return mapping(indent + 2, depth + 1, start);
    }
    return inlineValue(start, indent, depth);
  }

  /**
   * A value starting at {@code at} and ending its line, for a key or {@code -} at column {@code
   * indent}: a quoted or plain scalar, a literal block, {@code []} or {@code {}}.
   */
  private Object inlineValue(int at, int indent, int depth) {
    char first = text.charAt(at);
    if (first == '|') {
      count();
      return literal(at, indent + 2);
    }
    if (first == '\'' || first == '"') {
      count();
      int end = quoted(at);
      return endsLine(end, quoted);
    }
    if (text.startsWith("[]\n", at)) {
      collection(depth + 1);
      return endsLine(at + 2, Collections.unmodifiableList(new ArrayList<>()));
    }
    if (text.startsWith("{}\n", at)) {
      collection(depth + 1);
      return endsLine(at + 2, Collections.unmodifiableMap(new LinkedHashMap<>()));
    }
    count();
    int end = text.indexOf('\n', at);
    return endsLine(end, plain(at, end));
  }

  /** The value, if {@code end} is the end of its line (which becomes the line read). */
  private Object endsLine(int end, Object value) {
    if (text.charAt(end) != '\n') {
      throw DECLINE;
    }
    pos = end;
    return value;
  }

  /**
   * A literal block ({@code |-}, {@code |}, {@code |+}) at {@code at} whose lines are indented by
   * {@code column} spaces, the first with no more, as the writer writes them.
   */
  private String literal(int at, int column) {
    char chomp = text.charAt(at + 1);
    int header = chomp == '-' || chomp == '+' ? at + 2 : at + 1;
    if (text.charAt(header) != '\n') {
      throw DECLINE;
    }
    StringBuilder value = new StringBuilder();
    int blanks = 0;
    boolean firstLine = true;
    int end = header;
    while (end + 1 < text.length()) {
      int start = end + 1;
      int spaces = 0;
      while (text.charAt(start + spaces) == ' ') {
        spaces++;
      }
      char first = text.charAt(start + spaces);
      if (first == '\n' && spaces == 0 && !firstLine) {
        blanks++;
        end = start;
        continue;
      }
      if (first == '\n' || (firstLine && spaces != column)) {
        throw DECLINE;
      }
      if (spaces < column) {
        break;
      }
      int eol = text.indexOf('\n', start);
      if (text.charAt(eol - 1) == ' ') {
        throw DECLINE;
      }
      if (!firstLine) {
        value.append('\n');
      }
      for (; blanks > 0; blanks--) {
        value.append('\n');
      }
      value.append(text, start + column, eol);
      firstLine = false;
      end = eol;
    }
    if (firstLine || (chomp != '+' && blanks > 0)) {
      throw DECLINE;
    }
    if (chomp != '-') {
      value.append('\n');
    }
    for (; blanks > 0; blanks--) {
      value.append('\n');
    }
    pos = end;
    return value.toString();
  }

  /**
   * The {@code ':'} ending a plain key that starts at {@code at} ({@code ": "} or {@code ':'} at
   * the end of the line), or -1 if the line has none.
   */
  private int keyEnd(int at) {
    for (int i = at; ; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return -1;
      }
      if (c == ':' && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\n')) {
        return i;
      }
    }
  }

  /**
   * The plain scalar from {@code start} to {@code end}, typed as the composer would type it, if
   * YAML reads exactly those characters as one plain scalar.
   */
  private Object plain(int start, int end) {
    if (end <= start) {
      throw DECLINE;
    }
    char first = text.charAt(start);
    if (" ,[]{}#&*!|>'\"%@`".indexOf(first) >= 0
        || ("-?:".indexOf(first) >= 0 && (end - start < 2 || text.charAt(start + 1) == ' '))
        || text.startsWith("---", start)
        || text.startsWith("...", start)
        || text.charAt(end - 1) == ' '
        || text.charAt(end - 1) == ':') {
      throw DECLINE;
    }
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if ((c == '#' && text.charAt(i - 1) == ' ') || (c == ':' && text.charAt(i + 1) == ' ')) {
        throw DECLINE;
      }
    }
    String scalar = text.substring(start, end);
    Tag tag = KNOWN_TAGS.get(scalar);
    if (tag == null) {
      tag = SafeYamlReader.RESOLVER.resolve(NodeId.scalar, scalar, true);
    }
    return SafeYamlReader.scalar(tag, scalar, true);
  }

  /**
   * Reads the one-line quoted scalar at {@code at} into {@link #quoted}.
   *
   * @return the index just past the closing quote
   */
  private int quoted(int at) {
    return text.charAt(at) == '\'' ? singleQuoted(at) : doubleQuoted(at);
  }

  private int singleQuoted(int at) {
    int lineEnd = text.indexOf('\n', at);
    int from = at + 1;
    int close = text.indexOf('\'', from);
    StringBuilder value = null;
    while (close >= 0 && close < lineEnd && text.charAt(close + 1) == '\'') {
      // '' is one quote.
      if (value == null) {
        value = new StringBuilder(lineEnd - at);
      }
      value.append(text, from, close + 1);
      from = close + 2;
      close = text.indexOf('\'', from);
    }
    if (close < 0 || close > lineEnd) {
      throw DECLINE;
    }
    quoted =
        value == null ? text.substring(from, close) : value.append(text, from, close).toString();
    return close + 1;
  }

  /** With the escapes the writer uses; any other escape declines. */
  private int doubleQuoted(int at) {
    StringBuilder out = null;
    int from = at + 1;
    for (int i = from; ; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = out == null ? text.substring(from, i) : out.append(text, from, i).toString();
        return i + 1;
      }
      if (c == '\n') {
        throw DECLINE;
      }
      if (c != '\\') {
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(text, from, i);
      char escape = text.charAt(++i);
      switch (escape) {
        case '0' -> out.append('\0');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'v' -> out.append('\u000B');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001B');
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'N' -> out.append('\u0085');
        case 'L' -> out.append('\u2028');
        case 'P' -> out.append('\u2029');
        case 'x' -> i = hex(i, 2, out);
        case 'u' -> i = hex(i, 4, out);
        case 'U' -> i = hex(i, 8, out);
        default -> throw DECLINE;
      }
      from = i + 1;
    }
  }

  /** Appends the code point of the {@code digits} hex digits after {@code at}; their last index. */
  private int hex(int at, int digits, StringBuilder out) {
    int cp = 0;
    for (int i = at + 1; i <= at + digits; i++) {
      char c = text.charAt(i);
      int digit = c <= 'f' ? Character.digit(c, 16) : -1;
      if (digit < 0) {
        throw DECLINE;
      }
      cp = cp * 16 + digit;
    }
    if (cp > Character.MAX_CODE_POINT
        || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
      throw DECLINE;
    }
    out.appendCodePoint(cp);
    return at + digits;
  }

  /** Whether a {@code -} at {@code at} is a sequence entry: followed by a space or a line end. */
  private boolean isEntryIndicator(int at) {
    return text.charAt(at) == '-' && (text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '\n');
  }

  /** The indentation of the line after {@link #pos}, {@link #BLANK} or {@link #END}. */
  private int indentOfNextLine() {
    int start = pos + 1;
    if (start == text.length()) {
      return END;
    }
    int spaces = 0;
    while (text.charAt(start + spaces) == ' ') {
      spaces++;
    }
    if (text.charAt(start + spaces) == '\n') {
      throw DECLINE;
    }
    return spaces;
  }

  private static Map<String, Tag> knownTags() {
    Map<String, Tag> tags = new HashMap<>();
    Set<String> words = new HashSet<>(Envelope.RESERVED_KEYS);
    words.add(Envelope.TYPE_ALL);
    for (String word : words) {
      for (String scalar : List.of(word, ":" + word)) {
        tags.put(scalar, SafeYamlReader.RESOLVER.resolve(NodeId.scalar, scalar, true));
      }
    }
    return Map.copyOf(tags);
  }

  /** Counts a collection at {@code depth}, declining one level before the limits would. */
  private void collection(int depth) {
    if (depth >= limits.maxDepth()) {
      throw DECLINE;
    }
    count();
  }

  private void count() {
    if (++nodes > limits.maxNodes()) {
      throw DECLINE;
    }
  }

  /**
   * Whether every character is one SnakeYAML reads as printable and not as a line break other than
   * the line feed, and is no tab or byte order mark (the writer escapes those).
   */
  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E || c == '\n') {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      boolean ok =
          (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
              || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
