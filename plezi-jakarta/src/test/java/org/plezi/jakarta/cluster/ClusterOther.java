package org.plezi.jakarta.cluster;

import org.plezi.jakarta.ClusterName;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** Addressed as {@code other} in the cluster, so other programs can broadcast to it. */
@ClusterName("other")
@Route("/other")
public class ClusterOther extends Controller {
  @Override
  protected void onOpen() {
    write("uuid " + uuid());
  }

  @Override
  protected void onMessage(String text) {}

  @Event
  void say(String text) {
    write("other " + text);
  }
}
