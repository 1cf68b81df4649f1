package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.LocalIdentityStore;
import org.plezi.jakarta.internal.bus.Message;

/**
 * Client-confirmed mailboxes (#18) over the in-memory store: a message leaves the mailbox only on
 * the client's confirmation, unconfirmed ones are handed again to the next registration oldest
 * first, and at most a window of them is handed over unconfirmed.
 */
class ClientConfirmedMailTest {
  private final LocalIdentityStore store = new LocalIdentityStore(100_000);

  /** A connection's mail side whose inbox tasks run when the test says. */
  private final class Side implements ConnectionMail.Receiver {
    final List<Long> handed = new ArrayList<>();
    final ArrayDeque<Runnable> later = new ArrayDeque<>();
    int delivered;
    final ConnectionMail mail;

    Side(boolean clientConfirms) {
      mail = new ConnectionMail(store, this, clientConfirms);
    }

    @Override
    public void event(String identity, long seq, String event, List<Object> args) {
      handed.add(seq);
      steps.add("event " + seq + ", " + waiting() + " waiting");
    }

    @Override
    public void delivered(int messages) {
      delivered += messages;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void later(Runnable task) {
      later.add(task);
    }

    /** What happened, in order, with the messages still in the mailbox at each step. */
    final List<String> steps = new ArrayList<>();

    @Override
    public void hold() {
      steps.add("hold");
    }

    @Override
    public void release() {
      steps.add("release, " + waiting() + " waiting");
    }

    void runInbox() {
      Runnable task;
      while ((task = later.poll()) != null) {
        task.run();
      }
    }

    Side register(String uuid) {
      store.register("ada", uuid, 60_000, 1);
      mail.registered("ada", 60_000, 1);
      runInbox();
      return this;
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void append(int count) {
    store.register("ada", "server-0conn-0", 60_000, 1); // alive, its connection gone since
    for (int i = 0; i < count; i++) {
      assertThat(store.append("ada", "mail", List.of("m" + i))).isNotNull();
    }
  }

  /**
   * Server-confirmed mail: the event's writes are held from before the event until after the store
   * counted the message delivered, so the client never sees a message its next connection could get
   * again (ConfirmedMailIT once saw it twice on a loaded machine).
   */
  @Test
  void serverConfirmedMailIsCountedBeforeItsWritesAreReleased() {
    append(3);
    Side side = new Side(false).register("server-0conn-1");
    assertThat(side.handed).containsExactly(1L, 2L, 3L);
    assertThat(side.steps)
        .containsExactly(
            "hold",
            "event 1, 3 waiting",
            "event 2, 3 waiting",
            "event 3, 3 waiting",
            "release, 0 waiting");
    assertThat(waiting()).isZero();
    side.steps.clear();
    assertThat(store.append("ada", "mail", List.of("m3"))).isNotNull();
    side.mail.receive(
        new Message(
            "mail", List.of("m3"), null, "s", "c", "s", null, null, new Message.Mail("ada", 4)));
    assertThat(side.steps).containsExactly("hold", "event 4, 1 waiting", "release, 0 waiting");
    assertThat(waiting()).isZero();
  }

  private long waiting() {
    IdentityStore.Page page = store.read("ada", 0, 1_000_000);
    return page.entries().size();
  }

  @Test
  void unconfirmedMessagesStayAndReachTheNextRegistrationOldestFirst() {
    append(5);
    Side first = new Side(true).register("server-1conn-1");
    assertThat(first.handed).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(waiting()).isEqualTo(5); // handed over, not confirmed
    assertThat(first.delivered).isZero(); // what the metrics count: confirmed messages only
    assertThat(first.mail.confirmed("ada", 2)).isTrue();
    assertThat(waiting()).isEqualTo(3);
    assertThat(first.delivered).isEqualTo(2);
    // The connection dies before confirming 3..5: the next one gets them, oldest first.
    Side second = new Side(true).register("server-2conn-2");
    assertThat(second.handed).containsExactly(3L, 4L, 5L);
    assertThat(second.mail.confirmed("ada", 5)).isTrue();
    assertThat(second.mail.confirmed("ada", 5)).isTrue(); // a repeat counts nothing
    assertThat(second.delivered).isEqualTo(3);
  }

  @Test
  void aLiveMessageIsHandedAndStaysUntilConfirmed() {
    Side side = new Side(true).register("server-1conn-1");
    IdentityStore.Appended appended = store.append("ada", "mail", List.of("live"));
    side.mail.receive(live(appended.seq()));
    assertThat(side.handed).containsExactly(1L);
    assertThat(waiting()).isEqualTo(1);
    assertThat(side.mail.confirmed("ada", 1)).isTrue();
    assertThat(waiting()).isZero();
    assertThat(side.mail.confirmed("ada", 1)).isTrue(); // a repeat changes nothing
  }

  @Test
  void confirmationsThatDoNotFitAreRefused() {
    append(3);
    Side side = new Side(true).register("server-1conn-1");
    assertThat(side.mail.confirmed("ada", 4)).isFalse(); // never handed
    assertThat(side.mail.confirmed("ada", 0)).isFalse();
    assertThat(side.mail.confirmed("bob", 1)).isFalse(); // not held
    assertThat(waiting()).isEqualTo(3);
    Side server = new Side(false).register("server-2conn-2");
    assertThat(server.mail.confirmed("ada", 1)).isFalse(); // confirmed on the server
  }

  @Test
  void atMostAWindowIsHandedUnconfirmedAndAConfirmationReadsOn() {
    append(AckWindow.WINDOW * 2 + 10);
    Side side = new Side(true).register("server-1conn-1");
    assertThat(side.handed).hasSize(AckWindow.WINDOW);
    IdentityStore.Appended appended = store.append("ada", "mail", List.of("live"));
    side.mail.receive(live(appended.seq())); // waits: the window is full
    assertThat(side.handed).hasSize(AckWindow.WINDOW);
    side.mail.confirmed("ada", 100);
    side.runInbox();
    assertThat(side.handed).hasSize(AckWindow.WINDOW + 100);
    side.mail.confirmed("ada", side.handed.get(side.handed.size() - 1));
    side.runInbox();
    side.mail.confirmed("ada", side.handed.get(side.handed.size() - 1));
    side.runInbox();
    assertThat(side.handed).hasSize(AckWindow.WINDOW * 2 + 11);
    for (int i = 0; i < side.handed.size(); i++) {
      assertThat(side.handed.get(i)).isEqualTo(i + 1L); // in order, each once
    }
  }

  @Test
  void serverConfirmedMailLeavesTheMailboxOnceHanded() {
    append(3);
    Side side = new Side(false).register("server-1conn-1");
    assertThat(side.handed).containsExactly(1L, 2L, 3L);
    assertThat(waiting()).isZero();
  }

  private static Message live(long seq) {
    return new Message(
        "mail",
        List.of("live"),
        null,
        "server-1",
        "conn-1",
        "server-0",
        null,
        null,
        new Message.Mail("ada", seq));
  }
}
