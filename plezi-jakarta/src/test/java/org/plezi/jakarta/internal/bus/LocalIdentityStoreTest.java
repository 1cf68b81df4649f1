package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalIdentityStoreTest {
  @Test
  void messagesAreNumberedReadInOrderAndRemovedOnceDelivered() {
    try (LocalIdentityStore store = new LocalIdentityStore(100)) {
      assertThat(store.append("ada", "mail", List.of("x"))).isNull(); // not alive yet
      store.register("ada", "conn-1", 60_000, 1);
      assertThat(store.append("ada", "mail", List.of(1)).seq()).isEqualTo(1);
      assertThat(store.append("ada", "mail", List.of(2)).connections()).containsExactly("conn-1");
      assertThat(store.read("ada", 0, 10).entries())
          .extracting(IdentityStore.Entry::seq)
          .containsExactly(1L, 2L);
      store.delivered("ada", 1);
      IdentityStore.Page rest = store.read("ada", 0, 10);
      assertThat(rest.entries()).extracting(IdentityStore.Entry::seq).containsExactly(2L);
      assertThat(rest.newest()).isEqualTo(2);
    }
  }

  @Test
  void theOldestConnectionsLoseTheIdentityBeyondTheMaximum() {
    try (LocalIdentityStore store = new LocalIdentityStore(100)) {
      assertThat(store.register("bo", "c1", 60_000, 2)).isEmpty();
      assertThat(store.register("bo", "c2", 60_000, 2)).isEmpty();
      assertThat(store.register("bo", "c3", 60_000, 2)).containsExactly("c1");
      assertThat(store.append("bo", "m", List.of()).connections()).containsExactly("c2", "c3");
    }
  }

  @Test
  void theMailboxCapDropsTheOldest() {
    try (LocalIdentityStore store = new LocalIdentityStore(3)) {
      store.register("cy", "c", 60_000, 1);
      for (int i = 0; i < 5; i++) {
        store.append("cy", "m", List.of(i));
      }
      assertThat(store.read("cy", 0, 10).entries())
          .extracting(IdentityStore.Entry::seq)
          .containsExactly(3L, 4L, 5L);
    }
  }

  @Test
  void expiredIdentitiesAreNotAliveAndAreSweptAway() {
    try (LocalIdentityStore store = new LocalIdentityStore(100)) {
      for (int i = 0; i < 1000; i++) {
        store.register("user-" + i, "c" + i, 1, 1);
        store.append("user-" + i, "m", List.of("x"));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> store.read("user-0", 0, 1) == null);
      assertThat(store.append("user-1", "m", List.of())).isNull();
      store.sweep();
      assertThat(store.size()).isZero();
    }
  }
}
