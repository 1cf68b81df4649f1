package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.ServerProcess;

/**
 * The redeploy loop (issue 21): one standalone Tomcat 10.1 (Arquillian's managed adapter, with a
 * CATALINA_BASE of its own whose context.xml points applications at a redis-server the test owns),
 * the sample's Tomcat WAR deployed, used (two users log in, chat and whisper over Redis) and
 * undeployed 5 times through Arquillian's {@link Deployer} (a manual deployment: the adapter
 * deploys and undeploys through Tomcat's manager). Afterwards Tomcat's own leak detection ({@code
 * findleaks}) finds no application left in memory, its log has no SEVERE line about a thread or a
 * ThreadLocal, and the heap and metaspace after a full GC do not grow with the cycles.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "tomcat10-redeploy")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(900)
class TomcatRedeployContainerIT {
  private static final int CYCLES = 5;
  private static final String CHAT = "chat";
  // the manager user of src/test/containers/tomcat/conf/tomcat-users.xml (arquillian.xml's too)
  private static final String USER = "arquillian";
  private static final String PASSWORD = "arquillian-manager";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Heap and metaspace in use after a full GC, in KiB. */
  record Memory(long heapKib, long metaspaceKib) {}

  @ArquillianResource Deployer deployer;

  /** The Tomcat WAR, deployed only when the test says so. */
  @Deployment(name = CHAT, managed = false, testable = false)
  static WebArchive war() {
    return Containers.war("plezi.war.tomcat");
  }

  @Test
  void fiveDeployUseUndeployCyclesLeaveNoLeakNoThreadAndNoGrowth() throws Exception {
    Path base = Containers.required("plezi.tomcat.redeploy.base");
    int redisPort = Integer.parseInt(System.getProperty("plezi.redeploy.redis.port"));
    String root = "http://127.0.0.1:" + System.getProperty("plezi.redeploy.http.port");
    String contextPath =
        "/"
            + Containers.warFile("plezi.war.tomcat")
                .getFileName()
                .toString()
                .replaceFirst("\\.war$", "");
    ChatScenario.Site site = ChatScenario.Site.of(root + contextPath);
    try (RedisServer redis = RedisServer.onPort(redisPort)) {
      redis.startAgain();
      long pid = tomcatPid(base);
      Memory baseline = memoryAfterGc(pid);
      List<Memory> after = new ArrayList<>();
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        deployer.deploy(CHAT);
        use(site, cycle);
        deployer.undeploy(CHAT);
        assertThat(manager(root, "list"))
            .as("cycle " + cycle)
            .doesNotContain(site.base().getPath());
        after.add(memoryAfterGc(pid));
      }
      String leaks = manager(root, "findleaks?statusLine=true");
      List<String> severe = new ArrayList<>();
      try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
        for (Path log :
            logs.filter(f -> f.getFileName().toString().startsWith("catalina.")).toList()) {
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(line -> line.contains("SEVERE"))
              .filter(
                  line ->
                      line.contains("ThreadLocal")
                          || line.contains("thread")
                          || line.contains("memory leak"))
              .forEach(severe::add);
        }
      }
      String numbers = "baseline " + baseline + ", after each undeploy " + after;
      System.out.println("redeploy loop: " + numbers + "; findleaks: " + leaks.strip());
      assertThat(leaks).as(numbers).startsWith("OK - No memory leaks found");
      assertThat(severe).as("SEVERE thread/ThreadLocal lines in " + base.resolve("logs")).isEmpty();
      // A leaked deployment keeps its classes (several MiB of metaspace) and its heap: the
      // numbers after the last cycle would exceed those after the first by about 4 of them.
      long metaspaceGrowth = after.get(CYCLES - 1).metaspaceKib() - after.get(0).metaspaceKib();
      long oneDeployment = after.get(0).metaspaceKib() - baseline.metaspaceKib();
      assertThat(metaspaceGrowth).as(numbers).isLessThan(Math.max(2048, oneDeployment));
      long heapGrowth = after.get(CYCLES - 1).heapKib() - after.get(0).heapKib();
      assertThat(heapGrowth).as(numbers).isLessThan(8 * 1024);
    }
  }

  /** Two users log in, chat and whisper over Redis; both leave. */
  private static void use(ChatScenario.Site site, int cycle) throws Exception {
    Awaitility.await("the chat deployed")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> ChatScenario.get(site.http("health")).statusCode() == 200);
    String alice = "alice-" + cycle;
    String bob = "bob-" + cycle;
    try (ChatUser aliceUser = ChatUser.login(site.chat(), alice);
        ChatUser bobUser = ChatUser.login(site.chat(), bob)) {
      aliceUser.chat("hello " + cycle);
      aliceUser.expectChat(alice, "hello " + cycle);
      bobUser.expectChat(alice, "hello " + cycle);
      bobUser.whisper(alice, "psst " + cycle);
      bobUser.expectWhispered(alice, "psst " + cycle);
      aliceUser.expectWhisper(bob, "psst " + cycle);
    }
  }

  /** A manager text command; the body (its first line is "OK - ..." or "FAIL - ..."). */
  private static String manager(String root, String command) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root + "/manager/text/" + command))
            .header("Authorization", "Basic " + auth)
            .timeout(Duration.ofMinutes(2))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  /** The pid of the Tomcat JVM whose catalina.base is {@code base}. */
  private static long tomcatPid(Path base) {
    String marker = "-Dcatalina.base=" + base;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no Tomcat JVM with " + marker))
        .pid();
  }

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");

  /** Heap and metaspace in use after a full GC, read with jcmd. */
  private static Memory memoryAfterGc(long pid) throws Exception {
    jcmd(pid, "GC.run");
    jcmd(pid, "GC.run"); // a second cycle collects what the first one's finalization freed
    String info = jcmd(pid, "GC.heap_info");
    Matcher heap = HEAP_USED.matcher(info);
    Matcher metaspace = METASPACE_USED.matcher(info);
    assertThat(heap.find() && metaspace.find()).as(info).isTrue();
    return new Memory(Long.parseLong(heap.group(1)), Long.parseLong(metaspace.group(1)));
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                ServerProcess.javaHome().resolve("bin/jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(jcmd.exitValue()).as(out).isZero();
    return out;
  }
}
