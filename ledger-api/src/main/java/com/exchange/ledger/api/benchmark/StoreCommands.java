package com.exchange.ledger.api.benchmark;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts every command the service's MongoDB driver sends, by command name and by who sent it: an event processor
 * (its threads are named {@code EventProcessor[...]}) or the command path (HTTP, command handling, the append).
 * Round trips are the cost that carries over from the embedded store to a replica set (issue 14).
 */
final class StoreCommands implements CommandListener {

    /** Counts at one moment: command name to count, for the command path and for the processors. */
    record Snapshot(Map<String, Long> commandPath, Map<String, Long> processors) {

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(commandPath, earlier.commandPath), difference(processors, earlier.processors));
        }

        long total() {
            return commandPath.values().stream().mapToLong(Long::longValue).sum() + processors.values().stream().mapToLong(Long::longValue).sum();
        }

        long commandPathTotal() {
            return commandPath.values().stream().mapToLong(Long::longValue).sum();
        }

        /** "2.00 (1.00 insert, 1.00 findAndModify)" per operation, for one side. */
        static String perOperation(Map<String, Long> counts, long operations) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            String byName = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%.2f %s", e.getValue() / (double) operations, e.getKey()))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%.2f (%s)", total / (double) operations, byName);
        }

        private static Map<String, Long> difference(Map<String, Long> later, Map<String, Long> earlier) {
            Map<String, Long> result = new TreeMap<>();
            later.forEach((name, count) -> result.put(name, count - earlier.getOrDefault(name, 0L)));
            return result;
        }
    }

    private final Map<String, LongAdder> commandPath = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> processors = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        // the sync driver calls listeners on the thread that sends the command
        boolean processor = Thread.currentThread().getName().startsWith("EventProcessor");
        (processor ? processors : commandPath).computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
    }

    Snapshot snapshot() {
        return new Snapshot(copy(commandPath), copy(processors));
    }

    private static Map<String, Long> copy(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }
}
