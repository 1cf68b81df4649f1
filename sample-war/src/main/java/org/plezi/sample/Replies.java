package org.plezi.sample;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

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

  private static JsonObjectBuilder event(String name) {
    return Json.createObjectBuilder().add("event", name);
  }
}
