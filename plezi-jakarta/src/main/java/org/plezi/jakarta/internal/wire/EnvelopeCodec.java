package org.plezi.jakarta.internal.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Writes and reads the cluster envelope: Plezi 0.12's message, a YAML mapping as Ruby's Psych dumps
 * it. A multicast of {@code print("Hi")} reads:
 *
 * <pre>{@code
 * ---
 * :method: :print
 * :data:
 * - Hi
 * :type: :all
 * :server: 3b241101-e2bb-4255-8caf-4136c566a962
 * }</pre>
 *
 * <h2>The format, as Plezi 0.12 and Psych produce it</h2>
 *
 * <ul>
 *   <li>Plezi builds a Ruby hash with symbol keys and dumps it with {@code to_yaml}: {@code method,
 *       data, type} for a multicast ({@code type: :all}) or a class broadcast ({@code type} is the
 *       class name, a String); {@code method, data, target, to_server, type: :all} for a unicast;
 *       then it appends {@code server}, the sender's uuid. The method name is a symbol, the uuids
 *       and the target are strings, {@code data} is the array of arguments. This codec writes keys
 *       in that order, omits null fields, and appends {@link Envelope#extra()} last.
 *   <li>Psych starts a document with {@code ---}; block collections indented by two; a sequence
 *       that is a mapping value starts at the key's column; an empty array is {@code []}, an empty
 *       hash {@code {}}; nil is an empty scalar (libyaml 0.2 writes no trailing space).
 *   <li>A symbol is the plain scalar {@code :name}; a mapping key symbol gives {@code :name:}.
 *       Psych reads a plain scalar starting with a colon as a symbol, dropping quotes right after
 *       the colon ({@code :"a b"} is the symbol {@code a b}); a quoted scalar is a string. Where
 *       {@code :name} cannot be plain this codec writes {@code !ruby/symbol "name"}, which Psych
 *       also reads as a symbol (Psych itself would quote it and so read back a string).
 *   <li>A string is plain unless Psych or a YAML 1.1 reader would take it for something else: one
 *       with a line break is a literal block ({@code |-}, {@code |}, {@code |+} by its trailing
 *       newlines); one starting with a non-word character and holding no double quote is
 *       double-quoted; one that would read as a number, boolean, null, time, date or symbol is
 *       single-quoted; libyaml quotes what cannot be plain (indicators, leading or trailing spaces,
 *       {@code ": "}, {@code " #"}) in single quotes, and anything unprintable (tab included) in
 *       double quotes with escapes. Long lines are not folded at 80 columns as libyaml does;
 *       readers treat both the same.
 *   <li>Integers are decimal. A Float is Ruby's {@code Float#to_s} (fixed notation for decimal
 *       exponents -4 to 15, else {@code 1.0e+20}; {@code .inf}, {@code -.inf}, {@code .nan}). A
 *       BigDecimal is {@code !ruby/object:BigDecimal 18:1.50}: Ruby's dump of a precision hint, a
 *       colon and the number.
 *   <li>A Time is {@code 2024-05-01 10:20:30.123456789 Z} in UTC, else with {@code +02:00}; a Date
 *       is {@code 2024-05-01}.
 *   <li>A Set is a Ruby object: {@code !ruby/object:Set} over a mapping with one key, {@code hash},
 *       whose mapping has each element as a key and {@code true} as its value.
 * </ul>
 *
 * <h2>Values</h2>
 *
 * <p>{@link #encode} accepts in {@code data} (and in extra values): String, Integer, Long, Short,
 * Byte, BigInteger, Double, Float, BigDecimal, Boolean, null, List, Map (a String key is written as
 * a symbol, the way Plezi passes {@code and: :hash}), Set (of scalars), Instant, OffsetDateTime,
 * ZonedDateTime (all as a Ruby Time, years 0-9999) and LocalDate. Anything else is an {@link
 * IllegalArgumentException}: there is no fallback to bean serialization. {@link #decode} gives back
 * the canonical forms: Integer, Long or BigInteger (the narrowest that fits), Double,
 * OffsetDateTime (offset {@code Z} for UTC), unmodifiable List, Map (insertion order) and Set;
 * symbols become Strings; {@code !binary} becomes byte[]. So an envelope whose data uses these
 * forms reads back equal to itself.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #decode} accepts symbol keys ({@code :method:}) and plain string keys ({@code
 * method:}), and symbol or string values for method and type. A mapping with a {@code method} key
 * is an envelope: it is a {@link Decoded.Message} if it follows {@link Envelope}'s rules ({@code
 * data} absent or null counts as no arguments; the other fields must be strings or symbols), else
 * {@link Decoded.Rejected}. Any other YAML is {@link Decoded.Foreign} with its value; text that is
 * not YAML at all (or several documents) is {@link Decoded.Foreign} with the raw text as its value,
 * because plain text published by another program is a broadcast, not an attack: it is only ever
 * handed on as a String.
 *
 * <p>Safety: the payload size is checked before parsing; SnakeYAML only composes a node graph (no
 * {@code Constructor}, so no class is ever looked up or instantiated from a tag), bounded by depth,
 * aliases and code points while it parses; a global tag ({@code !!java.net.URL}, {@code
 * !<tag:yaml.org,2002:...>}, a {@code %TAG} prefix) stops the parse at once. The graph is then
 * converted against a whitelist: YAML's str, int, float, bool, null, timestamp, binary, seq, map
 * and set, plus {@code !ruby/symbol}, {@code !ruby/sym}, {@code !ruby/object:Set}, {@code
 * !ruby/object:BigDecimal}, {@code !ruby/object:DateTime} and {@code !binary}. Every other tag
 * ({@code !ruby/range} included: it has no safe Java value), merge keys, duplicate keys, collection
 * keys, cycles, numbers over 1,000 characters, and documents whose aliases expand past {@link
 * Limits#maxDepth()} or {@link Limits#maxNodes()} are rejected; each alias is converted once and
 * shared, so rejection never costs the expansion. Flow collections holding a bare symbol ({@code
 * [:a]}) are not YAML 1.1, so SnakeYAML reads them as malformed text.
 *
 * <p>The shortcut: text in exactly the block layout {@link #encode} writes (what this library's
 * servers send each other) is read by a small hand-written reader, {@code WriterLayoutReader},
 * within the same limits, into the very value SnakeYAML's path gives. At the first thing outside
 * that layout (a tag, an anchor, a comment, a flow collection, an unusual indentation, a limit
 * within one step, a value the whitelist refuses, ...) it declines and the text takes the path
 * above, so what other programs send, and every refusal, read exactly as they would without it.
 *
 * <p>Thread safety: instances are immutable and may be shared. SnakeYAML's {@code Yaml}, parser,
 * composer and scanner are not thread-safe, so none is shared: each {@link #decode} builds its own.
 * The resolver (one per class) and the {@code LoaderOptions} (one per codec) are shared: SnakeYAML
 * only reads them once built. {@link #encode} uses only its own buffer and SnakeYAML's immutable
 * patterns. ThreadLocal caching of parsers is not used: container pool threads outlive a redeployed
 * application and would keep its class loader alive.
 */
public final class EnvelopeCodec {
  private final Limits limits;

  /** The parser options for {@link #limits}, built once: SnakeYAML only reads them. */
  private final LoaderOptions readOptions;

  /** A codec with {@link Limits#defaults()}. */
  public EnvelopeCodec() {
    this(Limits.defaults());
  }

  /** A codec with the given limits, which also bound what {@link #encode} may produce. */
  public EnvelopeCodec(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.readOptions = SafeYamlReader.options(limits);
  }

  /** The limits this codec enforces. */
  public Limits limits() {
    return limits;
  }

  /**
   * The envelope as Psych would dump Plezi 0.12's hash, ending with a newline.
   *
   * @throws IllegalArgumentException for a value of an unsupported type, a string with an unpaired
   *     surrogate, a time outside years 0-9999, or output beyond the limits
   */
  public String encode(Envelope envelope) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("method", new YamlWriter.Symbol(envelope.method()));
    root.put("data", envelope.data());
    putIfPresent(root, "target", envelope.target());
    putIfPresent(root, "to_server", envelope.toServer());
    if (Envelope.TYPE_ALL.equals(envelope.type())) {
      root.put("type", new YamlWriter.Symbol(Envelope.TYPE_ALL));
    } else {
      putIfPresent(root, "type", envelope.type());
    }
    root.put("server", envelope.server());
    root.putAll(envelope.extra());
    return YamlWriter.document(root, limits);
  }

  /**
   * Reads one payload. Never throws for any input: every problem is a {@link Decoded.Rejected}.
   *
   * @throws NullPointerException if the payload is null
   */
  public Decoded decode(String payload) {
    Objects.requireNonNull(payload, "payload");
    if (utf8Length(payload, limits.maxPayloadBytes()) > limits.maxPayloadBytes()) {
      return new Decoded.Rejected("payload exceeds " + limits.maxPayloadBytes() + " bytes");
    }
    Object value = WriterLayoutReader.read(payload, limits);
    try {
      if (value == WriterLayoutReader.DECLINED) {
        value = new SafeYamlReader(limits, readOptions).read(payload);
      }
    } catch (UnsafeInputException e) {
      return new Decoded.Rejected(e.getMessage());
    } catch (MalformedInputException e) {
      return new Decoded.Foreign(payload, payload);
    } catch (RuntimeException e) {
      // A parser bug must not take the subscriber down with it.
      return new Decoded.Rejected("unreadable input (" + e.getClass().getName() + ")");
    }
    if (value instanceof Map<?, ?> map && map.containsKey("method")) {
      return envelope(map);
    }
    return new Decoded.Foreign(value, payload);
  }

  private static Decoded envelope(Map<?, ?> map) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        return new Decoded.Rejected("invalid envelope: a key that is not a symbol or string");
      }
      if (!Envelope.RESERVED_KEYS.contains(key)) {
        extra.put(key, entry.getValue());
      }
    }
    Object data = map.get("data");
    if (data != null && !(data instanceof List)) {
      return new Decoded.Rejected("invalid envelope: data is not a sequence");
    }
    for (String key : List.of("method", "type", "target", "to_server", "server")) {
      Object field = map.get(key);
      if (field != null && !(field instanceof String)) {
        return new Decoded.Rejected("invalid envelope: " + key + " is not a symbol or string");
      }
    }
    try {
      return new Decoded.Message(
          new Envelope(
              (String) map.get("method"),
              data == null ? null : new ArrayList<>((List<?>) data),
              (String) map.get("type"),
              (String) map.get("target"),
              (String) map.get("to_server"),
              (String) map.get("server"),
              extra));
    } catch (IllegalArgumentException e) {
      return new Decoded.Rejected("invalid envelope: " + e.getMessage());
    }
  }

  private static void putIfPresent(Map<String, Object> root, String key, String value) {
    if (value != null) {
      root.put(key, value);
    }
  }

  /** The UTF-8 size of the text, counting stopped once past {@code stopAfter}. */
  static long utf8Length(String text, long stopAfter) {
    if (text.length() > stopAfter) {
      return text.length();
    }
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= stopAfter; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
