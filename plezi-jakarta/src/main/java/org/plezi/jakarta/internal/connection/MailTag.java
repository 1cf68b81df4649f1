package org.plezi.jakarta.internal.connection;

/**
 * What an auto-dispatch client receives for a mailbox message whose client confirms it (issue 18):
 * the event method's JSON object reply carries {@code "_mail_":{"identity":...,"seq":...}} as its
 * first member; any other reply (text, an array, nothing) is followed by the frame {@code
 * {"event":"_mail_","_mail_":{...}}}, so that every handed message has something to confirm. The
 * client confirms with {@code {"event":"_mack_","m":[[identity, seq], ...]}}.
 */
final class MailTag {
  private MailTag() {}

  /** The {@code _mail_} member's value. */
  static String member(String identity, long seq) {
    StringBuilder out = new StringBuilder(identity.length() + 40).append("{\"identity\":\"");
    for (int i = 0; i < identity.length(); i++) {
      char c = identity.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append("\",\"seq\":").append(seq).append('}').toString();
  }

  /** The reply with the tag inside, or null when it is not a JSON object (send {@link #alone}). */
  static String tagged(String reply, String member) {
    return tagged(reply, "_mail_", member);
  }

  /**
   * The reply with {@code "key":member} as its first member, or null when it is not a JSON object;
   * also for channel positions ({@code _chan_}, issue 18).
   */
  static String tagged(String reply, String key, String member) {
    if (reply == null) {
      return null;
    }
    int open = 0;
    while (open < reply.length() && Character.isWhitespace(reply.charAt(open))) {
      open++;
    }
    int close = reply.length() - 1;
    while (close > open && Character.isWhitespace(reply.charAt(close))) {
      close--;
    }
    if (open >= close || reply.charAt(open) != '{' || reply.charAt(close) != '}') {
      return null;
    }
    String rest = reply.substring(open + 1).stripLeading();
    return "{\"" + key + "\":" + member + (rest.startsWith("}") ? "" : ",") + rest;
  }

  /** The frame that stands for a message whose reply could not carry the tag. */
  static String alone(String member) {
    return alone("_mail_", member);
  }

  /** The frame {@code {"event":key,key:member}}. */
  static String alone(String key, String member) {
    return "{\"event\":\"" + key + "\",\"" + key + "\":" + member + "}";
  }
}
