package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the run ran on, read from the JVM and /proc, for the report. */
record Machine(int processors, String cpu, long memoryMiB, String jdk, String os) {
  static Machine current() {
    String cpu =
        read("/proc/cpuinfo")
            .lines()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown");
    long memoryKiB =
        read("/proc/meminfo")
            .lines()
            .filter(l -> l.startsWith("MemTotal:"))
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(0L);
    String pretty =
        read("/etc/os-release")
            .lines()
            .filter(l -> l.startsWith("PRETTY_NAME="))
            .map(l -> l.substring(12).replace("\"", ""))
            .findFirst()
            .orElse(System.getProperty("os.name"));
    String jdk =
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memoryKiB / 1024,
        jdk,
        pretty + ", Linux " + System.getProperty("os.version"));
  }

  /** The 1, 5 and 15 minute load averages (other builds share the machine). */
  static String load() {
    String[] parts = read("/proc/loadavg").trim().split(" ");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  /** The file descriptor limit this JVM got. */
  static String descriptorLimit() {
    Optional<String> line =
        read("/proc/self/limits").lines().filter(l -> l.startsWith("Max open files")).findFirst();
    return line.map(l -> l.replaceAll("\\s+", " ").replace("Max open files ", "")).orElse("?");
  }

  /** The soft limit on open files of this JVM (child JVMs inherit it), or a large number. */
  static long openFilesLimit() {
    String[] words = descriptorLimit().trim().split(" ");
    try {
      return Long.parseLong(words[0]);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE / 4; // "unlimited"
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
