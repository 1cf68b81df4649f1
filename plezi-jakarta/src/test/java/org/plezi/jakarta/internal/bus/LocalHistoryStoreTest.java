package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Channel history in memory (issue 18): offsets, epochs, the count and age bounds. */
class LocalHistoryStoreTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private LocalHistoryStore store(int size, long maxAgeMillis) {
    return new LocalHistoryStore(size, maxAgeMillis, now::get);
  }

  private static List<Long> offsets(List<HistoryStore.Entry> entries) {
    return entries.stream().map(HistoryStore.Entry::offset).toList();
  }

  @Test
  void offsetsCountFromOnePerChannelUnderOneEpochPerChannel() {
    LocalHistoryStore store = store(10, 60_000);
    ChannelPosition a1 = store.append("a", "say", List.of("1"));
    ChannelPosition a2 = store.append("a", "say", List.of("2"));
    ChannelPosition b1 = store.append("b", "say", List.of("x"));
    assertThat(a1.offset()).isEqualTo(1);
    assertThat(a2.offset()).isEqualTo(2);
    assertThat(b1.offset()).isEqualTo(1);
    assertThat(a2.epoch()).isEqualTo(a1.epoch()).isNotEqualTo(b1.epoch());
    assertThat(ChannelPosition.isEpoch(a1.epoch())).isTrue();
    List<HistoryStore.Entry> all = store.read("a", a1.epoch(), 0, Long.MAX_VALUE);
    assertThat(all)
        .containsExactly(
            new HistoryStore.Entry(1, "say", List.of("1")),
            new HistoryStore.Entry(2, "say", List.of("2")));
  }

  @Test
  void aReadReturnsTheRangeAfterAndBeforeInOrder() {
    LocalHistoryStore store = store(10, 60_000);
    String epoch = null;
    for (int i = 0; i < 6; i++) {
      epoch = store.append("a", "say", List.of(i)).epoch();
    }
    assertThat(offsets(store.read("a", epoch, 2, 5))).containsExactly(3L, 4L);
    assertThat(offsets(store.read("a", epoch, 6, Long.MAX_VALUE))).isEmpty(); // nothing missed
  }

  @Test
  void theCountBoundTrimsTheOldestAndAReadReachingThemIsNotCovered() {
    LocalHistoryStore store = store(3, 60_000);
    String epoch = null;
    for (int i = 0; i < 5; i++) {
      epoch = store.append("a", "say", List.of(i)).epoch();
    }
    assertThat(offsets(store.read("a", epoch, 2, Long.MAX_VALUE))).containsExactly(3L, 4L, 5L);
    assertThat(store.read("a", epoch, 1, Long.MAX_VALUE)).isNull(); // 2 was trimmed
    assertThat(store.read("a", epoch, 0, Long.MAX_VALUE)).isNull();
    assertThat(offsets(store.read("a", epoch, 1, 2))).isEmpty(); // nothing asked for between
  }

  @Test
  void theAgeBoundExpiresPublicationsAndAWholeHistoryThenANewEpochStarts() {
    LocalHistoryStore store = store(100, 1_000);
    String first = store.append("a", "say", List.of(1)).epoch();
    now.addAndGet(600_000_000L);
    store.append("a", "say", List.of(2));
    now.addAndGet(600_000_000L); // offset 1 is 1.2 s old, offset 2 0.6 s
    assertThat(store.read("a", first, 0, Long.MAX_VALUE)).isNull();
    assertThat(offsets(store.read("a", first, 1, Long.MAX_VALUE))).containsExactly(2L);
    now.addAndGet(600_000_000L); // everything expired
    assertThat(offsets(store.read("a", first, 2, Long.MAX_VALUE))).isEmpty(); // saw it all
    ChannelPosition next = store.append("a", "say", List.of(3));
    assertThat(next.epoch()).isNotEqualTo(first);
    assertThat(next.offset()).isEqualTo(1);
    assertThat(store.read("a", first, 2, Long.MAX_VALUE)).isNull();
  }

  @Test
  void anotherEpochAnUnknownChannelOrAnOffsetNeverReachedIsNotCovered() {
    LocalHistoryStore store = store(10, 60_000);
    String epoch = store.append("a", "say", List.of()).epoch();
    assertThat(store.read("a", "other", 0, Long.MAX_VALUE)).isNull();
    assertThat(store.read("b", epoch, 0, Long.MAX_VALUE)).isNull();
    assertThat(store.read("a", epoch, 2, Long.MAX_VALUE)).isNull();
    assertThat(store.read("a", epoch, -1, Long.MAX_VALUE)).isNull();
  }

  @Test
  void aSweepForgetsHistoriesThatExpiredWhole() {
    LocalHistoryStore store = store(10, 1_000);
    store.append("a", "say", List.of());
    store.append("b", "say", List.of());
    now.addAndGet(2_000_000_000L);
    store.append("b", "say", List.of());
    store.sweep(now.get());
    assertThat(store.channels()).isEqualTo(1);
  }

  @Test
  void boundsBelowOneAreRefused() {
    assertThatThrownBy(() -> store(0, 1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void epochsAreCheckedForLengthAndCharacters() {
    assertThat(ChannelPosition.isEpoch("aZ09_-")).isTrue();
    assertThat(ChannelPosition.isEpoch("")).isFalse();
    assertThat(ChannelPosition.isEpoch(null)).isFalse();
    assertThat(ChannelPosition.isEpoch("a".repeat(65))).isFalse();
    assertThat(ChannelPosition.isEpoch("a".repeat(64))).isTrue();
    assertThat(ChannelPosition.isEpoch("a b")).isFalse();
    assertThat(ChannelPosition.isEpoch("a\"")).isFalse();
  }

  @Test
  void eachChannelKeepsWhatItsRuleSays() {
    LocalHistoryStore store =
        new LocalHistoryStore(
            org.plezi.jakarta.internal.base.HistoryRules.parse(
                "room:*=2/60000,cursor:*=0,news=3/1000", 5, 60_000),
            now::get);
    assertThat(store.append("cursor:1", "say", List.of("x"))).isNull(); // keeps none
    assertThat(store.read("cursor:1", "any", 0, Long.MAX_VALUE)).isNull();
    String room = null;
    String other = null;
    String news = null;
    for (int i = 1; i <= 6; i++) {
      room = store.append("room:1", "say", List.of(i)).epoch();
      other = store.append("other", "say", List.of(i)).epoch();
      news = store.append("news", "say", List.of(i)).epoch();
    }
    assertThat(offsets(store.read("room:1", room, 4, Long.MAX_VALUE))).containsExactly(5L, 6L);
    assertThat(store.read("room:1", room, 3, Long.MAX_VALUE)).isNull(); // 4 was trimmed
    assertThat(offsets(store.read("other", other, 1, Long.MAX_VALUE))) // the default 5
        .containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(offsets(store.read("news", news, 3, Long.MAX_VALUE))).containsExactly(4L, 5L, 6L);
    now.addAndGet(1_001_000_000L); // news keeps for 1 s, the others for 60 s
    assertThat(store.read("news", news, 3, Long.MAX_VALUE)).isNull();
    assertThat(offsets(store.read("room:1", room, 4, Long.MAX_VALUE))).containsExactly(5L, 6L);
    assertThat(store.append("news", "say", List.of(7)).epoch()).isNotEqualTo(news); // a new one
  }
}
