package com.exchange.ledger.migration;

import com.exchange.ledger.migration.legacy.LegacyCollection;
import com.exchange.ledger.migration.verify.LegacyTotals;
import com.exchange.ledger.migration.verify.Verification;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's result as a table for the operator and as JSON (amounts as exact decimal strings) for the record. */
final class MigrationReport {

    private MigrationReport() {
    }

    static void print(Migration.Outcome outcome, PrintStream out) {
        if (outcome.refused()) {
            out.println("REFUSED: " + outcome.refusal() + " (nothing written)");
            return;
        }
        LegacyTotals legacy = outcome.legacy();
        if (!outcome.rejects().isEmpty()) {
            out.printf("%nrejected rows%s:%n", legacy.rejectedRows() > outcome.rejects().size()
                    ? " (the first " + outcome.rejects().size() + " of " + legacy.rejectedRows() + ")" : "");
            outcome.rejects().forEach(r -> out.printf("  %s %s: %s%n", r.collection(), r.id(), r.reason()));
        }
        out.printf("%n%-18s %12s %12s %12s%n", "collection", "read", "accepted", "rejected");
        legacy.counts().forEach((collection, c) -> out.printf("%-18s %,12d %,12d %,12d%n", collection.collectionName(), c.read, c.accepted, c.rejected));
        out.printf("events appended: %,d; already present from an earlier run: %,d; accounts: %,d%n",
                outcome.eventsAppended(), outcome.eventsAlreadyPresent(), outcome.accounts());
        Verification.Result v = outcome.verification();
        if (v == null) {
            out.printf("%n%-8s %30s %24s %30s%n", "currency", "legacy total (accepted)", "rounding residue", "rejected total");
            legacy.currencies().forEach((currency, t) -> out.printf("%-8s %30s %24s %30s%n", currency,
                    t.total().toPlainString(), t.residue.toPlainString(), t.rejected.toPlainString()));
            out.printf("users: %,d; accounts: %,d (dry run: nothing written, wallets not compared)%n", legacy.users(), legacy.accounts());
        } else {
            out.printf("%n%-8s %30s %30s %22s %26s %5s%n", "currency", "legacy total", "wallets total", "rounding residue",
                    "rejected total", "ok");
            for (Verification.CurrencyCheck c : v.currencies()) {
                out.printf("%-8s %30s %30s %22s %26s %5s%n", c.currency(), c.legacyTotal().toPlainString(),
                        c.walletsTotal().toPlainString(), c.residue().toPlainString(), c.rejectedTotal().toPlainString(),
                        c.matches() ? "yes" : "NO");
            }
            out.printf("users: legacy %,d, wallets %,d | accounts: legacy %,d, wallets documents %,d | negative balances: %d"
                            + " | duplicate (user, currency) pairs: %d | missing wallets indexes: %s%n",
                    v.legacyUsers(), v.walletsUsers(), v.legacyAccounts(), v.walletsDocuments(), v.negativeBalances(),
                    v.duplicatePairs(), v.missingIndexes().isEmpty() ? "none" : v.missingIndexes());
        }
        String verdict = switch (outcome.exitCode()) {
            case MigrationMain.EXIT_OK -> outcome.verification() == null ? "DRY RUN OK" : "RECONCILED";
            case MigrationMain.EXIT_REJECTS -> "REJECTED ROWS (" + legacy.rejectedRows() + ", listed above"
                    + (outcome.options().writes() ? " and recorded in " + Migration.REJECTS : "; a real run records them in " + Migration.REJECTS)
                    + "; --accept-rejects to accept them)";
            default -> "DISCREPANCIES";
        };
        out.printf("%s in %.1f s%n", verdict, outcome.took().toMillis() / 1000.0);
    }

    static void write(Migration.Outcome outcome, Path file) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", outcome.options().dryRun() ? "dry-run" : outcome.options().verifyOnly() ? "verify-only" : "migrate");
        report.put("started_at", outcome.startedAt().toString());
        report.put("seconds", outcome.took().toMillis() / 1000.0);
        report.put("exit_code", outcome.exitCode());
        report.put("refusal", outcome.refusal());
        List<Map<String, Object>> collections = new ArrayList<>();
        for (Map.Entry<LegacyCollection, LegacyTotals.Counts> e : outcome.legacy().counts().entrySet()) {
            collections.add(Map.of("collection", e.getKey().collectionName(), "read", e.getValue().read,
                    "accepted", e.getValue().accepted, "rejected", e.getValue().rejected));
        }
        report.put("collections", collections);
        report.put("rejected_rows", outcome.legacy().rejectedRows());
        report.put("rejects_listed", outcome.rejects().stream().map(r -> Map.of("collection", r.collection(), "id", r.id(),
                "reason", r.reason())).toList());
        report.put("events_appended", outcome.eventsAppended());
        report.put("events_already_present", outcome.eventsAlreadyPresent());
        report.put("accounts", outcome.accounts());
        List<Map<String, Object>> currencies = new ArrayList<>();
        Verification.Result v = outcome.verification();
        if (v != null) {
            for (Verification.CurrencyCheck c : v.currencies()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("currency", c.currency());
                row.put("legacy_total", plain(c.legacyTotal()));
                row.put("wallets_total", plain(c.walletsTotal()));
                row.put("legacy_available", plain(c.legacyAvailable()));
                row.put("wallets_available", plain(c.walletsAvailable()));
                row.put("legacy_locked", plain(c.legacyLocked()));
                row.put("wallets_locked", plain(c.walletsLocked()));
                row.put("legacy_savings", plain(c.legacySavings()));
                row.put("wallets_savings", plain(c.walletsSavings()));
                row.put("rounding_residue", plain(c.residue()));
                row.put("rejected_total", plain(c.rejectedTotal()));
                row.put("rejected_rows", c.rejectedRows());
                row.put("matches", c.matches());
                currencies.add(row);
            }
            report.put("users", Map.of("legacy", v.legacyUsers(), "wallets", v.walletsUsers()));
            report.put("accounts_check", Map.of("legacy", v.legacyAccounts(), "wallets_documents", v.walletsDocuments()));
            report.put("negative_balances", v.negativeBalances());
            report.put("duplicate_pairs", v.duplicatePairs());
            report.put("missing_wallets_indexes", v.missingIndexes());
            report.put("reconciled", v.reconciled());
        } else {
            outcome.legacy().currencies().forEach((currency, t) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("currency", currency);
                row.put("legacy_total", plain(t.total()));
                row.put("rounding_residue", plain(t.residue));
                row.put("rejected_total", plain(t.rejected));
                row.put("rejected_rows", t.rejectedRows);
                currencies.add(row);
            });
            report.put("users", Map.of("legacy", outcome.legacy().users()));
        }
        report.put("currencies", currencies);
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
