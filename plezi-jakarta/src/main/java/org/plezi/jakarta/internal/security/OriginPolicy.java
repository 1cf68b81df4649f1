package org.plezi.jakarta.internal.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Which browser pages may open a websocket: the one whose origin is the request's own, as the
 * server sees it, plus those an allow-list names ({@code plezi.origins}, or a route's own list).
 * Browsers send {@code Origin} on every websocket upgrade and a page cannot forge it, so this is
 * what stops another site from opening a socket with the user's cookies (cross-site websocket
 * hijacking). An upgrade without {@code Origin} does not come from a browser page; it is accepted
 * unless the policy requires the header. Immutable and thread-safe.
 */
public final class OriginPolicy {
  /** What the policy decided about one upgrade, and why (for the log line of a refusal). */
  public enum Verdict {
    /** The origin is the request's own. */
    SAME_ORIGIN(true, "same origin"),
    /** The allow-list names the origin (or is {@code *}). */
    LISTED(true, "allowed origin"),
    /** No {@code Origin} header, and the policy does not require one. */
    ABSENT(true, "no Origin header"),
    /** No {@code Origin} header, and the policy requires one. */
    ABSENT_REFUSED(false, "no Origin header, and plezi.origins.required is true"),
    /** An origin that is not the request's own and that the allow-list does not name. */
    NOT_ALLOWED(false, "origin not allowed"),
    /** An {@code Origin} that is no origin ({@code null}, garbage) or more than one of them. */
    MALFORMED(false, "unusable Origin header");

    private final boolean allowed;
    private final String reason;

    Verdict(boolean allowed, String reason) {
      this.allowed = allowed;
      this.reason = reason;
    }

    public boolean allowed() {
      return allowed;
    }

    public String reason() {
      return reason;
    }
  }

  /** The policy of a deployment that sets nothing: same origin, or no Origin header. */
  public static final OriginPolicy DEFAULT = new OriginPolicy(List.of(), false, false);

  /** Origins allowed besides the request's own; empty when {@link #anyOrigin}. */
  private final List<OriginPattern> allowed;

  /** Whether the allow-list is {@code *}. */
  private final boolean anyOrigin;

  /** Whether an upgrade without an Origin header is refused. */
  private final boolean originRequired;

  private OriginPolicy(List<OriginPattern> allowed, boolean anyOrigin, boolean originRequired) {
    this.allowed = allowed;
    this.anyOrigin = anyOrigin;
    this.originRequired = originRequired;
  }

  /**
   * Reads an allow-list: comma-separated entries, each {@code *} (any origin) or an {@link
   * OriginPattern}; blank entries are ignored.
   *
   * @param list the list; null or blank for none (only the request's own origin)
   * @param originRequired whether an upgrade without {@code Origin} is refused
   * @throws IllegalArgumentException naming each bad entry
   */
  public static OriginPolicy parse(String list, boolean originRequired) {
    return of(list == null ? List.of() : List.of(list.split(",")), originRequired);
  }

  /**
   * As {@link #parse}, from entries already apart (a route's {@code @Route(origins)}).
   *
   * @throws IllegalArgumentException naming each bad entry
   */
  public static OriginPolicy of(List<String> entries, boolean originRequired) {
    List<OriginPattern> patterns = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean any = false;
    for (String entry : entries) {
      String text = entry.trim();
      if (text.equals("*")) {
        any = true;
      } else if (!text.isEmpty()) {
        try {
          patterns.add(OriginPattern.parse(text));
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new OriginPolicy(any ? List.of() : List.copyOf(patterns), any, originRequired);
  }

  /**
   * This policy with another allow-list (a route's): the request's own origin stays allowed, and
   * whether an Origin header is required stays as it is.
   *
   * @throws IllegalArgumentException naming each bad entry
   */
  public OriginPolicy withAllowList(List<String> entries) {
    return of(entries, originRequired);
  }

  /**
   * Decides an upgrade.
   *
   * @param originHeaders every {@code Origin} header of the request (usually none or one)
   * @param scheme {@code request.getScheme()}
   * @param serverName {@code request.getServerName()}
   * @param serverPort {@code request.getServerPort()}
   */
  public Verdict check(
      List<String> originHeaders, String scheme, String serverName, int serverPort) {
    if (originHeaders.isEmpty()) {
      return originRequired ? Verdict.ABSENT_REFUSED : Verdict.ABSENT;
    }
    if (anyOrigin) {
      return Verdict.LISTED;
    }
    if (originHeaders.size() > 1) {
      return Verdict.MALFORMED; // which one would the browser have meant?
    }
    Origin origin = Origin.parse(originHeaders.get(0));
    if (origin == null) {
      return Verdict.MALFORMED;
    }
    if (origin.equals(Origin.ofRequest(scheme, serverName, serverPort))) {
      return Verdict.SAME_ORIGIN;
    }
    for (OriginPattern pattern : allowed) {
      if (pattern.matches(origin)) {
        return Verdict.LISTED;
      }
    }
    return Verdict.NOT_ALLOWED;
  }

  /** Whether an upgrade without an Origin header is refused. */
  public boolean originRequired() {
    return originRequired;
  }

  @Override
  public String toString() {
    String list = anyOrigin ? "*" : allowed.toString();
    return "origins: same origin + " + list + (originRequired ? ", Origin required" : "");
  }
}
