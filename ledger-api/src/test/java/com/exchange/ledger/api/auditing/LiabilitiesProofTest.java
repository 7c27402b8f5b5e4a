package com.exchange.ledger.api.auditing;

import com.exchange.ledger.api.axon.ProcessorPolling;
import com.exchange.ledger.api.axon.ReadModelsProcessor;
import com.exchange.ledger.api.liabilities.VerifyProofCommand;
import com.exchange.ledger.core.liabilities.LiabilityProof;
import com.exchange.ledger.core.liabilities.ProofVerifier;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proof of liabilities over a generated ledger: a few dozen users in three currencies (one of 18 decimals), with
 * credits, holds, savings and transfers between them. Every user's proof verifies against the published root and
 * total, which is the sum of the user totals of the {@code wallets} view; a forged balance, sibling or root is
 * refused; a proof names no other user; the command line verifier agrees and says what is wrong without a trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiabilitiesProofTest extends AuditFixture {

    private static final long SEED = Long.getLong("liabilities.seed", System.nanoTime());
    private static final List<String> CURRENCIES = List.of("BTC", "ETH", "USDT");
    private static final int USERS = 36;

    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorPolling.Settings polling;

    /** What each of our users should hold in total, per currency, once every transfer has arrived. */
    private final Map<String, Map<String, BigDecimal>> expected = new HashMap<>();
    private final List<String> users = new ArrayList<>();

    @BeforeAll
    void generatedLedger() {
        Random random = new Random(SEED);
        for (int i = 0; i < USERS; i++) {
            users.add(String.format("pl-u%02d", i));
        }
        for (String currency : CURRENCIES) {
            Map<String, BigDecimal> totals = expected.computeIfAbsent(currency, c -> new HashMap<>());
            int decimals = "ETH".equals(currency) ? 18 : "BTC".equals(currency) ? 8 : 6;
            for (String user : users) {
                if (random.nextInt(6) == 0) {
                    continue; // not every user holds every currency
                }
                BigDecimal amount = BigDecimal.valueOf(random.nextLong(1, 1_000_000_000L), Math.min(decimals, 9))
                        .add(BigDecimal.ONE.movePointLeft(decimals)); // the smallest unit too, where a currency has 18
                credit("pl-c-" + currency + "-" + user, user, currency, amount.toPlainString());
                totals.put(user, amount);
            }
            List<String> holders = new ArrayList<>(totals.keySet());
            for (int k = 0; k < 12; k++) {
                String user = holders.get(random.nextInt(holders.size()));
                String part = totals.get(user).divide(BigDecimal.valueOf(4), decimals, java.math.RoundingMode.DOWN).toPlainString();
                switch (k % 3) {
                    case 0 -> post("/api/ledger/holds", "{\"hold_id\":\"pl-h-" + currency + k + "\",\"user_id\":\"" + user
                            + "\",\"currency\":\"" + currency + "\",\"amount\":\"" + part + "\",\"reason\":\"order\"}");
                    case 1 -> post("/api/savings/transfers", "{\"operation_id\":\"pl-s-" + currency + k + "\",\"user_id\":\"" + user
                            + "\",\"currency\":\"" + currency + "\",\"amount\":\"" + part + "\",\"direction\":\"to_savings\"}");
                    default -> {
                        String to = users.get(random.nextInt(USERS));
                        if (!to.equals(user) && post("/api/ledger/transfers", "{\"transfer_id\":\"pl-x-" + currency + k + "\",\"from_user_id\":\""
                                + user + "\",\"to_user_id\":\"" + to + "\",\"currency\":\"" + currency + "\",\"amount\":\"" + part + "\"}") == 200) {
                            totals.put(user, totals.get(user).subtract(new BigDecimal(part)));
                            totals.merge(to, new BigDecimal(part), BigDecimal::add);
                        }
                    }
                }
            }
        }
        // transfers reach their receiver after the answer, and the view follows the events: wait for both
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> expected.forEach((currency, totals) ->
                totals.forEach((user, total) -> assertThat(viewTotal(user, currency)).as(user + " " + currency).isEqualByComparingTo(total))));
    }

    @Test
    @DisplayName("every user's proof verifies against the published root and total, the sum of the wallets view's user totals")
    void everyProofVerifies() {
        for (String currency : CURRENCIES) {
            JsonNode root = get(AUDITOR, "/api/audit/liabilities/" + currency);
            Map<String, BigDecimal> view = viewTotals(currency);
            assertThat(new BigDecimal(root.get("total").asText()))
                    .isEqualByComparingTo(view.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(root.get("leaf_count").asLong()).isEqualTo(view.size());
            assertThat(root.get("position").asLong()).isPositive();
            assertThat(root.get("negative_accounts_excluded").asLong()).isZero();
            String rootHash = root.get("root_hash").asText();
            BigDecimal total = new BigDecimal(root.get("total").asText());
            // a root asked for again within the minute is the same one: the one the proofs are read against
            assertThat(get(AUDITOR, "/api/audit/liabilities/" + currency).get("root_hash").asText()).isEqualTo(rootHash);
            int depth = 64 - Long.numberOfLeadingZeros(Math.max(1, view.size() - 1));
            for (String user : view.keySet()) {
                LiabilityProof proof = proof(user, currency);
                assertThat(proof.userId()).isEqualTo(user);
                assertThat(proof.rootHash()).isEqualTo(rootHash);
                assertThat(new BigDecimal(proof.balance())).isEqualByComparingTo(view.get(user));
                assertThat(proof.path()).hasSize(view.size() == 1 ? 0 : depth);
                ProofVerifier.Verdict verdict = ProofVerifier.verify(proof, rootHash, total);
                assertThat(verdict.valid()).as(user + " " + currency + ": " + verdict.reason()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("a forged balance, a forged sibling (hash or sum), a wrong root or total, another user's proof are refused")
    void forgeriesAreRefused() {
        JsonNode root = get(AUDITOR, "/api/audit/liabilities/ETH");
        String rootHash = root.get("root_hash").asText();
        BigDecimal total = new BigDecimal(root.get("total").asText());
        // a user whose first sibling sums to more than 0, so that "0" forges it (a sibling can be an empty account, or
        // the padding of an odd level, whose true sum is 0)
        String user = expected.get("ETH").keySet().stream()
                .filter(candidate -> new BigDecimal(proof(candidate, "ETH").path().get(0).sum()).signum() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("no ETH proof with a first sibling above 0"));
        LiabilityProof proof = proof(user, "ETH");
        assertThat(ProofVerifier.verify(proof, rootHash, total).valid()).isTrue();

        String oneUnitMore = new BigDecimal(proof.balance()).add(new BigDecimal("1e-18")).toPlainString();
        assertRefused(withBalance(proof, oneUnitMore), rootHash, total, "not the published");
        // the exchange hiding a liability: a sibling that sums to less, and one whose hash was swapped
        LiabilityProof.Step sibling = proof.path().get(0);
        assertRefused(withStep(proof, new LiabilityProof.Step(sibling.side(), sibling.hash(), "0")), rootHash, total, "not the published");
        String otherHash = (sibling.hash().charAt(0) == 'a' ? "b" : "a") + sibling.hash().substring(1);
        assertRefused(withStep(proof, new LiabilityProof.Step(sibling.side(), otherHash, sibling.sum())), rootHash, total, "not the published");
        assertRefused(withStep(proof, new LiabilityProof.Step(sibling.side(), sibling.hash(), "-1")), rootHash, total, "0 or more");
        assertRefused(withStep(proof, new LiabilityProof.Step(sibling.side().equals("left") ? "right" : "left", sibling.hash(), sibling.sum())),
                rootHash, total, "not the published");
        assertRefused(proof, "0".repeat(64), total, "not the published");
        assertRefused(proof, rootHash, total.add(BigDecimal.ONE), "not the published total");
        // a proof presented as another user's: the commitment is not theirs
        String other = users.stream().filter(u -> !u.equals(user)).findFirst().orElseThrow();
        LiabilityProof stolen = new LiabilityProof(proof.treeId(), proof.currency(), proof.decimals(), proof.position(), proof.builtAt(),
                proof.rootHash(), proof.total(), proof.leafCount(), other, proof.salt(), proof.commitment(), proof.balance(),
                proof.leafIndex(), proof.path());
        assertRefused(stolen, rootHash, total, "commitment");
    }

    @Test
    @DisplayName("a proof names no other user: its siblings are hashes and sums, the salt is the user's own")
    void aProofRevealsNoOtherUser() {
        for (String currency : CURRENCIES) {
            for (String user : expected.get(currency).keySet()) {
                String raw = http.get().uri("/api/wallets/liabilities-proof/" + user + "/" + currency).header("Authorization", "Bearer " + READER)
                        .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
                for (String other : users) {
                    if (!other.equals(user)) {
                        assertThat(raw).doesNotContain(other);
                    }
                }
            }
        }
        // the salts differ per user: a commitment cannot be found again by hashing a guessed user id without one
        List<String> salts = expected.get("BTC").keySet().stream().map(user -> proof(user, "BTC").salt()).toList();
        assertThat(salts).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("bin/ledger-admin verify-proof: 0 for a valid proof, 1 for a forged one, 2 for a mistake, never a stack trace")
    void commandLineVerifier(@TempDir Path directory) throws Exception {
        JsonNode root = get(AUDITOR, "/api/audit/liabilities/USDT");
        String rootHash = root.get("root_hash").asText();
        String total = root.get("total").asText();
        String user = expected.get("USDT").keySet().iterator().next();
        String raw = http.get().uri("/api/wallets/liabilities-proof/" + user + "/USDT").header("Authorization", "Bearer " + READER)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Path file = Files.writeString(directory.resolve("proof.json"), raw);
        assertThat(verifyProof("--proof", file.toString(), "--root", rootHash, "--total", total)).startsWith("0 VALID");
        assertThat(verifyProof("--proof=" + file, "--root=" + rootHash, "--total=" + total)).startsWith("0 VALID");

        JsonNode forged = json.readTree(raw);
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged).put("balance", new BigDecimal(forged.get("balance").asText()).add(BigDecimal.ONE).toPlainString());
        Path forgedFile = Files.writeString(directory.resolve("forged.json"), forged.toString());
        assertThat(verifyProof("--proof", forgedFile.toString(), "--root", rootHash, "--total", total)).startsWith("1 INVALID");
        assertThat(verifyProof("--proof", file.toString(), "--root", "f".repeat(64), "--total", total)).startsWith("1 INVALID");
        assertThat(verifyProof("--proof", file.toString(), "--root", "not-a-hash", "--total", total)).startsWith("1 INVALID");

        assertThat(verifyProof()).startsWith("2 usage");
        assertThat(verifyProof("--proof", file.toString(), "--root", rootHash)).startsWith("2 usage");
        assertThat(verifyProof("--proof", file.toString(), "--root", rootHash, "--total", "lots")).startsWith("2 --total");
        assertThat(verifyProof("--proof", directory.resolve("absent.json").toString(), "--root", rootHash, "--total", total)).startsWith("2 no proof file");
        Path garbage = Files.writeString(directory.resolve("garbage.json"), "{\"path\": [1, 2");
        assertThat(verifyProof("--proof", garbage.toString(), "--root", rootHash, "--total", total)).startsWith("2 the proof file is not");
        Path wrongShape = Files.writeString(directory.resolve("shape.json"), "{\"path\": \"nope\", \"decimals\": \"x\"}");
        assertThat(verifyProof("--proof", wrongShape.toString(), "--root", rootHash, "--total", total)).matches("(?s)[12] .*");
        assertThat(verifyProof("--proof", file.toString(), "--root", rootHash, "--total", total, "--extra", "1")).startsWith("2 unknown option");
    }

    @Test
    @DisplayName("bad currencies and user ids are refused as problem+json; the root needs ledger:audit, the proof ledger:read")
    void refusals() {
        refused(AUDITOR, "/api/audit/liabilities/XYZ", MediaType.APPLICATION_JSON, 400, "UNKNOWN_CURRENCY");
        refused(AUDITOR, "/api/audit/liabilities/" + "B".repeat(200), MediaType.APPLICATION_JSON, 400, "UNKNOWN_CURRENCY");
        refused(AUDITOR, "/api/audit/liabilities/BTC?rebuild=true", MediaType.APPLICATION_JSON, 400, "VALIDATION_FAILED");
        refused(READER, "/api/wallets/liabilities-proof/pl-u00/XYZ", MediaType.APPLICATION_JSON, 400, "UNKNOWN_CURRENCY");
        refused(READER, "/api/wallets/liabilities-proof/" + "u".repeat(65) + "/BTC", MediaType.APPLICATION_JSON, 400, "VALIDATION_FAILED");
        refused(READER, "/api/wallets/liabilities-proof/-bad/BTC", MediaType.APPLICATION_JSON, 400, "VALIDATION_FAILED");
        http.get().uri("/api/wallets/liabilities-proof/-bad/BTC").header("Authorization", "Bearer " + READER).exchange()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("user_id").jsonPath("$.errors[0].rule").isEqualTo("invalid_format");
        get(AUDITOR, "/api/audit/liabilities/BTC");
        refused(READER, "/api/wallets/liabilities-proof/pl-nobody/BTC", MediaType.APPLICATION_JSON, 404, "NOT_FOUND");
        http.get().uri("/api/audit/liabilities/BTC").header("Authorization", "Bearer " + READER).exchange().expectStatus().isForbidden();
        http.get().uri("/api/wallets/liabilities-proof/pl-u00/BTC").header("Authorization", "Bearer " + AUDITOR).exchange().expectStatus().isForbidden();
        http.get().uri("/api/audit/liabilities/BTC").exchange().expectStatus().isUnauthorized();
    }

    @Test
    @DisplayName("with the wallets view stopped behind the stream, the tree still holds every account at its position")
    void aViewBehindTheStreamIsBroughtToTheTreesPosition() {
        EventProcessor readModels = processing.eventProcessor(
                ReadModelsProcessor.processorOf(WalletsProjection.PROCESSING_GROUP, polling)).orElseThrow();
        credit("pl-lag-0", "pl-lag-a", "SOL", "1.5");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(viewTotal("pl-lag-a", "SOL")).isEqualByComparingTo("1.5"));
        readModels.shutDown();
        try {
            BigDecimal viewBefore = viewTotals("SOL").values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            credit("pl-lag-1", "pl-lag-a", "SOL", "2.25");        // a later event of an account the view has
            credit("pl-lag-2", "pl-lag-b", "SOL", "0.000000001"); // an account the view has never seen
            assertThat(viewTotal("pl-lag-a", "SOL")).isEqualByComparingTo("1.5");
            assertThat(viewTotal("pl-lag-b", "SOL")).isZero();

            JsonNode root = get(AUDITOR, "/api/audit/liabilities/SOL");
            assertThat(new BigDecimal(root.get("total").asText())).isEqualByComparingTo(viewBefore.add(new BigDecimal("2.250000001")));
            String rootHash = root.get("root_hash").asText();
            BigDecimal total = new BigDecimal(root.get("total").asText());
            LiabilityProof newcomer = proof("pl-lag-b", "SOL");
            assertThat(newcomer.balance()).isEqualTo("0.000000001");
            assertThat(ProofVerifier.verify(newcomer, rootHash, total).valid()).isTrue();
            LiabilityProof later = proof("pl-lag-a", "SOL");
            assertThat(new BigDecimal(later.balance())).isEqualByComparingTo("3.75");
            assertThat(ProofVerifier.verify(later, rootHash, total).valid()).isTrue();
        } finally {
            readModels.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(viewTotal("pl-lag-a", "SOL")).isEqualByComparingTo("3.75"));
    }

    @Test
    @DisplayName("the published contract has both endpoints with their scopes and the proof's fields")
    void publishedInTheContract() {
        JsonNode spec = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode root = spec.path("paths").path("/api/audit/liabilities/{currency}").path("get");
        JsonNode proof = spec.path("paths").path("/api/wallets/liabilities-proof/{userId}/{currency}").path("get");
        assertThat(root.path("x-scopes").toString()).isEqualTo("[\"ledger:audit\"]");
        assertThat(proof.path("x-scopes").toString()).isEqualTo("[\"ledger:read\"]");
        assertThat(spec.path("components").path("schemas").path("LiabilityProof").path("properties").has("root_hash")).isTrue();
        assertThat(spec.path("components").path("schemas").path("LiabilitiesRoot").path("properties").has("leaf_count")).isTrue();
    }

    private String verifyProof(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = VerifyProofCommand.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(output.strip().lines().count()).isEqualTo(1);
        return status + " " + output.strip();
    }

    private static void assertRefused(LiabilityProof proof, String root, BigDecimal total, String reason) {
        ProofVerifier.Verdict verdict = ProofVerifier.verify(proof, root, total);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains(reason);
    }

    private static LiabilityProof withBalance(LiabilityProof p, String balance) {
        return new LiabilityProof(p.treeId(), p.currency(), p.decimals(), p.position(), p.builtAt(), p.rootHash(), p.total(),
                p.leafCount(), p.userId(), p.salt(), p.commitment(), balance, p.leafIndex(), p.path());
    }

    private static LiabilityProof withStep(LiabilityProof p, LiabilityProof.Step first) {
        List<LiabilityProof.Step> path = new ArrayList<>(p.path());
        path.set(0, first);
        return new LiabilityProof(p.treeId(), p.currency(), p.decimals(), p.position(), p.builtAt(), p.rootHash(), p.total(),
                p.leafCount(), p.userId(), p.salt(), p.commitment(), p.balance(), p.leafIndex(), path);
    }

    private LiabilityProof proof(String user, String currency) {
        return http.get().uri("/api/wallets/liabilities-proof/" + user + "/" + currency).header("Authorization", "Bearer " + READER)
                .exchange().expectStatus().isOk().expectBody(LiabilityProof.class).returnResult().getResponseBody();
    }

    private BigDecimal viewTotal(String user, String currency) {
        Document wallet = ledgerDatabase.getCollection("wallets").find(Filters.eq("_id", user + "/" + currency)).first();
        return wallet == null ? BigDecimal.ZERO : ((Decimal128) wallet.get("total_balance")).bigDecimalValue();
    }

    /** Every user account of the currency in the view: the users of the other tests sharing the store too. */
    private Map<String, BigDecimal> viewTotals(String currency) {
        Map<String, BigDecimal> totals = new HashMap<>();
        ledgerDatabase.getCollection("wallets").find(Filters.eq("currency", currency))
                .forEach(d -> totals.put(d.getString("user_id"), ((Decimal128) d.get("total_balance")).bigDecimalValue()));
        return totals;
    }
}
