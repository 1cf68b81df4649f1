package org.plezi.jakarta.internal.base;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The library's settings for one deployment, read in this order (later wins): defaults, {@code
 * web.xml} context parameters ({@code plezi.*}), environment variables ({@code PL_*}: the setting's
 * name without {@code plezi.}, upper snake case, so {@code plezi.outbound.maxBytes} is {@code
 * PL_OUTBOUND_MAX_BYTES}), then values given in code ({@link org.plezi.jakarta.PleziSettings}, such
 * as a CDI producer's, applied once start-up is over). Every value is validated against its range;
 * a bad one fails the deployment naming the setting, where it came from and the accepted range.
 */
public final class Settings {
  /** A numeric setting with its default and inclusive range. */
  public record Numeric(String name, long defaultValue, long min, long max, String unit) {
    /** The environment variable that overrides the setting. */
    public String environmentName() {
      String bare = name.substring("plezi.".length());
      String snake = bare.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
      return "PL_" + snake.toUpperCase(Locale.ROOT);
    }
  }

  /** The largest inbound text (chars) or binary (bytes) message; larger ones close with 1009. */
  public static final Numeric MESSAGE_MAX_BYTES =
      new Numeric("plezi.message.maxBytes", 64 * 1024, 16, 64L * 1024 * 1024, "bytes");

  /** The outbound queue bound of each connection. */
  public static final Numeric OUTBOUND_MAX_BYTES =
      new Numeric("plezi.outbound.maxBytes", 1024 * 1024, 1024, 1024L * 1024 * 1024, "bytes");

  /**
   * How long one frame may take to reach a client before the connection is dropped; 0: no limit.
   */
  public static final Numeric SEND_TIMEOUT_MILLIS =
      new Numeric("plezi.outbound.sendTimeoutMillis", 30_000, 0, 3_600_000, "ms");

  /** How long undeploy waits for onShutdown and the close frames of all connections. */
  public static final Numeric SHUTDOWN_TIMEOUT_MILLIS =
      new Numeric("plezi.shutdown.timeoutMillis", 5_000, 0, 600_000, "ms");

  /** Events from other connections that may wait for one connection's controller. */
  public static final Numeric INBOX_MAX_MESSAGES =
      new Numeric("plezi.inbox.maxMessages", 10_000, 16, 10_000_000, "messages");

  /** Threads that run events from other connections; 0 means twice the number of processors. */
  public static final Numeric EVENT_THREADS =
      new Numeric("plezi.events.threads", 0, 0, 1024, "threads");

  /** How long a Messenger unicast to another server waits for its answer. */
  public static final Numeric UNICAST_TIMEOUT_MILLIS =
      new Numeric("plezi.unicast.timeoutMillis", 10_000, 100, 600_000, "ms");

  /** A text setting: absent unless set; its value must match {@code pattern}. */
  public record Text(
      String name, String environmentName, java.util.regex.Pattern pattern, String expected) {}

  /** The Redis server of the cluster bus ({@code redis://} or {@code rediss://}). */
  public static final Text REDIS_URL =
      new Text(
          "plezi.redis.url",
          "PL_REDIS_URL",
          java.util.regex.Pattern.compile("rediss?://[^\\s]{1,2040}"),
          "a redis:// or rediss:// URL");

  /** A Redisson YAML configuration file, for Sentinel and Cluster set-ups. */
  public static final Text REDIS_CONFIG =
      new Text(
          "plezi.redis.config",
          "PL_REDIS_CONFIG",
          java.util.regex.Pattern.compile("[^\\x00]{1,4096}"),
          "a file path");

  /** The cluster's global channel; defaults to one derived from the application's name. */
  public static final Text CHANNEL =
      new Text(
          "plezi.channel",
          "PL_CHANNEL",
          java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,200}"),
          "1 to 200 letters, digits, '_', '.', ':' or '-'");

  // Issue 16 (secure by default): origins, connection and inbound limits, the Redis CA file.

  /**
   * Origins (besides the request's own) whose pages may open websockets: comma-separated {@code
   * scheme://host[:port]}, {@code scheme://*.suffix[:port]}, or {@code *} for any.
   */
  public static final Text ORIGINS =
      new Text(
          "plezi.origins",
          "PL_ORIGINS",
          java.util.regex.Pattern.compile("[\\x20-\\x7e]{1,4096}"),
          "a comma-separated list of origins (printable ASCII, at most 4096 characters)");

  /** Whether an upgrade without an {@code Origin} header (not from a browser) is refused. */
  public static final Text ORIGINS_REQUIRED =
      new Text(
          "plezi.origins.required",
          "PL_ORIGINS_REQUIRED",
          java.util.regex.Pattern.compile("(?i)true|false"),
          "true or false");

  /** The most websockets of the deployment at once; 0: unlimited. */
  public static final Numeric CONNECTIONS_MAX =
      new Numeric("plezi.connections.max", 0, 0, 10_000_000, "connections");

  /** Frames a connection may send per second on average; 0: no limit. */
  public static final Numeric INBOUND_MESSAGES_PER_SECOND =
      new Numeric("plezi.inbound.messagesPerSecond", 0, 0, 1_000_000, "messages");

  /** Frames a connection may send at once beyond the rate; 0: one second's worth. */
  public static final Numeric INBOUND_BURST =
      new Numeric("plezi.inbound.burst", 0, 0, 10_000_000, "messages");

  /**
   * The certificate authorities (a PEM file) a {@code rediss://} server's certificate must chain
   * to, instead of the JVM's default trust store; only with a {@code rediss://} URL.
   */
  public static final Text REDIS_CA_FILE =
      new Text(
          "plezi.redis.caFile",
          "PL_REDIS_CA_FILE",
          java.util.regex.Pattern.compile("[^\\x00-\\x1f]{1,4096}"),
          "a file path (at most 4096 characters, no control character)");

  /**
   * What each channel keeps (issue 18): {@code plezi.channels.history}'s rules over {@code
   * historySize} and {@code historyMillis}.
   */
  public HistoryRules historyRules() {
    return HistoryRules.parse(
        texts.get(CHANNELS_HISTORY.name()),
        (int) get(CHANNELS_HISTORY_SIZE),
        get(CHANNELS_HISTORY_MILLIS));
  }

  /** Whether {@code plezi.origins.required} is true. */
  public boolean originsRequired() {
    return get(ORIGINS_REQUIRED).map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  // End of issue 16's block.

  /**
   * Who confirms an identity's mailbox message (issue 18): {@code client}, {@code server} (the
   * event method ran), or {@code auto} (the default: client for auto-dispatch controllers).
   */
  public static final Text MAILBOX_CONFIRMATION =
      new Text(
          "plezi.mailbox.confirmation",
          "PL_MAILBOX_CONFIRMATION",
          java.util.regex.Pattern.compile("(?i)auto|client|server"),
          "auto, client or server");

  /**
   * Channel history by channel name (issue 18): rules {@code pattern=size[/millis]} over {@code
   * plezi.channels.historySize} and {@code historyMillis}; see {@link HistoryRules}.
   */
  public static final Text CHANNELS_HISTORY =
      new Text(
          "plezi.channels.history",
          "PL_CHANNELS_HISTORY",
          java.util.regex.Pattern.compile("[\\x20-\\x7e]{1,4096}"),
          "comma-separated rules pattern=size[/millis] (printable ASCII, at most 4096 characters)");

  /** Every text setting. */
  public static final List<Text> TEXTS =
      List.of(
          REDIS_URL,
          REDIS_CONFIG,
          CHANNEL,
          ORIGINS,
          ORIGINS_REQUIRED,
          REDIS_CA_FILE,
          MAILBOX_CONFIRMATION,
          CHANNELS_HISTORY);

  /** Messages an identity's mailbox keeps; beyond, the oldest is dropped (and logged). */
  public static final Numeric MAILBOX_MAX_MESSAGES =
      new Numeric("plezi.mailbox.maxMessages", 10_000, 1, 1_000_000, "messages");

  // Issue 21 (a cluster that heals): the link check.

  /** How often each server runs the link check against Redis (and ends an outage). */
  public static final Numeric REDIS_CHECK_MILLIS =
      new Numeric("plezi.redis.checkMillis", 2_000, 100, 60_000, "ms");

  /** Channels one connection may subscribe to at once (issue 17). */
  public static final Numeric CHANNELS_MAX_PER_CONNECTION =
      new Numeric("plezi.channels.maxPerConnection", 100, 1, 10_000, "channels");

  /**
   * The largest envelope a server publishes on (or accepts from) the Redis bus, in UTF-8 bytes: 1
   * MiB by default, at most 8 MiB, Redis's default soft limit of a pub/sub client's output buffer
   * (the hard one is 32 MB), beyond which Redis cuts every subscriber's connection.
   */
  public static final Numeric BUS_MAX_MESSAGE_BYTES =
      new Numeric("plezi.bus.maxMessageBytes", 1_048_576, 1_024, 8_388_608, "bytes");

  // ---- issue 19: metrics

  /** Whether the library counts (connections, messages, drops...); 0 turns counting off. */
  public static final Numeric METRICS_ENABLED =
      new Numeric("plezi.metrics.enabled", 1, 0, 1, "0 or 1");

  /** Whether each deployment registers its JMX MBeans (0: none). */
  public static final Numeric METRICS_JMX = new Numeric("plezi.metrics.jmx", 1, 0, 1, "0 or 1");

  // ---- end of issue 19

  /**
   * Whether a client's offer of permessage-deflate is accepted (1, the container's default) or
   * declined (0). Every browser offers it; on Tomcat it costs each connection about 18 KB of heap
   * and 100 to 300 KB of native memory (zlib's windows), against bandwidth for compressible text.
   */
  public static final Numeric WEBSOCKET_COMPRESSION =
      new Numeric("plezi.websocket.compression", 1, 0, 1, "0 or 1");

  // ---- issue 18: dead and idle connections

  /**
   * A connection silent (no frame, no pong) for this long is pinged; 0: no pings and no heartbeat
   * timeout. Otherwise at least 100 ms.
   */
  public static final Numeric PING_INTERVAL_MILLIS =
      new Numeric("plezi.ping.intervalMillis", 25_000, 0, 3_600_000, "ms");

  /** How long a pinged connection may stay silent before it is closed with 4009. */
  public static final Numeric PING_TIMEOUT_MILLIS =
      new Numeric("plezi.ping.timeoutMillis", 10_000, 100, 3_600_000, "ms");

  /**
   * A connection whose client sent no application frame for this long is closed with 4010; 0: off.
   * Otherwise at least 1000 ms. Pongs and the JavaScript client's heartbeats do not count.
   */
  public static final Numeric IDLE_TIMEOUT_MILLIS =
      new Numeric("plezi.idle.timeoutMillis", 0, 0, 604_800_000, "ms");

  /** The non-zero floors of the settings whose 0 turns them off (issue 18). */
  private static Long offOrAtLeast(Numeric setting) {
    // Compared by identity, never hashed: a record's generated hashCode/equals linked from here
    // kept the last application's class loader after undeploy (the redeploy loop, issue 21).
    if (setting == PING_INTERVAL_MILLIS) {
      return 100L;
    }
    return setting == IDLE_TIMEOUT_MILLIS ? 1_000L : null;
  }

  /**
   * Publications each channel keeps for recovery (issue 18); 0, the default, keeps none. Off by
   * default: memory (or a Redis stream) per channel, a store write per publication.
   */
  public static final Numeric CHANNELS_HISTORY_SIZE =
      new Numeric("plezi.channels.historySize", 0, 0, 100_000, "messages");

  /** How long a channel keeps a publication (issue 18). */
  public static final Numeric CHANNELS_HISTORY_MILLIS =
      new Numeric("plezi.channels.historyMillis", 300_000, 1_000, 86_400_000, "ms");

  // ---- end of issue 18

  /** Every setting this class knows, for documentation and validation. */
  public static final List<Numeric> ALL =
      List.of(
          MESSAGE_MAX_BYTES,
          OUTBOUND_MAX_BYTES,
          SEND_TIMEOUT_MILLIS,
          SHUTDOWN_TIMEOUT_MILLIS,
          INBOX_MAX_MESSAGES,
          EVENT_THREADS,
          UNICAST_TIMEOUT_MILLIS,
          MAILBOX_MAX_MESSAGES,
          REDIS_CHECK_MILLIS,
          BUS_MAX_MESSAGE_BYTES,
          CONNECTIONS_MAX,
          INBOUND_MESSAGES_PER_SECOND,
          INBOUND_BURST,
          METRICS_ENABLED,
          METRICS_JMX,
          WEBSOCKET_COMPRESSION,
          CHANNELS_MAX_PER_CONNECTION,
          PING_INTERVAL_MILLIS,
          PING_TIMEOUT_MILLIS,
          IDLE_TIMEOUT_MILLIS,
          CHANNELS_HISTORY_SIZE,
          CHANNELS_HISTORY_MILLIS);

  private final Map<String, Long> values;

  /** Text settings that were set, by name. */
  private final Map<String, String> texts;

  private Settings(Map<String, Long> values, Map<String, String> texts) {
    this.values = values;
    this.texts = texts;
  }

  /** Every setting at its default. */
  public static Settings defaults() {
    return load(name -> null, Map.of());
  }

  /**
   * Reads every setting.
   *
   * @param contextParameters the deployment's context parameters ({@code web.xml})
   * @param environment the process environment
   * @throws IllegalArgumentException naming each bad value
   */
  public static Settings load(
      Function<String, String> contextParameters, Map<String, String> environment) {
    Map<String, Long> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Numeric setting : ALL) {
      long value = setting.defaultValue();
      String fromContext = contextParameters.apply(setting.name());
      if (fromContext != null) {
        value = parse(setting, fromContext, "context parameter " + setting.name(), problems, value);
      }
      String fromEnv = environment.get(setting.environmentName());
      if (fromEnv != null) {
        value =
            parse(
                setting,
                fromEnv,
                "environment variable " + setting.environmentName(),
                problems,
                value);
      }
      values.put(setting.name(), value);
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Text setting : TEXTS) {
      String fromContext = contextParameters.apply(setting.name());
      if (fromContext != null && !fromContext.isBlank()) {
        putText(texts, setting, fromContext, "context parameter " + setting.name(), problems);
      }
      String fromEnv = environment.get(setting.environmentName());
      if (fromEnv != null && !fromEnv.isBlank()) {
        putText(
            texts, setting, fromEnv, "environment variable " + setting.environmentName(), problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid Plezi settings: " + String.join("; ", problems));
    }
    return new Settings(values, texts);
  }

  private static void putText(
      Map<String, String> texts, Text setting, String raw, String source, List<String> problems) {
    String value = raw.trim();
    if (setting.pattern().matcher(value).matches()) {
      if (setting == CHANNELS_HISTORY) { // by identity, as offOrAtLeast
        try {
          HistoryRules.parse(value, 0, HistoryRules.MIN_MILLIS);
        } catch (IllegalArgumentException e) {
          problems.add(source + ": " + e.getMessage());
          return;
        }
      }
      texts.put(setting.name(), value);
    } else {
      // A URL may hold a password: never echo the value.
      problems.add(source + " is not " + setting.expected());
    }
  }

  /** The value of a text setting, if set. */
  public java.util.Optional<String> get(Text setting) {
    return java.util.Optional.ofNullable(texts.get(setting.name()));
  }

  /** A copy of these settings with one value changed (validated). */
  public Settings with(Numeric setting, long value) {
    List<String> problems = new ArrayList<>();
    long checked = parse(setting, Long.toString(value), "override", problems, value);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
    Map<String, Long> copy = new LinkedHashMap<>(values);
    copy.put(setting.name(), checked);
    return new Settings(copy, texts);
  }

  /**
   * A copy of these settings with values given in code applied over them (last source wins).
   *
   * @param overrides setting name to raw value
   * @param source where they came from, for error messages (such as "CDI producer")
   * @throws IllegalArgumentException naming each unknown setting and each bad value
   */
  public Settings withOverrides(Map<String, String> overrides, String source) {
    Map<String, Long> copy = new LinkedHashMap<>(values);
    Map<String, String> textCopy = new LinkedHashMap<>(texts);
    List<String> problems = new ArrayList<>();
    overrides.forEach(
        (name, raw) -> {
          Numeric numeric =
              ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
          Text text = TEXTS.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
          if (numeric != null) {
            copy.put(name, parse(numeric, raw, source + " " + name, problems, copy.get(name)));
          } else if (text != null) {
            putText(textCopy, text, raw, source + " " + name, problems);
          } else {
            problems.add(source + ": unknown setting '" + abbreviate(name) + "'");
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid Plezi settings: " + String.join("; ", problems));
    }
    return new Settings(copy, textCopy);
  }

  /** The value of a setting. */
  public long get(Numeric setting) {
    return values.get(setting.name());
  }

  private static long parse(
      Numeric setting, String raw, String source, List<String> problems, long fallback) {
    String text = raw.trim().replace("_", "");
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      problems.add(source + " is not a whole number: '" + abbreviate(raw) + "'");
      return fallback;
    }
    if (value < setting.min() || value > setting.max()) {
      problems.add(
          source
              + " = "
              + value
              + " is outside "
              + setting.min()
              + ".."
              + setting.max()
              + " "
              + setting.unit());
      return fallback;
    }
    Long floor = offOrAtLeast(setting);
    if (floor != null && value != 0 && value < floor) {
      problems.add(
          source
              + " = "
              + value
              + " is below "
              + floor
              + " "
              + setting.unit()
              + " (0 turns it off)");
      return fallback;
    }
    return value;
  }

  private static String abbreviate(String raw) {
    return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
  }
}
