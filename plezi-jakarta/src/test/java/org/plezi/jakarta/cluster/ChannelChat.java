package org.plezi.jakarta.cluster;

import java.util.Map;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.Route;

/**
 * Channels (issue 17) driven by the client: text "op:channel[:text]" subscribes, unsubscribes or
 * publishes; each command answers once it ran, and a refused one answers "error <message>". "mpub"
 * and "mraw" publish through the deployment's {@link org.plezi.jakarta.Messenger}.
 */
@Route("/rooms")
public class ChannelChat extends Controller {
  /** The deployment, for its Messenger; set while the upgrade request is at hand. */
  private jakarta.servlet.ServletContext context;

  @Override
  protected boolean preConnect() {
    context = request().getServletContext();
    return true;
  }

  @Override
  protected void onOpen() {
    write("uuid " + uuid());
  }

  @Override
  protected void onMessage(String command) {
    String[] part = command.split(":", 3);
    String channel = part.length > 1 ? part[1] : "";
    try {
      switch (part[0]) {
        case "sub" -> {
          subscribe(channel);
          write("subscribed " + channel);
        }
        case "subraw" -> {
          subscribe(channel, ChannelMode.RAW);
          write("subscribed " + channel);
        }
        case "unsub" -> {
          unsubscribe(channel);
          write("unsubscribed " + channel);
        }
        case "pub" -> {
          publish(channel, "say", part[2]);
          write("published");
        }
        case "raw" -> {
          publishRaw(channel, part[2]);
          write("published");
        }
        case "mpub" -> {
          Plezi.messenger(context).publish(channel, "say", part[2]);
          write("published");
        }
        case "mraw" -> {
          Plezi.messenger(context).publishRaw(channel, part[2]);
          write("published");
        }
        case "many" -> {
          int count = Integer.parseInt(channel);
          for (int i = 0; i < count; i++) {
            subscribe("many" + i);
          }
          write("subscribed " + count);
        }
        case "login" -> {
          registerAs(channel);
          write("logged in as " + channel);
        }
        case "track" -> {
          track(channel, part.length > 2 ? Map.of("name", part[2]) : null);
          write("tracked " + channel);
        }
        case "untrack" -> {
          untrack(channel);
          write("untracked " + channel);
        }
        case "who" ->
            presence(channel)
                .whenComplete(
                    (members, failure) ->
                        write(failure != null ? "who failed " + failure : "who " + members));
        default -> write("unknown command " + command);
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      write("error " + e.getMessage());
    }
  }

  @Event
  void say(String text) {
    write("say " + text);
  }

  /** A member's first connection in a channel, cluster-wide. */
  @Event
  void presenceJoin(String channel, String member, Map<String, Object> metadata) {
    write("join " + channel + " " + member + " " + metadata);
  }

  /** A member's last connection left a channel, cluster-wide. */
  @Event
  void presenceLeave(String channel, String member) {
    write("leave " + channel + " " + member);
  }
}
