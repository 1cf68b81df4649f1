package org.plezi.jakarta.internal.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route's path, such as {@code /room/{name}}: literal segments and whole-segment parameters.
 * Immutable.
 */
public final class RouteTemplate {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@%-]+");

  private final String path;

  /** Literal text of each segment, or null where the segment is a parameter. */
  private final String[] literals;

  /** The parameter name of each segment, or null where the segment is literal. */
  private final String[] names;

  private RouteTemplate(String path, String[] literals, String[] names) {
    this.path = path;
    this.literals = literals;
    this.names = names;
  }

  /**
   * Parses a route path.
   *
   * @param problems receives one sentence per rule broken, prefixed by {@code owner}
   * @return the template, or null if the path is invalid
   */
  public static RouteTemplate parse(String path, String owner, List<String> problems) {
    if (path == null || !path.startsWith("/")) {
      problems.add(owner + ": route path '" + path + "' must start with '/'");
      return null;
    }
    List<String> segments = split(path);
    String[] literals = new String[segments.size()];
    String[] names = new String[segments.size()];
    Set<String> seen = new HashSet<>();
    int before = problems.size();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      var param = PARAM.matcher(segment);
      if (param.matches()) {
        names[i] = param.group(1);
        if (!seen.add(names[i])) {
          problems.add(owner + ": route path '" + path + "' uses {" + names[i] + "} twice");
        }
      } else if (LITERAL.matcher(segment).matches()) {
        literals[i] = segment;
      } else {
        problems.add(
            owner
                + ": route path '"
                + path
                + "' has an invalid segment '"
                + segment
                + "' (a literal, or a whole-segment {name} with a Java identifier)");
      }
    }
    return problems.size() == before ? new RouteTemplate(path, literals, names) : null;
  }

  /** The path's non-empty segments; {@code /a//b/} gives {@code [a, b]}. */
  public static List<String> split(String path) {
    List<String> segments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i > start) {
          segments.add(path.substring(start, i));
        }
        start = i + 1;
      }
    }
    return segments;
  }

  /** The path as written. */
  public String path() {
    return path;
  }

  /** The path with parameter names erased; two routes with the same shape collide. */
  public String shape() {
    StringBuilder shape = new StringBuilder();
    for (int i = 0; i < literals.length; i++) {
      shape.append('/').append(literals[i] == null ? "{}" : literals[i]);
    }
    return shape.length() == 0 ? "/" : shape.toString();
  }

  /** The number of segments. */
  public int length() {
    return literals.length;
  }

  /** The literal segments before the first parameter, as a path ("" for none). */
  public String literalPrefix() {
    StringBuilder prefix = new StringBuilder();
    for (String literal : literals) {
      if (literal == null) {
        break;
      }
      prefix.append('/').append(literal);
    }
    return prefix.toString();
  }

  /** Whether every segment is literal. */
  public boolean isLiteral() {
    for (String name : names) {
      if (name != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Matches the first {@link #length()} request segments.
   *
   * @return the path parameters, or null if the segments do not match
   */
  public Map<String, String> match(List<String> segments) {
    if (segments.size() < literals.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < literals.length; i++) {
      if (literals[i] != null) {
        if (!literals[i].equals(segments.get(i))) {
          return null;
        }
      } else {
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(names[i], segments.get(i));
      }
    }
    return params == null ? Map.of() : params;
  }

  /**
   * Orders more specific templates first: at the first segment where one is literal and the other a
   * parameter, the literal one wins.
   */
  public int compareSpecificity(RouteTemplate other) {
    int n = Math.min(literals.length, other.literals.length);
    for (int i = 0; i < n; i++) {
      boolean mine = literals[i] != null;
      boolean theirs = other.literals[i] != null;
      if (mine != theirs) {
        return mine ? -1 : 1;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return path;
  }
}
