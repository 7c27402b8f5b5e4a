package com.exchange.ledger.api.admin;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.process.JavaProcess;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.chain.ChainSealer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/ledger-admin} on the store the service in the same directory uses: the caller's {@code ./data} (or
 * {@code LEDGER_DATA_DIR}/{@code MONGO_URL}), said in its output; a store that does not exist or holds no ledger is
 * refused, never reconciled as an empty ledger.
 */
class LedgerAdminCommandTest {

    /** A service's working directory: its store in ./data holds two deposits. */
    @TempDir
    static Path serviceDirectory;

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void aServiceRanHere() {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--ledger.mongo-url=", "--ledger.data-dir=" + serviceDirectory.resolve("data"))) {
            WalletCommandGateway commands = service.getBean(WalletCommandGateway.class);
            for (String user : new String[] {"alice", "bob"}) {
                commands.send(new CreditAccount(AccountId.of(user, "BTC"), OperationId.of("admin-dep-" + user),
                        CurrencyTable.defaults().require("BTC").parse("1.5"), SystemAccount.NOWPAYMENTS, "deposit"));
            }
            // sealed now rather than at the service's next tick, so verify has checkpoints to prove
            service.getBean(ChainSealer.class).sealOnce();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = LedgerAdminCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    record Run(int exit, String output) {
    }

    @Test
    @DisplayName("run in the service's directory, reconcile reads its ./data, says so, and exits 0 when clean (a process of its own)")
    void reconcileReadsTheCallersDataDirectory() throws Exception {
        JavaProcess.Result result = JavaProcess.run(serviceDirectory, LedgerAdminCommand.class, "reconcile");

        Path store = serviceDirectory.resolve("data").toAbsolutePath().normalize();
        assertThat(result.output()).contains("store: the embedded store in " + store)
                .containsPattern("reconciliation of [1-9][0-9]* events of the embedded store in " + java.util.regex.Pattern.quote(store.toString())
                        + " at \\S+: CLEAN")
                .doesNotContain("reconciliation of 0 events");
        // the JSON form is the API's: snake_case, amounts as plain decimal strings (never 0E-8 or camelCase)
        assertThat(result.output()).contains("\"events_read\"").contains("\"user_total\" : \"")
                .doesNotContain("eventsRead").doesNotContain("userTotal").doesNotContainPattern("[0-9]E-[0-9]");
        assertThat(result.exitStatus()).as(result.output()).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
    }

    @Test
    @DisplayName("rebuild wallets, run as a process just after its start, ends, says what it did and exits 0; wallet-transactions is"
            + " emptied and replayed; the views then reconcile with the events")
    void rebuildEnds() throws Exception {
        JavaProcess.Result wallets = JavaProcess.run(serviceDirectory, LedgerAdminCommand.class, "rebuild", "wallets");

        assertThat(wallets.exitStatus()).as(wallets.output()).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        assertThat(wallets.output()).containsPattern("rebuilt wallets: replayed [1-9][0-9]* of [1-9][0-9]* events in")
                .doesNotContain("\tat ");

        Path data = serviceDirectory.resolve("data");
        Run transactions = run("rebuild", "wallet-transactions", "--ledger.mongo-url=", "--ledger.data-dir=" + data);
        assertThat(transactions.exit()).as(transactions.output()).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        assertThat(transactions.output()).containsPattern("rebuilt wallet-transactions: replayed [1-9][0-9]* of");

        Run reconcile = run("reconcile", "--ledger.mongo-url=", "--ledger.data-dir=" + data);
        assertThat(reconcile.exit()).as(reconcile.output()).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        try (EmbeddedMongo store = EmbeddedMongo.persistedIn(data);
             com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(store.connectionString())) {
            assertThat(client.getDatabase("wallet_ledger").getCollection(TransactionsProjection.COLLECTION).countDocuments())
                    .as("the replayed history holds both deposits").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("verify proves the chain and the replay, writes its report and exits 0; an event edited in the store is named"
            + " at its position, the report says so, and it exits 1")
    void verify() throws Exception {
        Path data = serviceDirectory.resolve("data");
        Path report = elsewhere.resolve("audit/verify.json");

        Run clean = run("verify", "--report=" + report, "--ledger.mongo-url=", "--ledger.data-dir=" + data);

        assertThat(clean.exit()).as(clean.output()).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        assertThat(clean.output()).containsPattern("chain: INTACT, sealed from 0 through [1-9][0-9]* \\([1-9][0-9]* checkpoints\\)")
                .contains("latest checkpoint: position").contains(": CLEAN").contains("VERIFIED").doesNotContain("NOT VERIFIED");
        JsonNode written = new ObjectMapper().readTree(report.toFile());
        assertThat(written.get("passed").asBoolean()).isTrue();
        assertThat(written.get("chain").get("intact").asBoolean()).isTrue();
        assertThat(written.get("reconciliation").has("events_read")).isTrue();

        Document original;
        long position;
        try (EmbeddedMongo store = EmbeddedMongo.persistedIn(data);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("wallet_ledger").getCollection("events");
            original = events.find(Filters.regex("payload", "admin-dep-bob")).first();
            position = ((Number) original.get("_id")).longValue();
            events.updateOne(Filters.eq("_id", position), Updates.set("payload", original.getString("payload").replace("1.5", "9.5")));
        }
        try {
            Run broken = run("verify", "--report=" + report, "--ledger.mongo-url=", "--ledger.data-dir=" + data);

            assertThat(broken.exit()).as(broken.output()).isEqualTo(LedgerAdminCommand.EXIT_DISCREPANCY);
            assertThat(broken.output()).contains("chain: BROKEN at position " + position + " (changed)").contains("NOT VERIFIED");
            JsonNode failed = new ObjectMapper().readTree(report.toFile());
            assertThat(failed.get("passed").asBoolean()).isFalse();
            assertThat(failed.get("chain").get("first_break").get("position").asLong()).isEqualTo(position);
        } finally {
            try (EmbeddedMongo store = EmbeddedMongo.persistedIn(data);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                client.getDatabase("wallet_ledger").getCollection("events").replaceOne(Filters.eq("_id", position), original);
            }
        }
    }

    @Test
    @DisplayName("verify with a malformed option is refused with exit 2 before the store is opened")
    void verifyUsage() {
        Run run = run("verify", "--from-checkpoint=yesterday", "--ledger.mongo-url=", "--ledger.data-dir=" + elsewhere.resolve("none"));

        assertThat(run.exit()).isEqualTo(LedgerAdminCommand.EXIT_USAGE);
        assertThat(run.output()).contains("--from-checkpoint= needs a checkpoint's position").doesNotContain("store:");
        assertThat(run("verify", "--fast").output()).contains("verify takes only --stuck-after-hours=N");
    }

    @Test
    @DisplayName("a data directory without a store is refused with exit 3, and no store is created there")
    void aMissingStoreIsRefused() {
        Path nowhere = elsewhere.resolve("data");

        Run run = run("reconcile", "--ledger.mongo-url=", "--ledger.data-dir=" + nowhere);

        assertThat(run.exit()).as(run.output()).isEqualTo(LedgerAdminCommand.EXIT_NO_LEDGER);
        assertThat(run.output()).contains("REFUSED: there is no ledger store in " + nowhere.toAbsolutePath().normalize())
                .contains("LEDGER_DATA_DIR").doesNotContain("CLEAN").doesNotContain("\tat ");
        assertThat(Files.exists(nowhere.resolve("ledger.mv"))).isFalse();
    }

    @Test
    @DisplayName("a store that holds no ledger events is refused with exit 3")
    void anEmptyStoreIsRefused() {
        Path empty = elsewhere.resolve("empty");
        EmbeddedMongo.persistedIn(empty).close();

        Run run = run("reconcile", "--ledger.mongo-url=", "--ledger.data-dir=" + empty);

        assertThat(run.exit()).as(run.output()).isEqualTo(LedgerAdminCommand.EXIT_NO_LEDGER);
        assertThat(run.output()).contains("holds no ledger events").doesNotContain("CLEAN").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("without a command it prints its usage, store selection and exit statuses, and exits 2")
    void usage() {
        Run run = run();

        assertThat(run.exit()).isEqualTo(LedgerAdminCommand.EXIT_USAGE);
        assertThat(run.output()).contains("usage: ledger-admin").contains("./data").contains("exit status");
    }
}
