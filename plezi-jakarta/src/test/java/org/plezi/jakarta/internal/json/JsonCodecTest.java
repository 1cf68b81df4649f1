package org.plezi.jakarta.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec(JsonProvider.provider(), 4);

  @Test
  void readsAnObjectUpToTheDepthLimit() throws Exception {
    JsonObject message = codec.readObject("{\"a\":[{\"b\":[1]}],\"c\":null}");
    assertThat(message.toString()).isEqualTo("{\"a\":[{\"b\":[1]}],\"c\":null}");
  }

  @Test
  void refusesOneLevelMoreThanTheLimit() {
    assertThatThrownBy(() -> codec.readObject("{\"a\":[{\"b\":[[1]]}]}"))
        .isInstanceOf(JsonCodec.BadMessage.class)
        .hasMessage("nested deeper than 4 levels");
  }

  @Test
  void millionsOfOpenBracketsNeitherRecurseNorParseFurther() {
    String deep = "{\"a\":" + "[".repeat(5_000_000);
    assertThatThrownBy(() -> codec.readObject(deep))
        .isInstanceOf(JsonCodec.BadMessage.class)
        .hasMessage("nested deeper than 4 levels");
  }

  @Test
  void refusesWhatIsNotExactlyOneObject() {
    assertThatThrownBy(() -> codec.readObject("[]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> codec.readObject("{} {}")).hasMessage("malformed JSON");
    assertThatThrownBy(() -> codec.readObject("{\"a\":1")).hasMessage("malformed JSON");
    assertThatThrownBy(() -> codec.readObject("{\"a\":tru}")).hasMessage("malformed JSON");
  }

  @Test
  void duplicateKeysKeepTheLastValue() throws Exception {
    assertThat(codec.readObject("{\"k\":1,\"k\":2}").getInt("k")).isEqualTo(2);
  }

  @Test
  void toMapGivesPlainUnmodifiableJavaValues() throws Exception {
    Map<String, Object> map =
        JsonCodec.toMap(
            codec.readObject(
                "{\"l\":9223372036854775807,\"big\":9223372036854775808,\"f\":1.0,\"e\":1e2,"
                    + "\"s\":\"x\",\"t\":true,\"n\":null,\"a\":[1,{\"b\":false}]}"));
    assertThat(map.get("l")).isEqualTo(Long.MAX_VALUE);
    assertThat(map.get("big")).isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(map.get("f")).isEqualTo(new BigDecimal("1.0"));
    assertThat(map.get("e")).isEqualTo(new BigDecimal("1e2"));
    assertThat(map).containsEntry("s", "x").containsEntry("t", true).containsEntry("n", null);
    assertThat(map.get("a")).isEqualTo(List.of(1L, Map.of("b", false)));
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void errRepliesHaveTheDocumentedShape() throws Exception {
    JsonObject request = codec.readObject("{\"event\":\"x\"}");
    assertThat(codec.err(404, "not found", null, request))
        .isEqualTo(
            "{\"event\":\"err\",\"status\":404,\"result\":\"not found\",\"request\":{\"event\":\"x\"}}");
    assertThat(codec.err(400, "bad request", "why", null))
        .isEqualTo(
            "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\",\"reason\":\"why\"}");
  }

  @Test
  void locateFallsBackToTheApplicationClassLoaderAndReportsNoneAsNull() {
    JsonProvider found =
        JsonCodec.locate(
            () -> {
              throw new JsonException("no provider here");
            },
            getClass().getClassLoader());
    assertThat(found).isNotNull();
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    assertThat(
            JsonCodec.locate(
                () -> {
                  throw new JsonException("no provider here");
                },
                empty))
        .isNull();
  }
}
