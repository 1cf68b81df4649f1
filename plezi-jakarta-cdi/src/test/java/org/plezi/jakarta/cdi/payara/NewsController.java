package org.plezi.jakarta.cdi.payara;

import jakarta.enterprise.context.Dependent;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * News for websocket clients, sent by the application's EJBs: {@code news} to every reader, {@code
 * mail} to one identity. {@code /news?identity=NAME} registers the connection as that identity
 * before it says "ready".
 */
@Route("/news")
@Dependent
public class NewsController extends Controller {
  @Override
  protected void onOpen() {
    String identity = params().get("identity");
    if (identity != null) {
      registerAs(identity);
    }
    write("ready");
  }

  @Override
  protected void onMessage(String text) {
    write("readers only listen");
  }

  @Event
  void news(String text) {
    write("news " + text);
  }

  @Event
  void mail(String text) {
    write("mail " + text);
  }
}
