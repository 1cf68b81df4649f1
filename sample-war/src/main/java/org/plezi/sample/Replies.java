package org.plezi.sample;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every frame the chat writes to a browser, built with JSON-P so that whatever a user typed is
 * escaped as JSON string content and nothing else. The page puts these texts into the DOM with
 * {@code textContent} only.
 */
final class Replies {
  private Replies() {}

  /** After a successful login: {@code {"event":"welcome","name":N}}. */
  static JsonObject welcome(String name) {
    return event("welcome").add("name", name).build();
  }

  /** A chat line: {@code {"event":"chat","from":N,"text":T}}. */
  static JsonObject chat(String from, String text) {
    return event("chat").add("from", from).add("text", text).build();
  }

  /** A whisper for its receiver: {@code {"event":"whisper","from":N,"text":T}}. */
  static JsonObject whisper(String from, String text) {
    return event("whisper").add("from", from).add("text", text).build();
  }

  /** The sender's receipt for a stored whisper: {@code {"event":"whispered","to":M,"text":T}}. */
  static JsonObject whispered(String to, String text) {
    return event("whispered").add("to", to).add("text", text).build();
  }

  /**
   * The connection is now in room R (after login: the lobby): {@code {"event":"room","room":R}}.
   */
  static JsonObject room(String room) {
    return event("room").add("room", room).build();
  }

  /**
   * Who is in room R, cluster-wide, in the order of their ids: {@code
   * {"event":"members","room":R,"members":[{"id":I,"name":N},...]}}; {@code presence} maps each
   * member (an identity) to its metadata.
   */
  static JsonObject members(String room, Map<String, Map<String, String>> presence) {
    Map<String, String> names = new TreeMap<>();
    presence.forEach(
        (member, metadata) -> names.put(ChatInput.memberId(member), nameOf(member, metadata)));
    JsonArrayBuilder list = Json.createArrayBuilder();
    names.forEach(
        (id, name) -> list.add(Json.createObjectBuilder().add("id", id).add("name", name)));
    return event("members").add("room", room).add("members", list).build();
  }

  /**
   * A member's first tab came into room R: {@code {"event":"entered","room":R,"id":I,"name":N}}.
   */
  static JsonObject entered(String room, String member, Map<String, ?> metadata) {
    return event("entered")
        .add("room", room)
        .add("id", ChatInput.memberId(member))
        .add("name", nameOf(member, metadata))
        .build();
  }

  /** A member's last tab left room R: {@code {"event":"left","room":R,"id":I}}. */
  static JsonObject left(String room, String member) {
    return event("left").add("room", room).add("id", ChatInput.memberId(member)).build();
  }

  /** An announcement: {@code {"event":"notice","text":T}}. */
  static JsonObject notice(String text) {
    return event("notice").add("text", text).build();
  }

  /**
   * A refused request, shaped like the library's own replies: {@code
   * {"event":"err","status":S,"result":R,"reason":W,"request":E}}, where {@code request} names the
   * event that was refused.
   */
  static JsonObject error(int status, String result, String reason, String request) {
    return event("err")
        .add("status", status)
        .add("result", result)
        .add("reason", reason)
        .add("request", request)
        .build();
  }

  /** The name a member logged in with (its metadata), else its id. */
  private static String nameOf(String member, Map<String, ?> metadata) {
    Object name = metadata == null ? null : metadata.get("name");
    return name instanceof String text ? text : ChatInput.memberId(member);
  }

  private static JsonObjectBuilder event(String name) {
    return Json.createObjectBuilder().add("event", name);
  }
}
