/**
 * Plezi's metrics as Micrometer meters: {@link org.plezi.jakarta.micrometer.PleziMetricsBinder}
 * binds one deployment's {@code Plezi.metrics} and {@code Plezi.health} to any {@code
 * MeterRegistry} (Prometheus, OTLP, JMX...). Meter names and tags are listed in README's
 * <i>Metrics</i> section.
 */
package org.plezi.jakarta.micrometer;
