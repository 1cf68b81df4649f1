package org.plezi.jakarta.internal.base;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which channels keep history, and how much (issue 18): {@code plezi.channels.history}, rules that
 * override {@code plezi.channels.historySize} and {@code plezi.channels.historyMillis} by channel
 * name. The value is 1 to {@value #MAX_RULES} comma-separated rules {@code pattern=size} or {@code
 * pattern=size/millis}:
 *
 * <ul>
 *   <li>{@code pattern}: a channel name ({@code room:lobby}), or the start of one followed by
 *       {@code *} ({@code room:*}; {@code *} alone: every channel), in the characters of a channel
 *       name ({@code A-Z a-z 0-9 _ . : / @ -}), at most 200 of them before the {@code *}.
 *   <li>{@code size}: publications kept, 0 (none) to {@value #MAX_SIZE}.
 *   <li>{@code millis}: how long each is kept, {@value #MIN_MILLIS} to {@value #MAX_MILLIS};
 *       without it, {@code plezi.channels.historyMillis}.
 * </ul>
 *
 * <p>A channel takes the rule of its exact name, else the rule of the longest pattern it starts
 * with, else the two defaults. Spaces around rules and their parts are ignored; a pattern given
 * twice, an empty rule and anything else fails with the rule's number and text.
 *
 * <p>Immutable and thread-safe; looked up once per publication.
 */
public final class HistoryRules {
  /** The most rules one value holds. */
  public static final int MAX_RULES = 64;

  /** The most publications a channel keeps (as {@code plezi.channels.historySize}). */
  public static final int MAX_SIZE = 100_000;

  /** The bounds of a rule's millis (as {@code plezi.channels.historyMillis}). */
  public static final long MIN_MILLIS = 1_000;

  public static final long MAX_MILLIS = 86_400_000;

  private static final int MAX_NAME = 200;

  /** What one channel keeps: at most {@code size} publications (0: none) for {@code millis}. */
  public static final class Bounds {
    private final int size;
    private final long maxAgeMillis;

    Bounds(int size, long maxAgeMillis) {
      this.size = size;
      this.maxAgeMillis = maxAgeMillis;
    }

    /** Publications kept; 0: the channel keeps no history. */
    public int size() {
      return size;
    }

    /** How long each is kept. */
    public long maxAgeMillis() {
      return maxAgeMillis;
    }

    /** Whether the channel keeps history. */
    public boolean keeps() {
      return size > 0;
    }

    @Override
    public String toString() {
      return size + "/" + maxAgeMillis;
    }
  }

  private final Bounds fallback;

  /** Rules of exact names. */
  private final Map<String, Bounds> exact;

  /** Prefix rules, longest prefix first, and their bounds. */
  private final String[] prefixes;

  private final Bounds[] prefixBounds;

  private final boolean keepsAny;

  private HistoryRules(
      Bounds fallback, Map<String, Bounds> exact, List<String> prefixes, List<Bounds> bounds) {
    this.fallback = fallback;
    this.exact = exact;
    this.prefixes = prefixes.toArray(new String[0]);
    this.prefixBounds = bounds.toArray(new Bounds[0]);
    boolean any = fallback.keeps();
    for (Bounds b : exact.values()) {
      any |= b.keeps();
    }
    for (Bounds b : prefixBounds) {
      any |= b.keeps();
    }
    this.keepsAny = any;
  }

  /**
   * Every channel keeps {@code size} publications (0: none) for {@code maxAgeMillis}.
   *
   * @throws IllegalArgumentException for a negative size or an age below 1 ms
   */
  public static HistoryRules uniform(int size, long maxAgeMillis) {
    if (size < 0 || maxAgeMillis < 1) {
      throw new IllegalArgumentException("a history keeps 0 messages or more for at least 1 ms");
    }
    return new HistoryRules(new Bounds(size, maxAgeMillis), Map.of(), List.of(), List.of());
  }

  /**
   * The rules of {@code text} (null or blank: none) over the defaults.
   *
   * @param defaultSize {@code plezi.channels.historySize}
   * @param defaultMillis {@code plezi.channels.historyMillis}, also for the rules without millis
   * @throws IllegalArgumentException naming the first bad rule and what is wrong with it
   */
  public static HistoryRules parse(String text, int defaultSize, long defaultMillis) {
    HistoryRules defaults = uniform(defaultSize, defaultMillis);
    if (text == null || text.isBlank()) {
      return defaults;
    }
    String[] rules = text.split(",", -1);
    if (rules.length > MAX_RULES) {
      throw new IllegalArgumentException(
          "at most " + MAX_RULES + " rules pattern=size[/millis], not " + rules.length);
    }
    Map<String, Bounds> exact = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> prefixRules = new ArrayList<>();
    List<Bounds> prefixValues = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      String rule = rules[i].trim();
      String where = "rule " + (i + 1);
      if (rule.isEmpty()) {
        throw new IllegalArgumentException(where + " is empty (two commas, or one at an end)");
      }
      where += " '" + abbreviate(rule) + "'";
      int equals = rule.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(where + " is not pattern=size[/millis]");
      }
      String pattern = rule.substring(0, equals).trim();
      String value = rule.substring(equals + 1).trim();
      checkPattern(pattern, where);
      Integer earlier = seen.putIfAbsent(pattern, i + 1);
      if (earlier != null) {
        throw new IllegalArgumentException(
            where + ": the pattern '" + pattern + "' is given by rule " + earlier + " already");
      }
      int slash = value.indexOf('/');
      String sizeText = slash < 0 ? value : value.substring(0, slash).trim();
      long size = number(sizeText, 0, MAX_SIZE, where + ": the size", "messages");
      long millis =
          slash < 0
              ? defaultMillis
              : number(
                  value.substring(slash + 1).trim(),
                  MIN_MILLIS,
                  MAX_MILLIS,
                  where + ": the millis",
                  "ms");
      Bounds bounds = new Bounds((int) size, millis);
      if (pattern.endsWith("*")) {
        prefixRules.add(pattern.substring(0, pattern.length() - 1));
        prefixValues.add(bounds);
      } else {
        exact.put(pattern, bounds);
      }
    }
    // Longest prefix first (a stable sort keeps the order of equal lengths, which are distinct).
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < prefixRules.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> prefixRules.get(b).length() - prefixRules.get(a).length());
    List<String> prefixes = new ArrayList<>();
    List<Bounds> bounds = new ArrayList<>();
    for (int i : order) {
      prefixes.add(prefixRules.get(i));
      bounds.add(prefixValues.get(i));
    }
    return new HistoryRules(defaults.fallback, exact, prefixes, bounds);
  }

  private static void checkPattern(String pattern, String where) {
    boolean prefix = pattern.endsWith("*");
    String name = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
    boolean ok = (prefix || !name.isEmpty()) && name.length() <= MAX_NAME;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '/'
              || c == '@'
              || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          where
              + ": the pattern must be a channel name (1 to 200 characters of A-Z a-z 0-9 _ . : /"
              + " @ -), or the start of one followed by *");
    }
  }

  private static long number(String text, long min, long max, String what, String unit) {
    long value;
    try {
      value = Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      value = Long.MIN_VALUE;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " must be a whole number from " + min + " to " + max + " " + unit);
    }
    return value;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  /** What {@code channel} keeps. */
  public Bounds of(String channel) {
    Bounds named = exact.isEmpty() ? null : exact.get(channel);
    if (named != null) {
      return named;
    }
    for (int i = 0; i < prefixes.length; i++) {
      if (channel.startsWith(prefixes[i])) {
        return prefixBounds[i];
      }
    }
    return fallback;
  }

  /** Whether any channel keeps history. */
  public boolean keepsAny() {
    return keepsAny;
  }
}
