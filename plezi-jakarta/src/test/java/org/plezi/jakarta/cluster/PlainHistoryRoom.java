package org.plezi.jakarta.cluster;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.HistoryPosition;
import org.plezi.jakarta.Route;

/**
 * A controller that is not auto-dispatch, with a text protocol of its own (issue 18): {@code
 * join|ch}, {@code leave|ch}, {@code pos} and {@code rec|ch|epoch|offset} ({@code null} for a null
 * text); each publication is written as {@code said <text> @<channel> <epoch> <offset>}, each
 * recovery answer as {@code recovery <channel> <true|false>}.
 */
@Route("/plainhistory")
public class PlainHistoryRoom extends Controller {
  @Override
  protected void onOpen() {
    write("ready");
  }

  @Override
  protected void onMessage(String text) {
    String[] parts = text.split("\\|", -1);
    switch (parts[0]) {
      case "join" -> {
        subscribe(parts[1]);
        write("joined " + parts[1]);
      }
      case "leave" -> {
        unsubscribe(parts[1]);
        write("left " + parts[1]);
      }
      case "pos" -> write("pos " + channelPosition());
      case "rec" -> {
        try {
          recoverChannel(orNull(parts[1]), orNull(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
          write("refused: " + e.getMessage());
        }
      }
      default -> write("unknown " + text);
    }
  }

  private static String orNull(String text) {
    return text.equals("null") ? null : text;
  }

  @Event
  void said(String text) {
    HistoryPosition at = channelPosition();
    write(
        "said "
            + text
            + (at == null ? " @none" : " @" + at.channel() + " " + at.epoch() + " " + at.offset()));
  }

  @Override
  protected void onChannelRecovery(String channel, boolean recovered) {
    write("recovery " + channel + " " + recovered);
  }
}
