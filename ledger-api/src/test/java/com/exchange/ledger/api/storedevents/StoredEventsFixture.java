package com.exchange.ledger.api.storedevents;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of the stored-events fixture (test resource {@value #RESOURCE}), read by {@link StoredEventsReplayTest} and
 * written by {@link StoredEventsFixtureWriter}. Documents are MongoDB extended JSON in its canonical form, one per line,
 * so every stored type (an Int64 {@code _id}, a Decimal128, a date) reads back exactly as the store held it.
 * <ul>
 *   <li>{@value #EVENTS}: the {@code events} collection as the ledger wrote it, in index order: the input, never rewritten;</li>
 *   <li>{@value #COUNTERS}: the {@code event_counters} collection (the head the tracking processors read);</li>
 *   <li>{@value #BALANCES}: each account's balances once everything was applied: what a replay must give;</li>
 *   <li>{@value #VIEWS}: the documents of every read model, each line {@code {collection, document}}.</li>
 * </ul>
 */
final class StoredEventsFixture {

    static final String RESOURCE = "stored-events";
    static final String EVENTS = "events.jsonl";
    static final String COUNTERS = "event_counters.jsonl";
    static final String BALANCES = "expected-balances.jsonl";
    static final String VIEWS = "expected-views.jsonl";

    /** The read models whose documents the fixture records; {@code system_balances} without its tokens (see {@link #comparable}). */
    static final List<String> VIEW_COLLECTIONS = List.of("wallets", "wallet_transactions", "open_holds", "system_balances",
            "transfers", "withdrawals", "p2p_trades", "swaps", "express_buys", "deposits");

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private StoredEventsFixture() {
    }

    static List<Document> read(String file) {
        String path = "/" + RESOURCE + "/" + file;
        try (InputStream in = StoredEventsFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture file " + path + " on the test class path");
            }
            List<Document> documents = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    documents.add(Document.parse(line));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path directory, String file, List<Document> documents) {
        StringBuilder text = new StringBuilder();
        documents.forEach(document -> text.append(document.toJson(CANONICAL)).append('\n'));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's copy of the fixture's input: events and their counter. */
    static void load(MongoDatabase database) {
        database.getCollection("events").insertMany(read(EVENTS));
        database.getCollection("event_counters").insertMany(read(COUNTERS));
    }

    /** Every account's balances as the {@code wallets} view holds them, in account order. */
    static List<Document> balances(MongoDatabase database) {
        return database.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()).stream()
                .map(wallet -> new Document("_id", wallet.get("_id"))
                        .append("available_balance", wallet.get("available_balance"))
                        .append("locked_balance", wallet.get("locked_balance"))
                        .append("savings_balance", wallet.get("savings_balance")))
                .toList();
    }

    /** The documents of every read model, as {@link #VIEWS} records them. */
    static List<Document> views(MongoDatabase database) {
        List<Document> lines = new ArrayList<>();
        for (String collection : VIEW_COLLECTIONS) {
            database.getCollection(collection).find().sort(Sorts.ascending("_id"))
                    .forEach(document -> lines.add(new Document("collection", collection).append("document", comparable(collection, document))));
        }
        return lines;
    }

    /** A view document without what depends on the processor rather than the events: the tokens system_balances keeps. */
    static Document comparable(String collection, Document document) {
        Document copy = new Document(document);
        if (collection.equals("system_balances")) {
            copy.remove("token");
        }
        return copy;
    }
}
