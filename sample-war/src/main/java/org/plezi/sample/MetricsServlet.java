package org.plezi.sample;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.plezi.jakarta.micrometer.PleziMetricsBinder;

/**
 * {@code GET /metrics}: the library's metrics in the Prometheus text format, through Micrometer's
 * Prometheus registry bound by {@code plezi-jakarta-micrometer}. An application that already runs a
 * registry binds {@link PleziMetricsBinder} to it instead. No authentication here: a real
 * application would expose this to its scraper only.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Made on the first request, once the application has started. */
  private transient PrometheusMeterRegistry registry;

  @Override
  public void init() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PleziMetricsBinder.of(getServletContext()).bindTo(registry);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain; version=0.0.4; charset=UTF-8");
    response.getWriter().write(registry.scrape());
  }
}
