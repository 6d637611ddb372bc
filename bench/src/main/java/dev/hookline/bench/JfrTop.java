package dev.hookline.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, from a JFR recording: execution samples counted by their top frame (self time) and by every
 * Hookline frame on the stack (total time), which is what `jfr print --events jdk.ExecutionSample` shows one
 * sample at a time.
 */
final class JfrTop {
    private JfrTop() {}

    static void print(Path recording, int limit) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            frames.stream()
                    .map(JfrTop::name)
                    .filter(n -> n.startsWith("dev.hookline"))
                    .distinct()
                    .forEach(n -> ours.merge(n, 1, Integer::sum));
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
        }
        System.out.println("execution samples: " + samples);
        printTop("by thread (pool)", threads, samples, limit);
        printTop("self (top frame)", self, samples, limit);
        printTop("total, Hookline frames on the stack", ours, samples, limit);
    }

    private static void printTop(String title, Map<String, Integer> counts, int samples, int limit) {
        System.out.println("\n" + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(e ->
                        System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
