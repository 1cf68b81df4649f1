package org.plezi.sample;

import java.util.regex.Pattern;

/**
 * The rules for what users type, shared by the websocket and the notice endpoint. Each check
 * returns {@code null} when the value is acceptable, else one sentence saying what is expected:
 * that sentence goes back to the client as the {@code reason} of an {@code err} reply.
 */
final class ChatInput {
  /** The longest name, in characters. */
  static final int NAME_MAX = 32;

  /** The longest chat, whisper or notice text, in characters (Unicode code points). */
  static final int TEXT_MAX = 500;

  /** Names are ASCII so that two different-looking names never compare equal, and vice versa. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + NAME_MAX + "}");

  static final String NAME_RULE =
      "a name is 1 to "
          + NAME_MAX
          + " characters, each a letter A-Z or a-z, a digit, '_', '.' or '-'";

  /** The longest room name, in characters. */
  static final int ROOM_MAX = 32;

  /** Room names follow the name rule: ASCII, compared without regard to case. */
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.-]{1," + ROOM_MAX + "}");

  static final String ROOM_RULE =
      "a room name is 1 to "
          + ROOM_MAX
          + " characters, each a letter A-Z or a-z, a digit, '_', '.' or '-'";

  static final String TEXT_RULE =
      "a text is 1 to "
          + TEXT_MAX
          + " characters, not only spaces, with no control characters other than new lines and tabs";

  private static final String IDENTITY_PREFIX = "chat-user:";

  private ChatInput() {}

  /** Why {@code value} (a member of a client's message, any JSON type) is not a name, or null. */
  static String nameProblem(String field, Object value) {
    if (!(value instanceof String name)) {
      return missingOrWrongType(field, value);
    }
    return NAME.matcher(name).matches() ? null : field + ": " + NAME_RULE;
  }

  /** Why {@code value} (any JSON type) is not a room name, or null. */
  static String roomProblem(String field, Object value) {
    if (!(value instanceof String room)) {
      return missingOrWrongType(field, value);
    }
    return ROOM.matcher(room).matches() ? null : field + ": " + ROOM_RULE;
  }

  /** Why {@code value} is not an acceptable text, or null. */
  static String textProblem(String field, Object value) {
    if (!(value instanceof String text)) {
      return missingOrWrongType(field, value);
    }
    int length = text.codePointCount(0, text.length());
    if (length == 0 || length > TEXT_MAX || text.isBlank()) {
      return field + ": " + TEXT_RULE;
    }
    boolean controls =
        text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
    return controls ? field + ": " + TEXT_RULE : null;
  }

  /**
   * The identity a name stands for. Names compare without regard to case, so that whispering to
   * "Bob" reaches "bob"; the prefix keeps the chat's identities apart from any other use.
   */
  static String identity(String name) {
    return IDENTITY_PREFIX + name.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A room's name as the chat uses it: rooms compare without regard to case, so "R1" and "r1" are
   * one room, named "r1".
   */
  static String room(String wanted) {
    return wanted.toLowerCase(java.util.Locale.ROOT);
  }

  /** The channel a room's members subscribe to and are tracked in (its presence). */
  static String channel(String room) {
    return "room:" + room;
  }

  /**
   * The id a member of a room's presence shows to clients: its identity without the prefix, which
   * is the name in lower case (every tab of a name is one member).
   */
  static String memberId(String member) {
    return member.startsWith(IDENTITY_PREFIX) ? member.substring(IDENTITY_PREFIX.length()) : member;
  }

  private static String missingOrWrongType(String field, Object value) {
    return value == null ? field + " is missing" : field + " must be a JSON string";
  }
}
