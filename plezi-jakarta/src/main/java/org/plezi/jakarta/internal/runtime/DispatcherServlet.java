package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.hooks.HttpExchange;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Refusal;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.model.RouteTable;
import org.plezi.jakarta.internal.security.UserSnapshot;

/**
 * Answers every route: websocket upgrades (after {@code preConnect}) and plain {@code GET}s ({@code
 * index} and {@code show}). Requests under a route's mapping that match no route go to the
 * container's default servlet.
 */
public final class DispatcherServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /**
   * The library's own static files (served from the jar's {@code META-INF/resources}); they stay
   * reachable even under a route such as {@code /{room}} whose {@code show} would match them.
   */
  private static final java.util.Set<String> LIBRARY_FILES =
      java.util.Set.of("/plezi/client.js", "/plezi/client.d.ts");

  /** The deployment's runtime; the servlet lives and dies with it. */
  private final transient PleziRuntime runtime;

  DispatcherServlet(PleziRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    RouteTable.Match match = LIBRARY_FILES.contains(path) ? null : runtime.routes().match(path);
    if (match == null) {
      notRouted(request, response);
    } else if (isUpgrade(request)) {
      upgrade(request, response, match);
    } else if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
      page(request, response, match);
    } else {
      response.setHeader("Allow", "GET, HEAD");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
  }

  @Override
  public void destroy() {
    runtime.shutdown(); // servlets stop before context listeners: the websockets are still open
  }

  private void notRouted(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    RequestDispatcher fallback = getServletContext().getNamedDispatcher("default");
    if (fallback != null && !isUpgrade(request)) {
      fallback.forward(request, response);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void upgrade(
      HttpServletRequest request, HttpServletResponse response, RouteTable.Match match)
      throws IOException {
    ControllerModel model = match.controller();
    RouteMetrics counts = runtime.metricsOf(model);
    if (match.showId() != null || !model.acceptsWebsocket() || !"GET".equals(request.getMethod())) {
      counts.refused(Refusal.NOT_WEBSOCKET);
      refuse(response, HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    if (runtime.isStopping()) {
      counts.refused(Refusal.STOPPING);
      refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    ServerContainer container =
        (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
    if (container == null) {
      LOG.log(Level.ERROR, "the servlet container offers no Jakarta WebSocket ServerContainer");
      counts.refused(Refusal.ERROR);
      refuse(response, HttpServletResponse.SC_NOT_IMPLEMENTED);
      return;
    }
    UpgradeGate gate = runtime.gate();
    UpgradeGate.Refusal refusal = gate.admit(request, model);
    if (refusal != null) {
      counts.refused(
          refusal.status() == 503
              ? Refusal.LIMIT
              : refusal.status() == 403 ? Refusal.ORIGIN : Refusal.BAD_HANDSHAKE);
      if (refusal.header() != null) {
        response.setHeader(refusal.header(), refusal.value());
      }
      refuse(response, refusal.status());
      return;
    }
    // From here on, one connection place is reserved: given back below if no websocket opens,
    // by the hand-off when a parked endpoint expires, or by runtime.disconnect.
    Controller controller = runtime.newController(model);
    if (controller == null) {
      counts.refused(Refusal.ERROR);
      gate.release();
      refuse(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      return;
    }
    Boolean accepted =
        withExchange(
            controller,
            request,
            response,
            match,
            "preConnect",
            () -> ControllerHooks.get().preConnect(controller));
    if (accepted == null || !accepted) {
      counts.refused(accepted == null ? Refusal.ERROR : Refusal.PRE_CONNECT);
      int status = response.getStatus() >= 400 ? response.getStatus() : 403;
      refuse(response, accepted == null ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : status);
      runtime.releaseController(controller);
      gate.release();
      return;
    }
    WebsocketHandOff handOff = runtime.handOff();
    Map<String, String> ticket =
        handOff.park(
            new EndpointAdapter(
                runtime,
                model,
                controller,
                // the request is recycled after the upgrade: keep its user now
                UserSnapshot.capture(
                    request.getUserPrincipal(), model.roles(), request::isUserInRole)),
            controller);
    try {
      container.upgradeHttpToWebSocket(request, response, handOff.config(), ticket);
      int status = response.getStatus();
      if (status != 101 && handOff.withdraw(ticket)) {
        // The container answered without upgrading (a handshake it judged bad): no websocket will
        // ever open. Its own status stands; logged at most once per interval, as outside input.
        gate.declined(model, status);
        runtime.releaseController(controller);
        counts.refused(Refusal.ERROR);
        gate.release();
        if (!response.isCommitted()) {
          refuse(response, status >= 400 ? status : HttpServletResponse.SC_BAD_REQUEST);
        }
      }
    } catch (DeploymentException | RuntimeException e) {
      LOG.log(Level.ERROR, "upgrade to " + model + " failed", e);
      counts.refused(Refusal.ERROR);
      if (handOff.withdraw(ticket)) {
        runtime.releaseController(controller);
        gate.release();
      }
      if (!response.isCommitted()) {
        refuse(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      }
    }
  }

  private void page(
      HttpServletRequest request, HttpServletResponse response, RouteTable.Match match)
      throws IOException {
    Controller controller = runtime.newController(match.controller());
    if (controller == null) {
      response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      return;
    }
    try {
      String id = match.showId();
      String body =
          withExchange(
              controller,
              request,
              response,
              match,
              id == null ? "index" : "show",
              () ->
                  id == null
                      ? ControllerHooks.get().index(controller)
                      : ControllerHooks.get().show(controller, id));
      if (response.isCommitted()) {
        return; // the controller answered by itself
      }
      if (body == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      response.setContentType("text/html; charset=UTF-8");
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      response.setContentLength(bytes.length);
      if (!"HEAD".equals(request.getMethod())) {
        response.getOutputStream().write(bytes);
      }
    } catch (CallbackFailed e) {
      response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    } finally {
      runtime.releaseController(controller);
    }
  }

  /**
   * Runs an HTTP callback with the request bound to the controller.
   *
   * @return the callback's result; for preConnect, null when it threw
   * @throws CallbackFailed when index or show threw
   */
  private <T> T withExchange(
      Controller controller,
      HttpServletRequest request,
      HttpServletResponse response,
      RouteTable.Match match,
      String callback,
      java.util.function.Supplier<T> action) {
    ControllerHooks hooks = ControllerHooks.get();
    hooks.bindExchange(controller, new HttpExchange(request, response, params(request, match)));
    try {
      return action.get();
    } catch (RuntimeException e) {
      LOG.log(
          Level.ERROR,
          controller.getClass().getName()
              + " ("
              + request.getRequestURI()
              + "): "
              + callback
              + " threw",
          e);
      if ("preConnect".equals(callback)) {
        return null;
      }
      throw new CallbackFailed();
    } finally {
      hooks.bindExchange(controller, null);
    }
  }

  private static Map<String, String> params(HttpServletRequest request, RouteTable.Match match) {
    Map<String, String> params = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (values.length > 0) {
                params.put(name, values[0]);
              }
            });
    params.putAll(match.pathParams());
    return Map.copyOf(params);
  }

  private static boolean isUpgrade(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.trim().toLowerCase(Locale.ROOT).equals("websocket");
  }

  private static void refuse(HttpServletResponse response, int status) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType("text/plain; charset=UTF-8");
    response.getWriter().write("websocket upgrade refused (" + status + ")\n");
  }

  /** Marks an index or show failure that was already logged. */
  private static final class CallbackFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallbackFailed() {
      super(null, null, false, false);
    }
  }
}
