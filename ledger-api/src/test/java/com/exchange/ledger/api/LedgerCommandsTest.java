package com.exchange.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The generic ledger commands over real HTTP: answers, exactly-once, conflicts, refusals that change nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded CI machine, not a measure: the default 5 s failed a page load there (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
class LedgerCommandsTest {

    static final String WRITER = "writer-key-0123456789";
    static final String READER = "reader-key-0123456789";
    static final String AUDITOR = "auditor-key-012345678";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-commands");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write,ledger:read;" + READER + "=ledger:read;" + AUDITOR + "=ledger:audit");
        registry.add("ledger.chain.seal-interval", () -> "200ms");
    }

    /** Every command the service sent to the id directory: its name and its body, for counting what one request costs. */
    static final List<String> DIRECTORY_COMMANDS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class DirectoryCommands {
        @Bean
        CommandListener directoryCommands() {
            return new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    BsonValue target = event.getCommand().get(event.getCommandName());
                    if (target != null && target.isString() && "id_directory".equals(target.asString().getValue())) {
                        DIRECTORY_COMMANDS.add(event.getCommandName() + " " + event.getCommand().toJson());
                    }
                }
            };
        }
    }

    /** The names of the directory commands sent since {@code from} that name the claim {@code key}. */
    static List<String> directoryCommands(int from, String key) {
        return DIRECTORY_COMMANDS.subList(from, DIRECTORY_COMMANDS.size()).stream()
                .filter(command -> command.contains("\"" + key + "\"")).map(command -> command.substring(0, command.indexOf(' '))).toList();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    MongoDatabase ledgerDatabase;

    private WebTestClient.ResponseSpec post(String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private JsonNode ok(String path, String json) {
        return post(path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void refused(String path, String json, int status, String code) {
        post(path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.trace").doesNotExist();
    }

    private String available(String user, String currency) {
        JsonNode balances = http.get().uri("/api/wallets/balances/" + user).header("Authorization", "Bearer " + READER)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode balance : balances.get("balances")) {
            if (balance.get("currency").asText().equals(currency)) {
                return balance.get("available_balance").asText();
            }
        }
        return null;
    }

    @Nested
    @DisplayName("credits and debits")
    class CreditsAndDebits {

        @Test
        @DisplayName("a credit answers the balances; the same request again answers the same; another body is 409")
        void exactlyOnce() {
            String credit = "{\"operation_id\":\"c-1\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"1.5\",\"reason\":\"deposit\"}";
            JsonNode first = ok("/api/ledger/credits", credit);
            assertThat(first.get("available_balance").asText()).isEqualTo("1.50000000");
            assertThat(first.get("total_balance").asText()).isEqualTo("1.50000000");
            assertThat(first.get("locked_balance").asText()).isEqualTo("0.00000000");
            ok("/api/ledger/credits", "{\"operation_id\":\"c-2\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":0.25}");

            assertThat(ok("/api/ledger/credits", credit)).isEqualTo(first);
            refused("/api/ledger/credits", credit.replace("1.5", "2"), 409, "OPERATION_CONFLICT");
            refused("/api/ledger/credits", credit.replace("ann", "bob"), 409, "OPERATION_CONFLICT");
        }

        @Test
        @DisplayName("a debit beyond the balance is 422 and moves nothing; the same request again answers the same 422, another body 409")
        void insufficientFunds() {
            ok("/api/ledger/credits", "{\"operation_id\":\"c-3\",\"user_id\":\"cy\",\"currency\":\"USDT\",\"amount\":\"10\"}");
            String debit = "{\"operation_id\":\"d-1\",\"user_id\":\"cy\",\"currency\":\"USDT\",\"amount\":\"10.000001\"}";
            refused("/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            await().atMost(Duration.ofSeconds(20)).until(() -> "10.000000".equals(available("cy", "USDT")));
            ok("/api/ledger/credits", "{\"operation_id\":\"c-3b\",\"user_id\":\"cy\",\"currency\":\"USDT\",\"amount\":\"1\"}");
            // the first outcome stands, even though the debit would now pass
            refused("/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            refused("/api/ledger/debits", debit.replace("10.000001", "4"), 409, "OPERATION_CONFLICT");
            JsonNode fresh = ok("/api/ledger/debits", debit.replace("d-1", "d-2"));
            assertThat(fresh.get("available_balance").asText()).isEqualTo("0.999999");
        }

        @Test
        @DisplayName("bad input is 400 with a stable code and changes nothing")
        void badInput() {
            String base = "{\"operation_id\":\"bad\",\"user_id\":\"dee\",\"currency\":\"BTC\",\"amount\":AMOUNT}";
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"0.123456789\""), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "0.123456789"), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"1e5\""), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"-1\""), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"0\""), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"1000000000000000\""), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("AMOUNT", "true"), 400, "INVALID_AMOUNT");
            refused("/api/ledger/credits", base.replace("BTC", "XYZ").replace("AMOUNT", "\"1\""), 400, "UNKNOWN_CURRENCY");
            refused("/api/ledger/credits", base.replace("\"dee\"", "{\"$gt\":\"\"}").replace("AMOUNT", "\"1\""), 400, "VALIDATION_FAILED");
            refused("/api/ledger/credits", base.replace("dee", "dee/../x").replace("AMOUNT", "\"1\""), 400, "VALIDATION_FAILED");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"1\",\"surprise\":1"), 400, "VALIDATION_FAILED");
            refused("/api/ledger/credits", "{not json", 400, "VALIDATION_FAILED");
            refused("/api/ledger/credits", base.replace("AMOUNT", "\"1\"").replace("\"bad\"", "\"" + "x".repeat(200) + "\""), 400, "VALIDATION_FAILED");
            refused("/api/ledger/credits", "{\"operation_id\":\"bad\",\"user_id\":\"dee\",\"currency\":\"BTC\",\"amount\":\"1\",\"counter_account\":\"transit:transfers\"}",
                    400, "VALIDATION_FAILED");
            // none of it reached the ledger: the id is still free and the account empty
            ok("/api/ledger/credits", base.replace("AMOUNT", "\"0.1\""));
            await().atMost(Duration.ofSeconds(20)).until(() -> "0.10000000".equals(available("dee", "BTC")));
        }
    }

    @Nested
    @DisplayName("ids claimed by the append (ADR 0021)")
    class IdClaims {

        private Document claim(String key) {
            return ledgerDatabase.getCollection("id_directory").find(Filters.eq("_id", key)).first();
        }

        @Test
        @DisplayName("a first use claims the id with its event; a claim the same account left without an event (a crash between the "
                + "two) lets the request through; another account's claim is 409 even when that account's request is refused anyway")
        void claimedWithTheEvent() {
            ok("/api/ledger/credits", "{\"operation_id\":\"ic-1\",\"user_id\":\"kim\",\"currency\":\"BTC\",\"amount\":\"1\"}");
            assertThat(claim("operation:ic-1")).containsEntry("account", "kim/BTC");

            ledgerDatabase.getCollection("id_directory").insertOne(new Document("_id", "operation:ic-2").append("account", "kim/BTC"));
            JsonNode credited = ok("/api/ledger/credits", "{\"operation_id\":\"ic-2\",\"user_id\":\"kim\",\"currency\":\"BTC\",\"amount\":\"2\"}");
            assertThat(credited.get("available_balance").asText()).isEqualTo("3.00000000");

            // lee has nothing: the debit is refused by the account, and the id is kim's: the conflict is the answer
            refused("/api/ledger/debits", "{\"operation_id\":\"ic-1\",\"user_id\":\"lee\",\"currency\":\"BTC\",\"amount\":\"5\"}",
                    409, "OPERATION_CONFLICT");
            refused("/api/ledger/credits", "{\"operation_id\":\"ic-1\",\"user_id\":\"lee\",\"currency\":\"BTC\",\"amount\":\"1\"}",
                    409, "OPERATION_CONFLICT");
            assertThat(claim("operation:ic-1")).containsEntry("account", "kim/BTC").doesNotContainKey("refused");
            await().atMost(Duration.ofSeconds(20)).until(() -> "3.00000000".equals(available("kim", "BTC")));
            assertThat(available("lee", "BTC")).isNull();
        }

        @Test
        @DisplayName("a refusal claims the id: a repeat answers it, and a request the account would now accept is still refused")
        void refusalClaimsTheId() {
            String debit = "{\"operation_id\":\"ic-3\",\"user_id\":\"max\",\"currency\":\"ETH\",\"amount\":\"1\"}";
            refused("/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            assertThat(claim("operation:ic-3")).containsEntry("account", "max/ETH").containsKey("refused");
            int before = DIRECTORY_COMMANDS.size();
            refused("/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            // refused by the account again: the refusal's clashing insert and one read (five commands before, ADR 0021)
            assertThat(directoryCommands(before, "operation:ic-3")).as("%s", DIRECTORY_COMMANDS.subList(before, DIRECTORY_COMMANDS.size()))
                    .containsExactly("insert", "find");
            ok("/api/ledger/credits", "{\"operation_id\":\"ic-4\",\"user_id\":\"max\",\"currency\":\"ETH\",\"amount\":\"5\"}");
            before = DIRECTORY_COMMANDS.size();
            refused("/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            // accepted by the account now, refused by its claim: the group's claim insert and clash read, then one read
            assertThat(directoryCommands(before, "operation:ic-3")).containsExactly("insert", "find", "find");
            refused("/api/ledger/credits", debit, 409, "OPERATION_CONFLICT");
            refused("/api/ledger/debits", debit.replace("max", "ned"), 409, "OPERATION_CONFLICT");
            await().atMost(Duration.ofSeconds(20)).until(() -> "5.000000000000000000".equals(available("max", "ETH")));
        }
    }

    @Nested
    @DisplayName("holds and transfers")
    class HoldsAndTransfers {

        @Test
        @DisplayName("lock, release out with a fee, then unlock is refused as already settled; an unknown hold is 404")
        void holdLifecycle() {
            ok("/api/ledger/credits", "{\"operation_id\":\"h-c\",\"user_id\":\"eve\",\"currency\":\"ETH\",\"amount\":\"2\"}");
            JsonNode locked = ok("/api/ledger/holds", "{\"hold_id\":\"w-1\",\"user_id\":\"eve\",\"currency\":\"ETH\",\"amount\":\"0.5\",\"reason\":\"withdrawal\"}");
            assertThat(locked.get("locked_balance").asText()).isEqualTo("0.500000000000000000");
            JsonNode released = ok("/api/ledger/holds/w-1/release", "{\"fee\":\"0.01\"}");
            assertThat(released.get("locked_balance").asText()).isEqualTo("0.000000000000000000");
            assertThat(released.get("available_balance").asText()).isEqualTo("1.500000000000000000");
            assertThat(ok("/api/ledger/holds/w-1/release", "{\"fee\":\"0.01\"}")).isEqualTo(released);
            refused("/api/ledger/holds/w-1/unlock", "{}", 409, "HOLD_ALREADY_SETTLED");
            refused("/api/ledger/holds/nope/unlock", "{}", 404, "HOLD_NOT_FOUND");
            refused("/api/ledger/holds", "{\"hold_id\":\"w-1\",\"user_id\":\"fay\",\"currency\":\"ETH\",\"amount\":\"0.5\"}", 409, "HOLD_ALREADY_EXISTS");
        }

        @Test
        @DisplayName("a transfer with a fee reaches the recipient; a release to a user is a transfer too")
        void transfers() {
            ok("/api/ledger/credits", "{\"operation_id\":\"t-c\",\"user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"100\"}");
            JsonNode sent = ok("/api/ledger/transfers", "{\"transfer_id\":\"t-1\",\"from_user_id\":\"gus\",\"to_user_id\":\"hal\",\"currency\":\"USDT\",\"amount\":\"30\",\"fee\":\"0.5\"}");
            assertThat(sent.get("available_balance").asText()).isEqualTo("70.000000");
            ok("/api/ledger/holds", "{\"hold_id\":\"p2p-1\",\"user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"10\"}");
            ok("/api/ledger/holds/p2p-1/release", "{\"to_user_id\":\"hal\",\"fee\":\"1\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> "38.500000".equals(available("hal", "USDT")));
            refused("/api/ledger/transfers", "{\"transfer_id\":\"t-2\",\"from_user_id\":\"gus\",\"to_user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"1\"}",
                    400, "SAME_ACCOUNT");
        }

        @Test
        @DisplayName("savings: moves both ways, repeats answer the same, more than saved is 422, a bad direction 400")
        void savings() {
            ok("/api/ledger/credits", "{\"operation_id\":\"s-c\",\"user_id\":\"ivy\",\"currency\":\"SOL\",\"amount\":\"3\"}");
            String save = "{\"operation_id\":\"s-1\",\"user_id\":\"ivy\",\"currency\":\"SOL\",\"amount\":\"1.25\",\"direction\":\"to_savings\"}";
            JsonNode saved = ok("/api/savings/transfers", save);
            assertThat(saved.get("savings_balance").asText()).isEqualTo("1.250000000");
            assertThat(saved.get("available_balance").asText()).isEqualTo("1.750000000");
            assertThat(ok("/api/savings/transfers", save)).isEqualTo(saved);
            JsonNode back = ok("/api/savings/transfers", save.replace("s-1", "s-2").replace("to_savings", "from_savings").replace("1.25", "0.25"));
            assertThat(back.get("savings_balance").asText()).isEqualTo("1.000000000");
            refused("/api/savings/transfers", save.replace("s-1", "s-3").replace("to_savings", "from_savings").replace("1.25", "1.5"),
                    422, "INSUFFICIENT_SAVINGS");
            refused("/api/savings/transfers", save.replace("s-1", "s-4").replace("to_savings", "sideways"), 400, "VALIDATION_FAILED");
        }

        @Test
        @DisplayName("the whole API is published as OpenAPI, with a browsable UI")
        void openApi() {
            // the document is larger than the 64 KB the service's codecs (and so this client) buffer for a request body
            JsonNode docs = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                    .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(docs.get("paths").has("/api/ledger/credits")).isTrue();
            assertThat(docs.get("paths").has("/api/wallets/balances/{userId}")).isTrue();
            assertThat(docs.get("paths").has("/api/audit/reconciliation")).isTrue();
            http.get().uri("/swagger-ui.html").exchange().expectStatus().value(status -> assertThat(status).isIn(200, 302));
        }

        @Test
        @DisplayName("writing needs the write scope")
        void scopes() {
            http.post().uri("/api/ledger/credits").header("Authorization", "Bearer " + READER).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isForbidden();
            http.post().uri("/api/ledger/credits").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isUnauthorized();
            http.get().uri("/api/no/such/route").header("Authorization", "Bearer " + READER).exchange()
                    .expectStatus().value(status -> assertThat(status).isIn(403, 404));
        }
    }

    @Nested
    @DisplayName("the event log's hash chain (issue 17 item 1)")
    class HashChain {

        private JsonNode chain(String query) {
            return http.get().uri("/api/audit/chain" + query).header("Authorization", "Bearer " + AUDITOR).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        }

        @Test
        @DisplayName("is sealed while the service runs, verifies clean, and names an event edited in the store")
        void sealedVerifiedAndTamperingNamed() {
            ok("/api/ledger/credits", "{\"operation_id\":\"chain-1\",\"user_id\":\"chain-ann\",\"currency\":\"USDT\",\"amount\":\"70\"}");
            MongoCollection<Document> events = ledgerDatabase.getCollection("events");
            Document credit = events.find(Filters.regex("payload", "chain-1")).first();
            long position = ((Number) credit.get("_id")).longValue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(chain("").get("sealed_position").asLong()).isGreaterThanOrEqualTo(position));
            JsonNode clean = chain("");
            assertThat(clean.get("intact").asBoolean()).as(clean.toString()).isTrue();
            assertThat(clean.get("latest_checkpoint").get("chain").asText()).hasSize(64);
            // the export: every checkpoint from the genesis, each continuing the one before, the last one the latest
            JsonNode exported = http.get().uri("/api/audit/checkpoints?limit=1000").header("Authorization", "Bearer " + AUDITOR)
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            JsonNode entries = exported.get("checkpoints");
            assertThat(entries.get(0).get("position").asLong()).isZero();
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).get("previous").asText()).isEqualTo(entries.get(i - 1).get("chain").asText());
            }
            assertThat(entries.get(entries.size() - 1).get("position").asLong()).isGreaterThanOrEqualTo(position);

            try {
                String edited = credit.getString("payload").replace("70", "90");
                assertThat(edited).isNotEqualTo(credit.getString("payload"));
                events.updateOne(Filters.eq("_id", position), Updates.set("payload", edited));
                JsonNode broken = chain("");
                assertThat(broken.get("intact").asBoolean()).isFalse();
                assertThat(broken.get("first_break").get("position").asLong()).isEqualTo(position);
                assertThat(broken.get("first_break").get("kind").asText()).isEqualTo("changed");
                // a checkpoint sealed after the edited event: verification started there does not read it
                long latest = broken.get("latest_checkpoint").get("position").asLong();
                assertThat(chain("?from_checkpoint=" + latest).get("intact").asBoolean()).isTrue();
            } finally {
                events.replaceOne(Filters.eq("_id", position), credit);
            }
            assertThat(chain("").get("intact").asBoolean()).isTrue();
            http.get().uri("/api/audit/chain?from_checkpoint=-5").header("Authorization", "Bearer " + AUDITOR).exchange()
                    .expectStatus().isBadRequest();
        }
    }
}
