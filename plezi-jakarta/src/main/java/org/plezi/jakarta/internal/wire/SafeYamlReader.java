package org.plezi.jakarta.internal.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into plain Java values without a SnakeYAML {@code Constructor}: the text
 * is only composed into a node graph (bounded by {@link Limits} while it is parsed) and the graph
 * is then walked against a whitelist of tags. No class is looked up or instantiated from a tag.
 *
 * <p>One instance reads one payload: the parser, composer and node bookkeeping are per call, so
 * concurrent reads never share mutable state. The resolver and the {@link LoaderOptions} are
 * shared: SnakeYAML only reads them once they are built (the composer calls {@link
 * Resolver#resolve}, which looks patterns up in a map filled by the constructor; nothing in
 * SnakeYAML calls an options setter).
 */
final class SafeYamlReader {
  private static final Tag RUBY_SET = new Tag("!ruby/object:Set");
  private static final Tag BINARY_LOCAL = new Tag("!binary");

  /** SnakeYAML's YAML 1.1 implicit resolver, built once: it is never changed after construction. */
  static final Resolver RESOLVER = new Resolver();

  private final Limits limits;

  /** Built by {@link #options(Limits)} for these limits; shared, never changed. */
  private final LoaderOptions options;

  /** Converted collections, so an aliased node is converted once and shared. */
  private final Map<Node, Object> done = new IdentityHashMap<>();

  /** The expanded size and height of each converted collection, for when an alias reuses it. */
  private final Map<Node, Tally> tallies = new IdentityHashMap<>();

  /** Collections being converted: meeting one again means a cycle. */
  private final Set<Node> active = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Plain scalars with an explicit tag: {@code !!str :x} is the string ":x", not a symbol. */
  private final Set<Node> explicit = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * @param options what {@link #options(Limits)} gave for the same limits
   */
  SafeYamlReader(Limits limits, LoaderOptions options) {
    this.limits = limits;
    this.options = options;
  }

  /**
   * The document's value (null for an empty document).
   *
   * @throws UnsafeInputException for anything outside the whitelist or the limits
   * @throws MalformedInputException if the text is not one well-formed YAML document
   */
  Object read(String payload) {
    Node root;
    try {
      Parser parser = new ParserImpl(new StreamReader(payload), options);
      root = new TrackingComposer(parser, options).getSingleNode();
    } catch (ReaderException | MarkedYAMLException e) {
      throw new MalformedInputException(e.getClass().getSimpleName());
    } catch (YAMLException e) {
      // Every other SnakeYAML error is a limit: depth, aliases, code points, recursive keys.
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("limit exceeded");
      throw new UnsafeInputException(Envelope.abbreviate(message, 120));
    }
    return root == null ? null : convert(root, 1);
  }

  /** The parser's bounds and switches for these limits; build once and share, never change. */
  static LoaderOptions options(Limits limits) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit(limits.maxPayloadBytes());
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
    // Called for every global tag (!!java.net.URL, !<tag:yaml.org,2002:...>): stop right there.
    options.setTagInspector(
        tag -> {
          throw new UnsafeInputException("tag not allowed: " + Envelope.abbreviate(tag.getValue()));
        });
    return options;
  }

  /**
   * Converts a node found at {@code depth} (the number of collections down to and including it,
   * were it one). Depth and size are checked as if every alias were expanded in place: a small
   * anchor reused deep down or many times counts for every use.
   */
  private Object convert(Node node, int depth) {
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    Tally known = tallies.get(node);
    if (known != null) {
      requireDepth(depth + known.height - 1);
      return done.get(node);
    }
    requireDepth(depth);
    if (!active.add(node)) {
      throw new UnsafeInputException("recursive structure: an alias inside its own anchor");
    }
    Tally tally = new Tally(depth);
    Object value =
        node instanceof SequenceNode sequence
            ? sequence(sequence, tally)
            : mapping((MappingNode) node, tally);
    active.remove(node);
    done.put(node, value);
    tallies.put(node, tally);
    return value;
  }

  /** Converts a child of the collection being tallied and adds its size and height. */
  private Object child(Node node, Tally parent) {
    Object value = convert(node, parent.depth + 1);
    Tally tally = tallies.get(node);
    parent.size += tally == null ? 1 : tally.size;
    parent.height = Math.max(parent.height, tally == null ? 1 : tally.height + 1);
    if (parent.size > limits.maxNodes()) {
      throw new UnsafeInputException("more than " + limits.maxNodes() + " values");
    }
    return value;
  }

  private void requireDepth(int depth) {
    if (depth > limits.maxDepth()) {
      throw new UnsafeInputException("nesting deeper than " + limits.maxDepth());
    }
  }

  private Object sequence(SequenceNode node, Tally tally) {
    if (!node.getTag().equals(Tag.SEQ)) {
      throw notAllowed(node.getTag());
    }
    List<Object> list = new ArrayList<>(node.getValue().size());
    for (Node item : node.getValue()) {
      list.add(child(item, tally));
    }
    return Collections.unmodifiableList(list);
  }

  private Object mapping(MappingNode node, Tally tally) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.MAP)) {
      return Collections.unmodifiableMap(entries(node, tally));
    }
    if (tag.equals(Tag.SET)) {
      Map<Object, Object> entries = entries(node, tally);
      if (entries.values().stream().anyMatch(v -> v != null)) {
        throw new UnsafeInputException("a !!set entry with a value");
      }
      return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
    }
    if (tag.equals(RUBY_SET)) {
      // Psych dumps a Set as an object whose only instance variable, hash, maps element => true.
      Map<Object, Object> ivars = entries(node, tally);
      Object hash = ivars.get("hash");
      boolean onlyHash = ivars.keySet().stream().allMatch("hash"::equals);
      if (!onlyHash || !(hash == null || hash instanceof Map)) {
        throw new UnsafeInputException("a !ruby/object:Set is a mapping with one key, hash");
      }
      Set<Object> set = new LinkedHashSet<>();
      if (hash != null) {
        set.addAll(((Map<?, ?>) hash).keySet());
      }
      return Collections.unmodifiableSet(set);
    }
    throw notAllowed(tag);
  }

  private Map<Object, Object> entries(MappingNode node, Tally tally) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        throw new UnsafeInputException("a mapping key that is a collection");
      }
      Object key = child(keyNode, tally);
      if (map.containsKey(key)) {
        // Readers disagree on which duplicate wins: refuse rather than pick one.
        throw new UnsafeInputException(
            "duplicate key: " + Envelope.abbreviate(String.valueOf(key)));
      }
      map.put(key, child(tuple.getValueNode(), tally));
    }
    return map;
  }

  private Object scalar(ScalarNode node) {
    return scalar(node.getTag(), node.getValue(), node.isPlain() && !explicit.contains(node));
  }

  /**
   * The value of a scalar the composer tagged {@code tag}.
   *
   * @param plainUntagged whether the scalar was plain and carried no tag of its own (then a {@code
   *     :name} string is a symbol)
   * @throws UnsafeInputException for a tag outside the whitelist or an unreadable value
   */
  static Object scalar(Tag tag, String text, boolean plainUntagged) {
    if (tag.equals(Tag.STR)) {
      return plainUntagged ? symbolOrString(text) : text;
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return CoreScalars.bool(text);
    }
    if (tag.equals(Tag.INT)) {
      return CoreScalars.integer(text);
    }
    if (tag.equals(Tag.FLOAT)) {
      return CoreScalars.floating(text);
    }
    if (tag.equals(Tag.TIMESTAMP)) {
      // Like Psych: a plain scalar that only looks like a time stays a string.
      Object time = CoreScalars.timestamp(text);
      return time != null ? time : text;
    }
    if (tag.equals(Tag.BINARY) || tag.equals(BINARY_LOCAL)) {
      return CoreScalars.binary(text);
    }
    switch (tag.getValue()) {
      case "!ruby/symbol", "!ruby/sym" -> {
        return text;
      }
      case "!ruby/object:BigDecimal" -> {
        return CoreScalars.bigDecimal(text);
      }
      case "!ruby/object:DateTime" -> {
        Object time = CoreScalars.timestamp(text);
        if (time == null) {
          throw new UnsafeInputException("invalid DateTime: " + Envelope.abbreviate(text));
        }
        return time;
      }
      default -> throw notAllowed(tag);
    }
  }

  /** Psych reads a plain {@code :name} as a symbol; symbols arrive as their name. */
  private static String symbolOrString(String text) {
    if (text.length() < 2 || text.charAt(0) != ':') {
      return text;
    }
    String name = text.substring(1);
    char quote = name.charAt(0);
    int close = name.lastIndexOf(quote);
    // Psych also strips quotes written inside the symbol: :"a b" is the symbol "a b".
    if ((quote == '"' || quote == '\'') && close > 0) {
      return name.substring(1, close);
    }
    return name;
  }

  private static UnsafeInputException notAllowed(Tag tag) {
    String name = tag.getValue();
    if (name.equals("!ruby/range")) {
      return new UnsafeInputException("Ruby ranges are not accepted (no safe Java value)");
    }
    if (tag.equals(Tag.MERGE)) {
      return new UnsafeInputException("merge keys (<<) are not accepted");
    }
    return new UnsafeInputException("tag not allowed: " + Envelope.abbreviate(name));
  }

  /** A collection's values after alias expansion (itself included) and its height in levels. */
  private static final class Tally {
    final int depth;
    long size = 1;
    int height = 1;

    Tally(int depth) {
      this.depth = depth;
    }
  }

  /** Remembers which plain scalars carried an explicit tag; the node API does not say. */
  private final class TrackingComposer extends Composer {
    TrackingComposer(Parser parser, LoaderOptions options) {
      super(parser, RESOLVER, options);
    }

    @Override
    protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
      ScalarEvent event = (ScalarEvent) parser.peekEvent();
      Node node = super.composeScalarNode(anchor, blockComments);
      if (event.getTag() != null && !event.getTag().equals("!")) {
        explicit.add(node);
      }
      return node;
    }
  }
}
