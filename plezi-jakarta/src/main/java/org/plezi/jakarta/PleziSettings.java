package org.plezi.jakarta;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings an application gives in code. They are applied last: over the defaults, the {@code
 * web.xml} context parameters ({@code plezi.*}) and the environment variables ({@code PL_*}). With
 * the CDI module, an application produces one:
 *
 * <pre>{@code
 * @Produces
 * PleziSettings plezi() {
 *   return PleziSettings.empty().with("plezi.outbound.maxBytes", 4 * 1024 * 1024);
 * }
 * }</pre>
 *
 * <p>Names are those of the context parameters. Nothing is checked here: when the application
 * starts, an unknown name or a value out of range fails the deployment, naming the setting and this
 * source. Immutable and thread-safe; {@link #with} returns a copy.
 */
public final class PleziSettings {
  private static final PleziSettings EMPTY = new PleziSettings(Map.of());

  /** Setting name to raw value, sorted by name. */
  private final Map<String, String> values;

  private PleziSettings(Map<String, String> values) {
    this.values = values;
  }

  /** No overrides. */
  public static PleziSettings empty() {
    return EMPTY;
  }

  /**
   * These settings with one more (or a replaced) value.
   *
   * @param name a setting name such as {@code plezi.outbound.maxBytes}
   * @param value its value, as it would be written in {@code web.xml}
   */
  public PleziSettings with(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(name, value);
    return new PleziSettings(Collections.unmodifiableMap(copy));
  }

  /** As {@link #with(String, String)} for a numeric setting. */
  public PleziSettings with(String name, long value) {
    return with(name, Long.toString(value));
  }

  /** The values by setting name; unmodifiable. */
  public Map<String, String> values() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PleziSettings that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "PleziSettings" + values;
  }
}
