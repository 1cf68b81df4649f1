package org.plezi.jakarta.internal.bus;

import java.util.List;
import org.plezi.jakarta.internal.base.CoreValues;

/**
 * An event on its way between connections, inside one JVM or across the cluster. Immutable; the
 * arguments were frozen by {@link CoreValues#freeze}.
 *
 * @param event the event method's name
 * @param args the positional arguments
 * @param type for a broadcast, the target controller's cluster name; {@link #ALL} for a multicast;
 *     null for a unicast
 * @param toServer for a unicast, the target's server uuid
 * @param target for a unicast, the target's local id on that server
 * @param fromServer the sender's server uuid
 * @param senderType for a unicast sent by a controller, the cluster name of its class (whose
 *     failed-unicast callback runs if it cannot be delivered); otherwise null
 * @param ackId for a unicast sent by a {@code Messenger} to another server, the id its answer
 *     carries; otherwise null
 * @param mail for a message from an identity's mailbox, which identity and number; otherwise null
 */
public record Message(
    String event,
    List<Object> args,
    String type,
    String toServer,
    String target,
    String fromServer,
    String senderType,
    String ackId,
    Mail mail) {
  /** A message from an identity's mailbox: the identity and the message's number in it. */
  public record Mail(String identity, long seq) {}

  /** The {@code type} of a multicast. */
  public static final String ALL = "all";

  public boolean isMulticast() {
    return ALL.equals(type);
  }

  public boolean isUnicast() {
    return type == null;
  }

  /** The target's full uuid, for a unicast. */
  public String targetUuid() {
    return toServer + target;
  }

  /** The same message as mail of an identity, addressed to one connection. */
  public Message asMail(String toServerUuid, String targetId, Mail of) {
    return new Message(event, args, null, toServerUuid, targetId, fromServer, null, null, of);
  }

  /** The same unicast, asking for an answer with this id. */
  public Message withAckId(String id) {
    return new Message(event, args, type, toServer, target, fromServer, senderType, id, mail);
  }
}
