package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: each payload must come back Rejected with a reason, promptly, with nothing
 * instantiated. The class timeout only guards against a hang; no test measures time.
 */
@Timeout(60)
class EnvelopeCodecSafetyTest {
  private static final String GADGET =
      "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
          + " [\"http://x\"]]]]";

  private final EnvelopeCodec codec = new EnvelopeCodec();

  private String rejection(String payload) {
    Decoded decoded = codec.decode(payload);
    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    String reason = ((Decoded.Rejected) decoded).reason();
    assertThat(reason).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
    return reason;
  }

  private static String envelopeWith(String dataItem) {
    return "---\n:method: :print\n:data:\n- " + dataItem + "\n:type: :all\n:server: s\n";
  }

  @Test
  void theScriptEngineManagerGadgetIsRejectedAtItsFirstTag() {
    assertThat(rejection(GADGET))
        .isEqualTo("tag not allowed: tag:yaml.org,2002:javax.script.ScriptEng…");
    assertThat(rejection(envelopeWith(GADGET))).startsWith("tag not allowed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "!<tag:yaml.org,2002:java.net.URL> http://x",
        "!!java.io.File /etc/passwd",
        "%TAG !j! tag:yaml.org,2002:java.net.\n---\n!j!URL http://x",
        "%TAG !e! tag:example.com,2000:\n---\n!e!thing x",
        "!!omap [a: 1]",
        "!!pairs [a: 1]",
        "!foo bar"
      })
  void everyTagOutsideTheWhitelistIsRejected(String payload) {
    assertThat(rejection(payload)).startsWith("tag not allowed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "!ruby/object:Foo {bar: 1}",
        "!ruby/object:Gem::Requirement {requirements: []}",
        "!ruby/hash:ActiveSupport::HashWithIndifferentAccess {a: 1}",
        "!ruby/struct:Point {x: 1}",
        "!ruby/exception:RuntimeError {message: x}",
        "!ruby/regexp /a+/",
        "!ruby/class File",
        "!ruby/string:Foo x",
        "!ruby/array:Foo [1]",
        "!ruby/object:Set [1]",
        "!ruby/symbol [a]"
      })
  void unknownRubyObjectTagsAreRejectedAlsoInsideAnEnvelope(String value) {
    assertThat(rejection(value)).startsWith("tag not allowed");
    assertThat(rejection(envelopeWith(value))).startsWith("tag not allowed");
  }

  @Test
  void rubyRangesAreRejectedForWantOfASafeJavaValue() {
    String range = "!ruby/range\n  begin: 1\n  end: 5\n  excl: false";

    assertThat(rejection(envelopeWith(range))).contains("Ruby ranges are not accepted");
    assertThat(rejection("!ruby/range 1..5")).contains("Ruby ranges are not accepted");
  }

  @Test
  void aRubySetWithMoreThanItsHashIsRejected() {
    assertThat(rejection("!ruby/object:Set {hash: {a: true}, extra: 1}")).contains("one key, hash");
    assertThat(rejection("!ruby/object:Set {hash: [a]}")).contains("one key, hash");
  }

  @Test
  void aBillionLaughsDocumentIsRejectedByTheAliasLimit() {
    StringBuilder lol = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String previous = "*" + (char) (c - 1);
      lol.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(String.join(", ", Collections.nCopies(9, previous)))
          .append("]\n");
    }

    assertThat(rejection(lol.toString())).contains("aliases").contains("50");
  }

  @Test
  void aliasesUnderTheLimitThatDoubleToMillionsAreRejectedByTheValueCount() {
    StringBuilder doubling = new StringBuilder("l0: &l0 [x, x]\n");
    for (int i = 1; i < 25; i++) {
      doubling
          .append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append(", *l")
          .append(i - 1)
          .append("]\n");
    }

    assertThat(rejection(doubling.toString())).isEqualTo("more than 100000 values");
  }

  @Test
  void anAnchorReusedDeepDownCountsAtItsExpandedDepth() {
    EnvelopeCodec shallow = new EnvelopeCodec(Limits.defaults().withMaxDepth(4));
    String reuse = "a: &x [[y]]\nb: [[*x]]";

    Decoded decoded = shallow.decode(reuse);

    assertThat(decoded).isEqualTo(new Decoded.Rejected("nesting deeper than 4"));
    assertThat(shallow.decode("a: &x [[y]]\nb: [*x]")).isInstanceOf(Decoded.Foreign.class);
  }

  @Test
  void aTenMegabytePayloadIsRejectedBeforeParsing() {
    String big = envelopeWith("x".repeat(10 * 1024 * 1024));

    assertThat(rejection(big)).isEqualTo("payload exceeds 1048576 bytes");
  }

  @Test
  void thePayloadLimitCountsUtf8Bytes() {
    EnvelopeCodec small = new EnvelopeCodec(Limits.defaults().withMaxPayloadBytes(10));

    assertThat(small.decode("éééé")).isInstanceOf(Decoded.Foreign.class);
    assertThat(small.decode("ééééé😀")).isEqualTo(new Decoded.Rejected("payload exceeds 10 bytes"));
  }

  @Test
  void nestingAtTheLimitIsReadAndOneLevelDeeperIsRejected() {
    String atLimit = "[".repeat(64) + "]".repeat(64);
    String pastLimit = "[".repeat(65) + "]".repeat(65);

    assertThat(codec.decode(atLimit)).isInstanceOf(Decoded.Foreign.class);
    assertThat(rejection(pastLimit)).contains("64");
    assertThat(rejection("- ".repeat(65) + "x")).contains("64");
    assertThat(rejection("{a: ".repeat(65) + "x" + "}".repeat(65))).contains("64");
  }

  @Test
  void tenThousandLevelsOfNestingAreRejectedWithoutExhaustingTheStack() {
    int levels = 10_000;

    assertThat(rejection("[".repeat(levels) + "]".repeat(levels))).contains("64");
    assertThat(rejection("{a: ".repeat(levels) + "x" + "}".repeat(levels))).contains("64");
    assertThat(rejection("- ".repeat(levels) + "x")).contains("64");
    assertThat(rejection(envelopeWith("[".repeat(levels) + "]".repeat(levels)))).contains("64");
  }

  @Test
  void theDeepestAllowedNestingIsReadAndWrittenWithinAHalfMebibyteStack() throws Exception {
    int depth = Limits.DEPTH_CEILING;
    EnvelopeCodec deep = new EnvelopeCodec(Limits.defaults().withMaxDepth(depth));
    Object nested = "x";
    for (int i = 0; i < depth - 2; i++) {
      nested = List.of(nested);
    }
    Envelope envelope = Envelope.multicast("m", List.of(nested), "s");
    AtomicReference<Object> outcome = new AtomicReference<>();

    Thread small =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(
                    List.of(
                        deep.decode(deep.encode(envelope)),
                        deep.decode("[".repeat(depth) + "]".repeat(depth))));
              } catch (StackOverflowError e) {
                outcome.set(e);
              }
            },
            "small-stack",
            512 * 1024);
    small.start();
    small.join();

    assertThat(outcome.get())
        .isEqualTo(
            List.of(
                new Decoded.Message(envelope), deep.decode("[".repeat(depth) + "]".repeat(depth))));
  }

  @Test
  void recursiveStructuresAreRejected() {
    assertThat(rejection("&a [*a]")).contains("recursive");
    assertThat(rejection("&a {k: *a}")).contains("recursive");
    assertThat(rejection("&a {*a : 1}")).contains("collection");
  }

  @Test
  void duplicateKeysAreRejectedEvenWhenOneIsASymbolAndOneAString() {
    assertThat(rejection(":method: :a\nmethod: b\n")).isEqualTo("duplicate key: method");
    assertThat(rejection("{a: 1, a: 2}")).isEqualTo("duplicate key: a");
  }

  @Test
  void mergeKeysAndCollectionKeysAreRejected() {
    assertThat(rejection("base: &b {k: 1}\nderived:\n  <<: *b\n")).contains("merge keys");
    assertThat(rejection("? [a, b]\n: 1\n")).contains("collection");
  }

  @Test
  void numbersTooLongToParseCheaplyAreRejected() {
    String digits = "9".repeat(CoreScalars.MAX_NUMBER_CHARS + 1);

    assertThat(rejection("!!int " + digits)).contains("integer literal longer than");
    assertThat(rejection("!!float " + digits)).contains("float literal longer than");
    assertThat(rejection("!ruby/object:BigDecimal 18:1e999999")).contains("scale");
    assertThat(rejection("!ruby/object:BigDecimal 18:NaN")).contains("BigDecimal");
    assertThat(rejection("!!int 12abc")).contains("invalid integer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{method: 'close()', type: all, server: s}",
        "{method: '', type: all, server: s}",
        "{method: 42, type: all, server: s}",
        "{method: [a], type: all, server: s}",
        "{method: print, data: Hi, type: all, server: s}",
        "{method: print, type: all}",
        "{method: print, type: all, server: 42}",
        "{method: print, server: s}",
        "{method: print, type: all, to_server: x, server: s}",
        "{method: print, type: '', server: s}",
        "{method: print, type: all, server: s, 1: extra}"
      })
  void aMappingWithAMethodThatBreaksTheEnvelopeRulesIsRejectedNotForeign(String payload) {
    assertThat(rejection(payload)).startsWith("invalid envelope: ");
  }

  @Test
  void aLongHostileMethodNameIsAbbreviatedInTheReason() {
    String reason = rejection("{method: \"" + "x".repeat(300) + "\", type: all, server: s}");

    assertThat(reason).hasSizeLessThan(100);
  }

  @Test
  void theCodecKeepsWorkingAfterEveryRejection() {
    for (String hostile : List.of(GADGET, "&a [*a]", "!ruby/object:Foo {}", "- ".repeat(100))) {
      rejection(hostile);
      assertThat(codec.decode(EnvelopeCodecTest.DESIGN_EXAMPLE))
          .isInstanceOf(Decoded.Message.class);
    }
  }
}
