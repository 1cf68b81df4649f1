package org.plezi.jakarta.cluster;

import java.util.Map;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.HistoryPosition;
import org.plezi.jakarta.Route;

/**
 * An auto-dispatch room that also overrides {@code onChannelRecovery} and reads {@code
 * channelPosition()} (issue 18): the hook runs after the {@code _crec_} answer frame.
 */
@AutoDispatch
@Route("/hookedhistory")
public class HookedHistoryRoom extends org.plezi.jakarta.Controller {
  @Override
  protected void onOpen() {
    write("ready");
  }

  @Event(from = Caller.CLIENT)
  void join(Map<String, Object> message) {
    subscribe((String) message.get("channel"));
    write("joined");
  }

  @Event
  void said(String text) {
    HistoryPosition at = channelPosition();
    write("position " + at.channel() + " " + at.offset());
  }

  @Override
  protected void onChannelRecovery(String channel, boolean recovered) {
    write("hook " + channel + " " + recovered);
  }
}
