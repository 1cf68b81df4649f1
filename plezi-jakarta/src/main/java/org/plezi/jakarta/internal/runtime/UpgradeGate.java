package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plezi.jakarta.internal.base.LogText;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.security.ConnectionLimit;
import org.plezi.jakarta.internal.security.HandshakeCheck;
import org.plezi.jakarta.internal.security.OriginPolicy;

/**
 * The checks a websocket upgrade passes before any controller exists, in this order: the handshake
 * headers (426, 400), the origin policy (403), the connection limit (503 with {@code Retry-After}).
 * Each kind of refusal is logged through its own rate-limited log, never once per request. Made
 * once the settings are final; thread-safe.
 */
final class UpgradeGate {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** Why an upgrade is refused: the status, an extra header (or null) and the reason. */
  record Refusal(int status, String header, String value, String reason) {}

  private final OriginPolicy policy;

  /** Each route's policy: the deployment's, or its own {@code @Route(origins)}; made on use. */
  private final Map<ControllerModel, OriginPolicy> routePolicies = new ConcurrentHashMap<>();

  private final ConnectionLimit limit;
  private final RateLimitedLog badHandshakes = new RateLimitedLog(LOG);
  private final RateLimitedLog refusedOrigins = new RateLimitedLog(LOG);
  private final RateLimitedLog full = new RateLimitedLog(LOG);
  private final RateLimitedLog declined = new RateLimitedLog(LOG);

  private UpgradeGate(OriginPolicy policy, ConnectionLimit limit) {
    this.policy = policy;
    this.limit = limit;
  }

  /**
   * The gate of a deployment's final settings.
   *
   * @throws IllegalArgumentException naming each bad entry of {@code plezi.origins}
   */
  static UpgradeGate of(Settings settings) {
    OriginPolicy policy;
    try {
      policy =
          OriginPolicy.parse(
              settings.get(Settings.ORIGINS).orElse(null), settings.originsRequired());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid Plezi settings: plezi.origins: " + e.getMessage());
    }
    return new UpgradeGate(
        policy, new ConnectionLimit((int) settings.get(Settings.CONNECTIONS_MAX)));
  }

  /**
   * Checks the headers and the origin of an upgrade to a route, then reserves a connection place.
   *
   * @return null when the upgrade may go on: a place is then reserved, to {@link #release} exactly
   *     once (when the upgrade fails, or when its connection has closed)
   */
  Refusal admit(HttpServletRequest request, ControllerModel model) {
    HandshakeCheck.Refusal bad =
        HandshakeCheck.check(
            headers(request, HandshakeCheck.VERSION_HEADER), headers(request, "Sec-WebSocket-Key"));
    if (bad != null) {
      badHandshakes.warn(
          "bad websocket handshake to "
              + model.route()
              + " refused ("
              + bad.status()
              + "): "
              + bad.reason());
      return bad.namesVersion()
          ? new Refusal(
              bad.status(), HandshakeCheck.VERSION_HEADER, HandshakeCheck.VERSION, bad.reason())
          : new Refusal(bad.status(), null, null, bad.reason());
    }
    List<String> origins = headers(request, "Origin");
    OriginPolicy.Verdict verdict =
        policyOf(model)
            .check(origins, request.getScheme(), request.getServerName(), request.getServerPort());
    if (!verdict.allowed()) {
      refusedOrigins.warn(
          "websocket upgrade to "
              + model.route()
              + " refused (403, "
              + verdict.reason()
              + "): "
              + "Origin "
              + (origins.isEmpty() ? "(none)" : LogText.printable(String.join(" ", origins)))
              + ", server origin "
              + request.getScheme()
              + "://"
              + LogText.printable(request.getServerName())
              + ":"
              + request.getServerPort());
      return new Refusal(403, null, null, verdict.reason());
    }
    if (!tryReserve()) {
      full.warn(
          "websocket upgrade refused (503): plezi.connections.max = " + limit.max() + " reached");
      return new Refusal(
          503,
          "Retry-After",
          Integer.toString(ConnectionLimit.RETRY_AFTER_SECONDS),
          "too many connections");
    }
    return null;
  }

  /** Reserves a connection place; false when the limit is reached. */
  boolean tryReserve() {
    return limit.tryReserve();
  }

  /** Gives back the place an admitted upgrade reserved. */
  void release() {
    limit.release();
  }

  /** The container answered an admitted upgrade without upgrading; logged, rate-limited. */
  void declined(ControllerModel model, int status) {
    declined.warn(
        "the websocket container declined an upgrade to " + model + " (status " + status + ")");
  }

  /** Places reserved now: open connections and upgrades under way. */
  int reserved() {
    return limit.reserved();
  }

  private OriginPolicy policyOf(ControllerModel model) {
    if (model.origins().isEmpty()) {
      return policy;
    }
    return routePolicies.computeIfAbsent(model, m -> policy.withAllowList(m.origins()));
  }

  private static List<String> headers(HttpServletRequest request, String name) {
    java.util.Enumeration<String> values = request.getHeaders(name);
    return values == null ? List.of() : Collections.list(values);
  }
}
