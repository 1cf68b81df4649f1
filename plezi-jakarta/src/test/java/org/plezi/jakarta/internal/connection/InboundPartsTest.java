package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class InboundPartsTest {
  private int refused;
  private final InboundParts parts = new InboundParts(10, () -> refused++);

  @Test
  void aMessageInOnePartIsPassedOnAsItIs() {
    String whole = "one part, even over the limit";
    assertThat(parts.text(whole, true)).isSameAs(whole); // the caller checks the size of these
    assertThat(refused).isZero();
  }

  @Test
  void partsAreJoinedUpToTheLimitExactly() {
    assertThat(parts.text("abc", false)).isNull();
    assertThat(parts.text("defg", false)).isNull();
    assertThat(parts.text("hij", true)).isEqualTo("abcdefghij");
    assertThat(parts.text("", false)).isNull();
    assertThat(parts.text("k", true)).isEqualTo("k");
    assertThat(refused).isZero();
  }

  @Test
  void aMessageOverTheLimitIsRefusedOnceAndItsLaterPartsAreDropped() {
    assertThat(parts.text("abcdef", false)).isNull();
    assertThat(parts.text("ghijk", false)).isNull(); // 11 chars: refused here
    assertThat(refused).isEqualTo(1);
    assertThat(parts.text("more", false)).isNull();
    assertThat(parts.text("end", true)).isNull();
    assertThat(refused).isEqualTo(1);
    assertThat(parts.text("next", false)).isNull(); // the next message starts clean
    assertThat(parts.text(" one", true)).isEqualTo("next one");
  }

  @Test
  void aFirstPartOverTheLimitIsRefusedAtOnce() {
    assertThat(parts.text("x".repeat(11), false)).isNull();
    assertThat(refused).isEqualTo(1);
    assertThat(parts.text("y", true)).isNull();
    assertThat(parts.binary(ByteBuffer.wrap(new byte[11]), false)).isNull();
    assertThat(refused).isEqualTo(2);
    assertThat(parts.binary(ByteBuffer.wrap(new byte[1]), true)).isNull();
    assertThat(parts.binary(ByteBuffer.wrap(new byte[] {7}), true)).containsExactly(7);
  }

  @Test
  void binaryPartsAreCopiedFromHeapAndDirectBuffers() {
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {4, 5, 6}).flip();
    ByteBuffer sliced = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 9}, 1, 3).slice();
    assertThat(parts.binary(sliced, false)).isNull();
    assertThat(sliced.hasRemaining()).isFalse();
    assertThat(parts.binary(direct, true)).containsExactly(1, 2, 3, 4, 5, 6);
    byte[] original = {1, 2};
    byte[] single = parts.binary(ByteBuffer.wrap(original), true);
    assertThat(single).containsExactly(1, 2).isNotSameAs(original); // the container reuses its own
  }

  @Test
  void binaryOverTheLimitAcrossPartsIsRefusedOnce() {
    assertThat(parts.binary(ByteBuffer.wrap(new byte[6]), false)).isNull();
    assertThat(parts.binary(ByteBuffer.wrap(new byte[5]), true)).isNull();
    assertThat(refused).isEqualTo(1);
    assertThat(parts.binary(ByteBuffer.wrap(new byte[10]), true)).hasSize(10);
  }

  /** Any text cut anywhere comes back whole when it fits, and is refused once when it does not. */
  @Property(tries = 300)
  void anySplitOfAnyTextJoinsBackOrIsRefusedOnce(
      @ForAll @StringLength(max = 40) String text,
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 40) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 30) int max) {
    int[] counted = {0};
    InboundParts joiner = new InboundParts(max, () -> counted[0]++);
    List<String> pieces = split(text, cuts);
    String result = null;
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1;
      String got = joiner.text(pieces.get(i), last);
      if (!last) {
        assertThat(got).isNull();
      }
      result = got;
    }
    if (pieces.size() == 1) {
      assertThat(result).isEqualTo(text); // whole: the receive methods check its size
      assertThat(counted[0]).isZero();
    } else if (text.length() <= max) {
      assertThat(result).isEqualTo(text);
      assertThat(counted[0]).isZero();
    } else {
      assertThat(result).isNull();
      assertThat(counted[0]).isEqualTo(1);
    }
    assertThat(joiner.text("after", true)).isEqualTo("after");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] joined = null;
    List<String> byteCuts = split(new String(bytes, StandardCharsets.ISO_8859_1), cuts);
    for (int i = 0; i < byteCuts.size(); i++) {
      joined =
          joiner.binary(
              ByteBuffer.wrap(byteCuts.get(i).getBytes(StandardCharsets.ISO_8859_1)),
              i == byteCuts.size() - 1);
    }
    if (byteCuts.size() == 1 || bytes.length <= max) {
      assertThat(joined).isEqualTo(bytes);
    } else {
      assertThat(joined).isNull();
    }
  }

  private static List<String> split(String text, List<Integer> cuts) {
    List<Integer> at = new ArrayList<>();
    for (int cut : cuts) {
      at.add(Math.min(cut, text.length()));
    }
    at.sort(null);
    List<String> pieces = new ArrayList<>();
    int from = 0;
    for (int cut : at) {
      pieces.add(text.substring(from, cut));
      from = cut;
    }
    pieces.add(text.substring(from));
    return pieces;
  }
}
