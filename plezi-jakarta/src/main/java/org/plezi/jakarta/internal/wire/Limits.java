package org.plezi.jakarta.internal.wire;

/**
 * Bounds on what {@link EnvelopeCodec} reads from the wire, and so on what it writes: output a peer
 * with the same limits would reject is refused when encoding. Input is checked before it is parsed
 * (size) or while it is parsed and converted (the rest); an over-limit document is never expanded.
 *
 * @param maxPayloadBytes largest payload, in UTF-8 bytes, checked before parsing (default 1 MiB);
 *     also the parser's code point limit
 * @param maxDepth deepest nesting of sequences and mappings, the envelope's own mapping counting
 *     one, an alias counting as deep as its anchor's content reaches (default 64, at most {@value
 *     #DEPTH_CEILING} so that reading cannot exhaust a thread's stack)
 * @param maxAliases most aliases to sequences or mappings in one payload (default 50)
 * @param maxNodes most values in one payload counted after alias expansion, every scalar, sequence
 *     and mapping counting one (default 100,000): a document whose aliases multiply into more
 *     values is rejected without being expanded
 */
public record Limits(int maxPayloadBytes, int maxDepth, int maxAliases, int maxNodes) {
  /** Default {@link #maxPayloadBytes}: 1 MiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  /** Default {@link #maxDepth}. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  /** Default {@link #maxAliases}. */
  public static final int DEFAULT_MAX_ALIASES = 50;

  /** Default {@link #maxNodes}. */
  public static final int DEFAULT_MAX_NODES = 100_000;

  /**
   * The largest accepted {@link #maxDepth}. Parser, reader and writer recurse once per level:
   * measured, 500 levels fit a 512 KiB thread stack and 200 levels a 256 KiB one (the default 64
   * fits both), so this leaves a 512 KiB stack room to spare.
   */
  public static final int DEPTH_CEILING = 256;

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a bound is not positive (aliases: negative) or the depth is
   *     above {@value #DEPTH_CEILING}
   */
  public Limits {
    require(maxPayloadBytes >= 1, "maxPayloadBytes must be at least 1: " + maxPayloadBytes);
    require(
        maxDepth >= 1 && maxDepth <= DEPTH_CEILING,
        "maxDepth must be within 1.." + DEPTH_CEILING + ": " + maxDepth);
    require(maxAliases >= 0, "maxAliases must not be negative: " + maxAliases);
    require(maxNodes >= 1, "maxNodes must be at least 1: " + maxNodes);
  }

  /** Every bound at its default. */
  public static Limits defaults() {
    return new Limits(
        DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ALIASES, DEFAULT_MAX_NODES);
  }

  /** A copy with another payload bound. */
  public Limits withMaxPayloadBytes(int bytes) {
    return new Limits(bytes, maxDepth, maxAliases, maxNodes);
  }

  /** A copy with another depth bound. */
  public Limits withMaxDepth(int depth) {
    return new Limits(maxPayloadBytes, depth, maxAliases, maxNodes);
  }

  /** A copy with another alias bound. */
  public Limits withMaxAliases(int aliases) {
    return new Limits(maxPayloadBytes, maxDepth, aliases, maxNodes);
  }

  /** A copy with another value-count bound. */
  public Limits withMaxNodes(int nodes) {
    return new Limits(maxPayloadBytes, maxDepth, maxAliases, nodes);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
