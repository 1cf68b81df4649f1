package org.plezi.sample;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * A members-only websocket: {@link #preConnect()} accepts only a request whose HTTP session holds a
 * name from {@code POST /api/session}, on whichever instance that login happened when the sessions
 * live in Redis. Others are refused with 403 before any websocket opens.
 */
@Route("/members")
public class MembersController extends Controller {
  private String user;

  @Override
  protected boolean preConnect() {
    user = SessionServlet.userOf(request().getSession(false));
    return user != null;
  }

  @Override
  protected void onOpen() {
    write("welcome " + user);
  }

  @Override
  protected void onMessage(String text) {
    write(user + ": " + text.substring(0, Math.min(text.length(), 200)));
  }
}
