package com.exchange.ledger.benchmarks.legacy;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.benchmarks.measure.StoreCommands;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import org.junit.jupiter.api.DisplayName;
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

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline behind the service's HTTP stack is the legacy design and nothing more: one transfer is exactly two
 * {@code update}s and one {@code insert}, counted by the driver's command listener the benchmarks use; a transfer the
 * balance does not cover is one {@code update} that matches nothing, refused as the ledger refuses it, with nothing
 * changed; bad input is refused before any store command.
 */
@SpringBootTest(classes = {LedgerApplication.class, LegacyTransferEndpoint.class, LegacyTransferEndpointTest.Counting.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded machine, not a measure
@AutoConfigureWebTestClient(timeout = "PT60S")
class LegacyTransferEndpointTest {

    private static final String WRITER = "writer-key-0123456789";
    private static final CurrencyTable CURRENCIES = CurrencyTable.defaults();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("legacy-endpoint-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write,ledger:read");
    }

    /** The listener the benchmarks register, handed to the service's driver as every CommandListener bean is. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        StoreCommands storeCommands() {
            return new StoreCommands();
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    LegacyLedger legacy;

    @Autowired
    StoreCommands commands;

    private WebTestClient.ResponseSpec transfer(String id, String from, String to, String amount) {
        return http.post().uri(LegacyTransferEndpoint.PATH).header("Authorization", "Bearer " + WRITER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"transfer_id\":\"" + id + "\",\"from_user_id\":\"" + from + "\",\"to_user_id\":\"" + to
                        + "\",\"currency\":\"USDT\",\"amount\":" + amount + "}")
                .exchange();
    }

    /** The commands sent to the legacy collections since {@code before}, by name; none is absent from the map. */
    private Map<String, Long> legacyCommandsSince(Map<String, Long> before) {
        Map<String, Long> since = new TreeMap<>();
        commands.on(LegacyLedger.COLLECTIONS).forEach((name, count) -> {
            long sent = count - before.getOrDefault(name, 0L);
            if (sent > 0) {
                since.put(name, sent);
            }
        });
        return since;
    }

    private BigDecimal balance(AccountId account) {
        return legacy.balance(account).orElseThrow();
    }

    @Test
    @DisplayName("one transfer is exactly two updates and one insert, and moves the money")
    void threeCommandsPerTransfer() {
        AccountId ann = AccountId.of("ann", "USDT");
        AccountId bob = AccountId.of("bob", "USDT");
        legacy.open(List.of(ann, bob), CURRENCIES.require("USDT").parse("10"));

        Map<String, Long> before = commands.on(LegacyLedger.COLLECTIONS);
        transfer("t-1", "ann", "bob", "\"4\"").expectStatus().isOk()
                .expectBody().jsonPath("$.transfer_id").isEqualTo("t-1").jsonPath("$.amount").isEqualTo("4.000000");

        assertThat(legacyCommandsSince(before)).isEqualTo(Map.of("update", 2L, "insert", 1L));
        assertThat(balance(ann)).isEqualByComparingTo("6");
        assertThat(balance(bob)).isEqualByComparingTo("14");
        assertThat(legacy.transfersFrom(ann)).isEqualTo(1);
    }

    @Test
    @DisplayName("an overdraft is one update that matches nothing, 422 INSUFFICIENT_FUNDS, and changes nothing")
    void overdraftRefusedUnchanged() {
        AccountId carl = AccountId.of("carl", "USDT");
        AccountId dora = AccountId.of("dora", "USDT");
        legacy.open(List.of(carl, dora), CURRENCIES.require("USDT").parse("1"));

        Map<String, Long> before = commands.on(LegacyLedger.COLLECTIONS);
        transfer("t-2", "carl", "dora", "\"1.000001\"").expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("INSUFFICIENT_FUNDS");

        assertThat(legacyCommandsSince(before)).isEqualTo(Map.of("update", 1L));
        assertThat(balance(carl)).isEqualByComparingTo("1");
        assertThat(balance(dora)).isEqualByComparingTo("1");
        assertThat(legacy.transfersFrom(carl)).isZero();
    }

    @Test
    @DisplayName("bad input is refused with the ledger's codes before any store command")
    void badInputSendsNothing() {
        AccountId erin = AccountId.of("erin", "USDT");
        AccountId finn = AccountId.of("finn", "USDT");
        legacy.open(List.of(erin, finn), CURRENCIES.require("USDT").parse("5"));

        Map<String, Long> before = commands.on(LegacyLedger.COLLECTIONS);
        transfer("t-3", "erin", "finn", "\"-1\"").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_AMOUNT");
        transfer("t-4", "erin", "finn", "\"0.0000001\"").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_AMOUNT");
        transfer("t-5", "erin", "erin", "\"1\"").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("SAME_ACCOUNT");
        transfer("t-6", "erin", "x".repeat(65), "\"1\"").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");

        assertThat(legacyCommandsSince(before)).isEmpty();
        assertThat(balance(erin)).isEqualByComparingTo("5");
        assertThat(balance(finn)).isEqualByComparingTo("5");
        assertThat(legacy.transfersFrom(erin)).isZero();
    }
}
