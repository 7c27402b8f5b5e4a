package com.exchange.ledger.benchmarks.measure;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Counts every command the service's MongoDB driver sends, by command name and by who sent it: an event processor
 * (its threads are named {@code EventProcessor[...]}) or the command path (HTTP, command handling, the append); and,
 * apart, by the collection each command names, so a test can count one design's commands exactly while the
 * service's background (processors polling, the sealer, metrics) goes on beside it.
 * Round trips are the cost that carries over from the embedded store to a replica set (issue 14).
 * <p>
 * Registered as a bean of the service under measure: the service hands every {@link CommandListener} bean to its
 * driver (MongoConfiguration).
 */
public final class StoreCommands implements CommandListener {

    /**
     * Counts at one moment: command name to count, for the command path and for the processors; and the processors'
     * commands by processor, command and collection ("read-models find transfers"), to tell which view or policy
     * sends them.
     */
    public record Snapshot(Map<String, Long> commandPath, Map<String, Long> processors, Map<String, Long> processorDetail) {

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(commandPath, earlier.commandPath), difference(processors, earlier.processors),
                    difference(processorDetail, earlier.processorDetail));
        }

        public long total() {
            return commandPathTotal() + processors.values().stream().mapToLong(Long::longValue).sum();
        }

        public long commandPathTotal() {
            return commandPath.values().stream().mapToLong(Long::longValue).sum();
        }

        /** "2.00 (1.00 insert, 1.00 findAndModify)" per operation, for one side. */
        public static String perOperation(Map<String, Long> counts, long operations) {
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
    /**
     * Keyed "sender command collection": a processor's name ("read-models find transfers"), or a command-path thread's
     * kind in parentheses ("(boundedElastic-N) insert events").
     */
    private final Map<String, LongAdder> processorDetail = new ConcurrentHashMap<>();
    /** Keyed by collection, then command name ("legacy_balances" -> "update" -> 2). */
    private final Map<String, Map<String, LongAdder>> byCollection = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        // the sync driver calls listeners on the thread that sends the command
        String thread = Thread.currentThread().getName();
        boolean processor = thread.startsWith("EventProcessor");
        String name = event.getCommandName();
        (processor ? processors : commandPath).computeIfAbsent(name, n -> new LongAdder()).increment();
        String collection = collectionOf(event.getCommand(), name);
        // the command path's threads too, by kind ("boundedElastic-N", "EmbeddedEventStore-N": the processors' shared
        // event reader, "pool-N-thread-N": follow-ups), so no count is left without a sender
        String who = processor ? processorOf(thread) : "(" + thread.replaceAll("\\d+", "N") + ")";
        processorDetail.computeIfAbsent(who + " " + name + " " + collection, n -> new LongAdder()).increment();
        if (collection != null) {
            byCollection.computeIfAbsent(collection, c -> new ConcurrentHashMap<>()).computeIfAbsent(name, n -> new LongAdder()).increment();
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(copy(commandPath), copy(processors), copy(processorDetail));
    }

    /** Commands on these collections so far, by command name, whichever thread sent them. */
    public Map<String, Long> on(Set<String> collections) {
        Map<String, Long> counts = new TreeMap<>();
        collections.forEach(collection -> copy(byCollection.getOrDefault(collection, Map.of()))
                .forEach((name, count) -> counts.merge(name, count, Long::sum)));
        return counts;
    }

    /** "read-models" from "EventProcessor[read-models]-0". */
    private static String processorOf(String thread) {
        int open = thread.indexOf('[');
        int close = thread.indexOf(']', open + 1);
        return open >= 0 && close > open ? thread.substring(open + 1, close) : thread;
    }

    /** The collection a command names: its first field's value ({@code {update: "x", ...}}), or getMore's field. */
    private static String collectionOf(BsonDocument command, String name) {
        BsonValue target = command.get(name);
        if (target != null && target.isString()) {
            return target.asString().getValue();
        }
        BsonValue collection = command.get("collection");
        return collection != null && collection.isString() ? collection.asString().getValue() : null;
    }

    private static Map<String, Long> copy(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }
}
