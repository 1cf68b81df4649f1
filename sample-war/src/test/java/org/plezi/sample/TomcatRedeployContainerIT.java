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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.ServerProcess;

/**
 * The redeploy loop (issue 21): one standalone Tomcat 10.1, the sample's Tomcat WAR deployed, used
 * (two users log in, chat and whisper, over a redis-server the test owns) and undeployed 5 times
 * through the manager. Afterwards Tomcat's own leak detection ({@code findleaks}) finds no
 * application left in memory, its log has no SEVERE line about a thread or a ThreadLocal, and the
 * heap and metaspace after a full GC do not grow with the cycles.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "none")
@Timeout(900)
class TomcatRedeployContainerIT {
  private static final int CYCLES = 5;
  private static final String PATH = "/plezi-chat";
  private static final String USER = "plezi-manager";
  private static final String PASSWORD = "redeploy-" + Long.toHexString(System.nanoTime());
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Heap and metaspace in use after a full GC, in KiB. */
  record Memory(long heapKib, long metaspaceKib) {}

  @Test
  void fiveDeployUseUndeployCyclesLeaveNoLeakNoThreadAndNoGrowth() throws Exception {
    Path home = Containers.required("plezi.tomcat.home");
    Path sourceWar = Containers.warFile("plezi.war.tomcat");
    try (RedisServer redis = RedisServer.start()) {
      Containers.makeScriptsExecutable(home.resolve("bin"));
      int port = Ports.free();
      Path base = Containers.runDirectory("tomcat-redeploy-" + port);
      Containers.copyTree(home.resolve("conf"), base.resolve("conf"));
      for (String dir : List.of("webapps", "logs", "temp", "work", "wars")) {
        Files.createDirectories(base.resolve(dir));
      }
      Containers.copyTree(home.resolve("webapps/manager"), base.resolve("webapps/manager"));
      Path serverXml = base.resolve("conf/server.xml");
      Files.writeString(
          serverXml,
          Files.readString(serverXml)
              .replace(
                  "<Connector port=\"8080\"",
                  "<Connector port=\"${plezi.http.port}\" address=\"127.0.0.1\"")
              .replace("<Server port=\"8005\"", "<Server port=\"-1\""));
      Files.writeString(
          base.resolve("conf/tomcat-users.xml"),
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
              + "  <user username=\""
              + USER
              + "\" password=\""
              + PASSWORD
              + "\" roles=\"manager-script\"/>\n"
              + "</tomcat-users>\n");
      Path war = Files.copy(sourceWar, base.resolve("wars/plezi-chat.war"));
      Path console = base.resolve("logs/console.log");
      try (ServerProcess tomcat =
          ServerProcess.start(
              "Tomcat",
              List.of(home.resolve("bin/catalina.sh").toString(), "run"),
              base,
              Map.of(
                  "CATALINA_HOME",
                  home.toString(),
                  "CATALINA_BASE",
                  base.toString(),
                  "JAVA_HOME",
                  ServerProcess.javaHome().toString(),
                  "CATALINA_OPTS",
                  "-Xmx384m -Dplezi.http.port=" + port,
                  "PL_REDIS_URL",
                  redis.url()),
              console)) {
        String root = "http://127.0.0.1:" + port;
        Awaitility.await("Tomcat's manager")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(() -> manager(root, "serverinfo").startsWith("OK"));
        long pid = tomcatPid(base);
        Memory baseline = memoryAfterGc(pid);
        List<Memory> after = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
          String deployed = manager(root, "deploy?path=" + PATH + "&war=" + war.toUri());
          assertThat(deployed).as("cycle " + cycle).startsWith("OK - Deployed");
          ChatScenario.Site site = ChatScenario.Site.of(root + PATH + "/");
          use(site, cycle);
          String undeployed = manager(root, "undeploy?path=" + PATH);
          assertThat(undeployed).as("cycle " + cycle).startsWith("OK - Undeployed");
          after.add(memoryAfterGc(pid));
        }
        String leaks = manager(root, "findleaks?statusLine=true");
        String log = Files.readString(console, StandardCharsets.UTF_8);
        List<String> severe =
            log.lines()
                .filter(line -> line.contains("SEVERE"))
                .filter(
                    line ->
                        line.contains("ThreadLocal")
                            || line.contains("thread")
                            || line.contains("memory leak"))
                .toList();
        String numbers = "baseline " + baseline + ", after each undeploy " + after;
        System.out.println("redeploy loop: " + numbers + "; findleaks: " + leaks.strip());
        assertThat(leaks).as(numbers).startsWith("OK - No memory leaks found");
        assertThat(severe).as("SEVERE thread/ThreadLocal lines in " + console).isEmpty();
        // A leaked deployment keeps its classes (several MiB of metaspace) and its heap: the
        // numbers after the last cycle would exceed those after the first by about 4 of them.
        long metaspaceGrowth = after.get(CYCLES - 1).metaspaceKib() - after.get(0).metaspaceKib();
        long oneDeployment = after.get(0).metaspaceKib() - baseline.metaspaceKib();
        assertThat(metaspaceGrowth).as(numbers).isLessThan(Math.max(2048, oneDeployment));
        long heapGrowth = after.get(CYCLES - 1).heapKib() - after.get(0).heapKib();
        assertThat(heapGrowth).as(numbers).isLessThan(8 * 1024);
      }
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
