package org.plezi.sample.nocdi;

import java.lang.reflect.InvocationTargetException;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The one controller of the WAR that {@code JettyWithoutCdiContainerIT} deploys on a Jetty without
 * CDI: the library alone in WEB-INF/lib, no beans.xml, no Weld. Its page says whether a CDI
 * container runs for the application; a client's text is echoed to it and broadcast to the others.
 */
@Route("/echo")
public class EchoRoom extends Controller {
  /**
   * Whether a CDI container runs for this application: Jetty's {@code ee10-plus} module (under
   * {@code ee10-annotations}, which the websocket module needs) puts the CDI API on the server's
   * class path, so the API alone says nothing; {@code CDI.current()} fails without a container.
   */
  @Override
  protected String index() {
    try {
      Class<?> cdi =
          Class.forName("jakarta.enterprise.inject.spi.CDI", true, getClass().getClassLoader());
      cdi.getMethod("current").invoke(null);
      return "cdi container";
    } catch (ClassNotFoundException e) {
      return "no cdi api";
    } catch (InvocationTargetException e) {
      return "no cdi container: " + e.getCause().getClass().getSimpleName();
    } catch (ReflectiveOperationException e) {
      return "unexpected " + e;
    }
  }

  @Override
  protected void onOpen() {
    write("open " + uuid());
  }

  @Override
  protected void onMessage(String text) {
    write("echo " + text);
    broadcast("said", text);
  }

  @Event
  void said(String text) {
    write("said " + text);
  }
}
