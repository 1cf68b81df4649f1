package org.plezi.jakarta.cdi.payara;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The HTTP side of the news: {@code GET /publish?text=T} has the stateless EJB broadcast T and
 * answers "published"; {@code GET /mail?identity=I&text=T} has the singleton EJB notify I and
 * answers "alive" or "not alive".
 */
@WebServlet(urlPatterns = {"/publish", "/mail"})
public class NewsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @EJB private transient NewsDesk desk;
  @EJB private transient Mailroom mailroom;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String text = request.getParameter("text");
    String answer;
    if (request.getServletPath().equals("/publish")) {
      desk.publish(text);
      answer = "published";
    } else {
      answer = mailroom.send(request.getParameter("identity"), text) ? "alive" : "not alive";
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(answer);
  }
}
