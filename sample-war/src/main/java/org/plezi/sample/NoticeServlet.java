package org.plezi.sample;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.plezi.jakarta.Messenger;

/**
 * {@code POST /api/notice} with the form field {@code text}: every connection of the chat, on every
 * server, gets {@code {"event":"notice","text":T}}. Answers 204 when sent, 400 with a plain text
 * reason for a missing or bad text; other methods get 405.
 *
 * <p>The {@link Messenger} is injected by CDI (the plezi-jakarta-cdi bean): the server's own CDI on
 * WildFly and Payara, Weld Servlet in the Tomcat WAR. There is no authentication here: a real
 * application would put this behind its login.
 */
@WebServlet("/api/notice")
public class NoticeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject private transient Messenger messenger;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // Browsers and curl send forms without a charset; the page is UTF-8, so is the form.
    if (request.getCharacterEncoding() == null) {
      request.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }
    String text = request.getParameter("text");
    String problem = ChatInput.textProblem("text", text);
    if (problem != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain; charset=UTF-8");
      response.getWriter().println(problem);
      return;
    }
    messenger.multicast("notice", text);
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
