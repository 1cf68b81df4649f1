package org.plezi.bench.run;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Plezi;

/**
 * An embedded Tomcat on a free loopback port serving one controller, with the given context
 * parameters: the set-up of the single-process throughput benches (mailbox, history).
 */
final class BenchWebapp {
  private BenchWebapp() {}

  static Tomcat start(
      String name, Map<String, String> parameters, Class<? extends Controller> controller)
      throws Exception {
    File base = Files.createTempDirectory("plezi-" + name + "-bench").toFile();
    base.deleteOnExit();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setSilent(true);
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    File docBase = new File(base, "webapp");
    docBase.mkdirs();
    Context context = tomcat.addContext("", docBase.getAbsolutePath());
    parameters.forEach(context::addParameter);
    context.addServletContainerInitializer(new WsSci(), null);
    ServletContainerInitializer setup =
        (Set<Class<?>> classes, ServletContext servlet) -> Plezi.register(servlet, controller);
    context.addServletContainerInitializer(setup, null);
    Tomcat.addServlet(context, "default", new DefaultServlet()).addMapping("/");
    tomcat.start();
    return tomcat;
  }

  static ServletContext contextOf(Tomcat tomcat) {
    return ((Context) tomcat.getHost().findChildren()[0]).getServletContext();
  }
}
