package org.plezi.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP login that {@link MembersController#preConnect()} checks: {@code POST /api/session} with
 * the form field {@code name} stores the name in the HTTP session (204); {@code GET} answers the
 * logged-in name (200, plain text) or 401; {@code DELETE} logs out (204). With the Redis session
 * manager (the sample's launcher when {@code PL_REDIS_URL} is set) the session is shared by every
 * instance, so a login on one is seen by the others.
 */
@WebServlet("/api/session")
public class SessionServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The session attribute holding the logged-in name (a String: serializable, as it must be). */
  public static final String USER = "user";

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getCharacterEncoding() == null) {
      request.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
    String name = request.getParameter("name");
    String problem = ChatInput.nameProblem("name", name);
    if (problem != null) {
      plain(response, HttpServletResponse.SC_BAD_REQUEST, problem);
      return;
    }
    request.getSession(true).setAttribute(USER, name);
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String user = userOf(request.getSession(false));
    if (user == null) {
      plain(response, HttpServletResponse.SC_UNAUTHORIZED, "not logged in");
    } else {
      plain(response, HttpServletResponse.SC_OK, user);
    }
  }

  @Override
  protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  /** The logged-in name of a session, or null. */
  static String userOf(HttpSession session) {
    if (session == null) {
      return null;
    }
    try {
      return session.getAttribute(USER) instanceof String name ? name : null;
    } catch (IllegalStateException invalidated) {
      return null;
    }
  }

  private static void plain(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=UTF-8");
    response.getWriter().println(text);
  }
}
