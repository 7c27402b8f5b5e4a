package com.exchange.ledger.api.startup;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.LedgerAdminCommand;
import com.exchange.ledger.api.process.JavaProcess;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start or a command the operator can fix is said in a sentence, what is wrong and what to do, with a non-zero
 * exit status and no stack trace: each program is run as its own process, as the operator runs it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedStartsTest {

    private static final String REFUSED = "The ledger service refused to start: ";

    @TempDir
    Path directory;

    private JavaProcess.Result service(String... arguments) throws Exception {
        String[] all = new String[arguments.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--ledger.mongo-url=";
        all[2] = "--ledger.data-dir=" + directory.resolve("data");
        System.arraycopy(arguments, 0, all, 3, arguments.length);
        return JavaProcess.run(directory, LedgerApplication.class, all);
    }

    /** One line says it, and nothing in the output is a stack trace. */
    private static void saidInASentence(JavaProcess.Result result, String prefix, String... mentions) {
        assertThat(result.lines()).filteredOn(line -> line.startsWith(prefix)).as(result.output()).singleElement()
                .satisfies(line -> assertThat(line).contains(mentions));
        assertThat(result.output()).doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Application run failed").doesNotContain("Exception encountered during context initialization");
    }

    @Test
    @DisplayName("LEDGER_API_KEYS with a key too short: one sentence naming the entry and the rule, exit 1")
    void shortApiKey() throws Exception {
        JavaProcess.Result result = service("--ledger.api-keys=short=ledger:read");

        assertThat(result.exitStatus()).as(result.output()).isEqualTo(StartupRefusal.EXIT_STATUS);
        saidInASentence(result, REFUSED, "LEDGER_API_KEYS entry 1: a key must have 16-256 characters", "Fix LEDGER_API_KEYS");
        assertThat(result.output()).doesNotContain("short=");
    }

    @Test
    @DisplayName("production mode on the embedded store: one sentence naming what is missing, exit 1")
    void productionModeOnTheEmbeddedStore() throws Exception {
        JavaProcess.Result result = service("--ledger.staging=false");

        assertThat(result.exitStatus()).as(result.output()).isEqualTo(StartupRefusal.EXIT_STATUS);
        saidInASentence(result, REFUSED, "RUNNING IN PRODUCTION MODE refused to start", "MONGO_URL is not set", "IS_STAGING=true");
    }

    @Test
    @DisplayName("a store held by another process: the service, ledger-admin and its mistakes each say so in a sentence")
    void storeInUse() throws Exception {
        try (EmbeddedMongo holder = EmbeddedMongo.persistedIn(directory.resolve("data"))) {
            JavaProcess.Result second = service();
            assertThat(second.exitStatus()).as(second.output()).isEqualTo(StartupRefusal.EXIT_STATUS);
            saidInASentence(second, REFUSED, "is in use by another process", "stop that process first, or set LEDGER_DATA_DIR");

            JavaProcess.Result admin = JavaProcess.run(directory, LedgerAdminCommand.class, "rebuild", "wallets");
            assertThat(admin.exitStatus()).as(admin.output()).isEqualTo(3);
            saidInASentence(admin, "REFUSED: ", "is in use by another process");
        }
    }

    @Test
    @DisplayName("ledger-admin with an unknown projection or an unreadable --stuck-after-hours: a sentence and exit 2, nothing opened")
    void adminMistakes() throws Exception {
        JavaProcess.Result unknown = JavaProcess.run(directory, LedgerAdminCommand.class, "rebuild", "nope");
        assertThat(unknown.exitStatus()).as(unknown.output()).isEqualTo(2);
        saidInASentence(unknown, "rebuild needs one projection", "wallet-transactions", "wallets", "not nope");

        JavaProcess.Result hours = JavaProcess.run(directory, LedgerAdminCommand.class, "reconcile", "--stuck-after-hours=abc");
        assertThat(hours.exitStatus()).as(hours.output()).isEqualTo(2);
        saidInASentence(hours, "--stuck-after-hours= needs a whole number of hours", "not 'abc'");

        assertThat(directory.resolve("data")).doesNotExist();
    }

    @Test
    @DisplayName("no generated password is logged, and completing an unknown trade is a 404 without a WARN and stack trace")
    void quietLog(CapturedOutput output) throws Exception {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--ledger.mongo-url=", "--ledger.data-dir=" + directory.resolve("data"))) {
            int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            HttpResponse<String> complete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/p2p/trades/no-such-trade/complete"))
                    .header("Authorization", "Bearer local-development-key").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(complete.statusCode()).as(complete.body()).isEqualTo(404);
        }
        assertThat(output.getAll()).doesNotContain("Using generated security password").doesNotContain("AggregateNotFoundException")
                .doesNotContain("Exception occurred while trying to load");
    }
}
