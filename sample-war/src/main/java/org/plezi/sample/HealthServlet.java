package org.plezi.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.PleziHealth;

/**
 * {@code GET /health}: {@code Plezi.health} as JSON, with status 200 when ready and 503 otherwise
 * (a readiness probe's answer), e.g. {@code {"ready":true,"live":true,"redis":"NOT_CONFIGURED"}}.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PleziHealth health = Plezi.health(getServletContext());
    response.setStatus(health.ready() ? 200 : 503);
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            "{\"ready\":"
                + health.ready()
                + ",\"live\":"
                + health.live()
                + ",\"redis\":\""
                + health.redis()
                + "\"}\n");
  }
}
