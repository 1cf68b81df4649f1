package org.plezi.sample.secured;

import jakarta.annotation.security.DeclareRoles;
import java.security.Principal;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * A route under a security constraint (role {@code staff}, BASIC): greets its user on open and, for
 * each frame naming a role, says whether its user has it; on the container's threads, long after
 * the upgrade request was recycled.
 */
@Route("/staff/feed")
@DeclareRoles({"staff", "admin"})
public class StaffFeed extends Controller {
  @Override
  protected boolean preConnect() {
    return principal() != null;
  }

  @Override
  protected void onOpen() {
    write("hello " + principal().getName());
  }

  @Override
  protected void onMessage(String role) {
    Principal user = principal();
    write((user == null ? "anonymous" : user.getName()) + " " + role + "=" + isUserInRole(role));
  }
}
