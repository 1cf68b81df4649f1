package org.plezi.jakarta.health.payara;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/** The application of the WAR that PayaraMicroHealthContainerIT deploys: one route. */
@Route("/ping")
public class PingController extends Controller {
  @Override
  protected String index() {
    return "pong";
  }
}
