package com.exchange.ledger.migration;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code ledger-migration.jar}. Configured like the deployment plan's script: {@code MONGO_URL} and
 * {@code DB_NAME} name the database that holds both the legacy collections and the ledger. Without
 * {@code MONGO_URL} it works on the embedded store the service uses ({@code LEDGER_DATA_DIR}, default {@code ./data});
 * the service must be stopped then, as one process owns that file.
 */
public final class MigrationMain {

    static final int EXIT_OK = 0;
    static final int EXIT_DISCREPANCY = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_REJECTS = 3;
    static final int EXIT_REFUSED = 4;
    static final int EXIT_FAILED = 5;

    static final String HELP = """
            ledger-migration: replays the legacy balance collections (internal_balances, trader_balances,
            crypto_balances, savings_balances) as seed events of the wallet ledger, writes the wallets view of the
            migrated accounts, and verifies it against the legacy totals. The legacy collections are only read.

            usage: java -jar ledger-migration/target/ledger-migration.jar [--dry-run | --verify-only] [--report FILE]
                                                                       [--accept-rejects]

              (no option)       migrate, then verify. Safe to run again: rows already migrated are skipped, and a run
                                killed at any point and started again ends as an uninterrupted run would. Refuses to
                                run over a ledger that holds anything but migration events.
              --dry-run         make every check of a run (the ledger holds no other activity, every row is read and
                                validated) and print what a run would do and each rejected row with its reason;
                                write nothing. Its exit status is the one a run would have (but 1, which needs the
                                written wallets view).
              --verify-only     compare the legacy collections with the wallets view as it is now; write nothing.
              --report FILE     also write the result as JSON (amounts as exact decimal strings).
              --accept-rejects  rejected rows (listed in migration_rejects with their reason) do not fail the run.
              --help            this text.

            environment:
              MONGO_URL         the MongoDB deployment (e.g. mongodb://mongo:27017/?replicaSet=rs0). Unset: the
                                embedded store in LEDGER_DATA_DIR (default ./data), with the service stopped.
              DB_NAME           the database holding the legacy collections and the ledger (default wallet_ledger).
              LEDGER_CURRENCIES_<CODE>=<decimals>  adds or overrides a currency of the built-in table
                                (BTC 8, ETH 18, USDT 6, USDC 6, BNB 18, SOL 9, XRP 6, LTC 8, DOGE 8, TRX 6, USD/EUR/GBP 2).

            How rows are read: amounts may be doubles (taken by their shortest decimal form), strings (spaces
            trimmed), ints, longs or Decimal128, rounded half-even to the currency's precision (the residue is
            reported per currency); currencies are trimmed and upper-cased (field currency or coin); user_id
            becomes a string. A row with a missing or invalid user, an unknown currency, or a missing, negative,
            NaN, infinite or unparsable amount is rejected whole and recorded in migration_rejects.

            exit status, and what was written:
              0  run: migrated, and the wallets view reconciles with the legacy totals (seed events, wallets written);
                 dry run: a run would migrate every row (nothing written); --verify-only: it reconciles (nothing written).
              1  discrepancies: the wallets view differs from the legacy totals (a run has written its seed events and
                 wallets; find the cause, then run again: it adds nothing twice). --verify-only: nothing written.
              2  usage: an unknown or conflicting option, or an unreadable LEDGER_CURRENCIES_* value; nothing written.
              3  rejected rows, without --accept-rejects: listed with their reasons. A run has migrated the accepted
                 rows and recorded the rejected ones in migration_rejects; a dry run wrote nothing.
              4  refused: the ledger already holds activity other than the migration; nothing written (the dry run
                 makes the same check).
              5  failed: the store could not be used (the embedded store is held by the running service, MONGO_URL
                 unreachable) or the run broke off; a run may have written part of its seed events, and the next run
                 resumes from them.
            """;

    private MigrationMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out);
        System.out.flush();
        // Exits explicitly: driver and server threads must not keep a finished migration alive
        System.exit(status);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        boolean dryRun = false;
        boolean verifyOnly = false;
        boolean acceptRejects = false;
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return EXIT_OK;
                }
                case "--dry-run" -> dryRun = true;
                case "--verify-only" -> verifyOnly = true;
                case "--accept-rejects" -> acceptRejects = true;
                case "--report" -> {
                    if (i + 1 >= args.length) {
                        out.println("--report needs a file name");
                        return EXIT_USAGE;
                    }
                    report = Path.of(args[++i]);
                }
                default -> {
                    out.println("unknown option " + args[i] + " (see --help)");
                    return EXIT_USAGE;
                }
            }
        }
        if (dryRun && verifyOnly) {
            out.println("--dry-run and --verify-only exclude each other");
            return EXIT_USAGE;
        }
        CurrencyTable currencies;
        try {
            currencies = currencies(env);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        }
        String mongoUrl = env.get("MONGO_URL");
        String dbName = env.getOrDefault("DB_NAME", "wallet_ledger");
        EmbeddedMongo embedded = null;
        try {
            if (mongoUrl == null || mongoUrl.isBlank()) {
                Path dataDir = Path.of(env.getOrDefault("LEDGER_DATA_DIR", "data"));
                out.println("MONGO_URL is not set: using the embedded store in " + dataDir.toAbsolutePath());
                embedded = EmbeddedMongo.persistedIn(dataDir);
                mongoUrl = embedded.connectionString();
            }
            Runnable commit = embedded == null ? () -> { } : embedded::flush;
            try (MongoClient client = MongoClients.create(mongoUrl)) {
                Migration.Options options = new Migration.Options(dryRun, verifyOnly, acceptRejects);
                out.printf("ledger-migration %s on database %s%n", dryRun ? "dry run" : verifyOnly ? "verification" : "run", dbName);
                Migration.Outcome outcome = new Migration(client.getDatabase(dbName), currencies, options, commit, out,
                        Clock.systemUTC()).run();
                MigrationReport.print(outcome, out);
                if (report != null) {
                    MigrationReport.write(outcome, report);
                    out.println("report written to " + report.toAbsolutePath());
                }
                return outcome.exitCode();
            }
        } catch (EmbeddedMongo.InUse e) {
            out.println("FAILED: " + e.getMessage() + " (is the ledger service running on it?): stop the service first,"
                    + " then run the migration again; nothing was written");
            return EXIT_FAILED;
        } catch (Exception e) {
            out.println("FAILED: " + e);
            e.printStackTrace(out);
            return EXIT_FAILED;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static CurrencyTable currencies(Map<String, String> env) {
        Map<String, Integer> table = new LinkedHashMap<>();
        CurrencyTable.defaults().all().forEach(c -> table.put(c.code(), c.decimals()));
        env.forEach((name, value) -> {
            if (name.startsWith("LEDGER_CURRENCIES_")) {
                try {
                    table.put(name.substring("LEDGER_CURRENCIES_".length()).toUpperCase(Locale.ROOT), Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be the currency's number of decimals, not '" + value + "'");
                }
            }
        });
        return new CurrencyTable(table);
    }
}
