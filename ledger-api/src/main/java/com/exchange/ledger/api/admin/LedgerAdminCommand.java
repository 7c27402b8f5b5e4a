package com.exchange.ledger.api.admin;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.liabilities.VerifyProofCommand;
import com.exchange.ledger.api.smoke.SmokeTest;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.chain.ChainVerification;
import com.exchange.ledger.projections.chain.ChainVerifier;
import com.exchange.ledger.projections.chain.Checkpoint;
import com.exchange.ledger.projections.chain.Checkpoints;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import com.exchange.ledger.api.startup.StartupRefusal;
import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The ledger's operations from the command line, on the store the service in the same directory uses: the embedded
 * store in {@code ./data} of the current directory (or {@code LEDGER_DATA_DIR}) with the service stopped, or
 * {@code MONGO_URL}/{@code DB_NAME}. It says which store it read, and refuses a store that does not exist or holds
 * no ledger (an auditor's tool must never pass by reading nothing):
 * <pre>
 *   bin/ledger-admin reconcile [--stuck-after-hours=24]   the auditor's replay; exit 0 only when clean
 *   bin/ledger-admin rebuild wallets|wallet-transactions  replay the store into a projection, with progress
 *   bin/ledger-admin smoke-test --base-url URL             the deployment plan's smoke tests against a running service
 *   bin/ledger-admin verify [--stuck-after-hours=24] [--from-checkpoint=N] [--report=FILE]
 *                                                         the whole audit: hash chain and replay; exit 0 only when both hold
 *   bin/ledger-admin verify-proof --proof FILE --root HASH --total AMOUNT
 *                                                         a user's proof of liabilities against the published root
 * </pre>
 * The smoke test is a client of the service over HTTP ({@link SmokeTest}); it opens no store.
 */
public final class LedgerAdminCommand {

    static final int EXIT_CLEAN = 0;
    static final int EXIT_DISCREPANCY = 1;
    static final int EXIT_USAGE = 2;
    /** No ledger at the selected store: it does not exist, holds no events, or another process holds it. */
    static final int EXIT_NO_LEDGER = 3;
    /** A rebuild that did not finish (its processor stopped, or another process holds its segment). */
    static final int EXIT_FAILED = 4;

    static final String USAGE = """
            usage: ledger-admin reconcile [--stuck-after-hours=N] | ledger-admin rebuild <projection>
                   | ledger-admin smoke-test --base-url URL (ledger-admin smoke-test --help: its options)
                   | ledger-admin verify [--stuck-after-hours=N] [--from-checkpoint=POSITION] [--report=FILE]
                   | ledger-admin verify-proof --proof FILE --root HASH --total AMOUNT
            verify: the event log's hash chain (from the genesis or a checkpoint you trust), then the replay (zero sum,
                    negatives, stuck holds, wallets vs events); writes a JSON report (ledger-verify-report.json).
            verify-proof: a proof of liabilities (GET /api/wallets/liabilities-proof/USER/CURRENCY, saved) against the
                    root hash and total the auditors published (GET /api/audit/liabilities/CURRENCY); opens no store;
                    exit 0 included, 1 not, 2 a mistake in the command or the file.
            store: the embedded store in ./data of the current directory (LEDGER_DATA_DIR elsewhere), with the service
                   stopped; or MONGO_URL and DB_NAME. A store that does not exist or holds no events is refused.
            projections: wallets, wallet-transactions, open-holds, system-balances, transfers, flows.
            exit status: 0 clean (reconcile, verify) or done (rebuild); 1 discrepancies or a broken chain; 2 usage; 3 no ledger at that store
                         (none there, no events, or held by a running service); 4 the rebuild did not finish.""";

    private LedgerAdminCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out);
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] all, PrintStream out) {
        String[] args = java.util.Arrays.stream(all).filter(arg -> !arg.startsWith("--ledger.") && !arg.startsWith("--spring."))
                .toArray(String[]::new);
        if (args.length == 0 || "--help".equals(args[0])) {
            out.println(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_CLEAN;
        }
        if ("smoke-test".equals(args[0])) {
            // a client of the running service: its own options, no store and no Spring
            return SmokeTest.run(List.of(all).subList(List.of(all).indexOf("smoke-test") + 1, all.length), System.getenv(), out);
        }
        if ("verify-proof".equals(args[0])) {
            // a user's check of a proof of liabilities: the proof file and the published root, no store, no Spring
            return VerifyProofCommand.run(List.of(args).subList(1, args.length), out);
        }
        // a mistake in the command is said before anything starts or opens the store
        String problem = switch (args[0]) {
            case "reconcile" -> reconcileProblem(args);
            case "rebuild" -> args.length == 2 && ProjectionRebuilds.PROJECTIONS.contains(args[1]) ? null
                    : "rebuild needs one projection, one of " + new TreeSet<>(ProjectionRebuilds.PROJECTIONS)
                    + (args.length > 1 ? ", not " + String.join(" ", List.of(args).subList(1, args.length)) : "");
            case "verify" -> verifyProblem(args);
            default -> "unknown command " + args[0] + ": reconcile, rebuild, verify, verify-proof or smoke-test";
        };
        if (problem != null) {
            out.println(problem + " (ledger-admin --help)");
            return EXIT_USAGE;
        }
        LedgerApplication.quietAxon();
        // settings may follow the command as Spring arguments, e.g. --ledger.data-dir=/var/ledger
        // the command only reads the chain: an auditor's run never seals what it checks
        List<String> springArgs = new java.util.ArrayList<>(List.of("--logging.level.root=WARN", "--logging.level.com.exchange=WARN",
                "--ledger.chain.sealing=false"));
        for (String arg : all) {
            if (arg.startsWith("--ledger.") || arg.startsWith("--spring.")) {
                springArgs.add(arg);
            }
        }
        StoreSelection store = new StoreSelection(out);
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).listeners(store).run(springArgs.toArray(String[]::new))) {
            store.requireEvents(ledger.getBean(MongoDatabase.class));
            return switch (args[0]) {
                case "reconcile" -> reconcile(ledger, stuckAfterHours(args), store.description(), out);
                case "verify" -> verify(ledger, stuckAfterHours(args), fromCheckpoint(args), reportFile(args), store.description(), out);
                default -> rebuild(ledger, args[1], out);
            };
        } catch (RuntimeException failure) {
            StartupRefusal refusal = StartupRefusal.in(failure).orElseThrow(() -> failure);
            out.println("REFUSED: " + refusal.getMessage());
            return EXIT_NO_LEDGER;
        }
    }

    /**
     * Says which store the command reads, as the service would select it (same properties, same defaults), and
     * refuses one that does not exist before anything opens (and so creates) it.
     */
    static final class StoreSelection implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        private final PrintStream out;
        private String description;

        StoreSelection(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            String mongoUrl = environment.getProperty("ledger.mongo-url", "");
            String database = environment.getProperty("ledger.db-name", "wallet_ledger");
            if (mongoUrl.isBlank()) {
                Path dataDir = Path.of(environment.getProperty("ledger.data-dir", "./data")).toAbsolutePath().normalize();
                description = "the embedded store in " + dataDir;
                if (!Files.isRegularFile(dataDir.resolve("ledger.mv"))) {
                    throw new StartupRefusal("there is no ledger store in " + dataDir + " (no ledger.mv): run ledger-admin in"
                            + " the directory the service runs in (its ./data), or set LEDGER_DATA_DIR or MONGO_URL");
                }
            } else {
                description = "MongoDB " + new ConnectionString(mongoUrl).getHosts() + ", database " + database;
                // before the service's beans create their collections and indexes in a database that may be the wrong one
                try (MongoClient client = MongoClients.create(mongoUrl)) {
                    requireEvents(client.getDatabase(database));
                } catch (MongoException e) {
                    throw new StartupRefusal("cannot read " + description + " (" + e.getMessage() + "): check MONGO_URL");
                }
            }
            out.println("store: " + description);
        }

        /** A store without a single event is not the ledger the operator meant (a wrong directory or database). */
        void requireEvents(MongoDatabase database) {
            if (database.getCollection("events").find().limit(1).first() == null) {
                throw new StartupRefusal(description + " holds no ledger events: check the data directory"
                        + " (LEDGER_DATA_DIR), or MONGO_URL and DB_NAME");
            }
        }

        String description() {
            return description;
        }
    }
    private static final String STUCK_AFTER_HOURS = "--stuck-after-hours=";
    private static final long MAX_STUCK_AFTER_HOURS = 24L * 366 * 10;

    /** What is wrong with reconcile's options, or null. */
    private static String reconcileProblem(String[] args) {
        for (String arg : List.of(args).subList(1, args.length)) {
            if (!arg.startsWith(STUCK_AFTER_HOURS)) {
                return "reconcile takes only " + STUCK_AFTER_HOURS + "N, not " + arg;
            }
            String hours = arg.substring(STUCK_AFTER_HOURS.length());
            if (!hours.matches("[0-9]{1,6}") || Long.parseLong(hours) < 1 || Long.parseLong(hours) > MAX_STUCK_AFTER_HOURS) {
                return STUCK_AFTER_HOURS + " needs a whole number of hours from 1 to " + MAX_STUCK_AFTER_HOURS
                        + " (e.g. " + STUCK_AFTER_HOURS + "24), not '" + hours + "'";
            }
        }
        return null;
    }

    private static final String FROM_CHECKPOINT = "--from-checkpoint=";
    private static final String REPORT = "--report=";
    static final String DEFAULT_REPORT = "ledger-verify-report.json";

    /** What is wrong with verify's options, or null. */
    private static String verifyProblem(String[] args) {
        List<String> hours = new java.util.ArrayList<>(List.of(args[0]));
        for (String arg : List.of(args).subList(1, args.length)) {
            if (arg.startsWith(FROM_CHECKPOINT)) {
                if (!arg.substring(FROM_CHECKPOINT.length()).matches("[0-9]{1,18}")) {
                    return FROM_CHECKPOINT + " needs a checkpoint's position (a whole number, 0 or more), not '"
                            + abbreviated(arg.substring(FROM_CHECKPOINT.length())) + "'";
                }
            } else if (arg.startsWith(REPORT)) {
                int length = arg.length() - REPORT.length();
                if (length < 1 || length > 4096) {
                    return REPORT + " needs a file name of 1-4096 characters";
                }
            } else {
                hours.add(arg);
            }
        }
        String problem = reconcileProblem(hours.toArray(String[]::new));
        return problem == null ? null : problem.replace("reconcile takes only " + STUCK_AFTER_HOURS + "N",
                "verify takes only " + STUCK_AFTER_HOURS + "N, " + FROM_CHECKPOINT + "POSITION and " + REPORT + "FILE");
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static java.util.OptionalLong fromCheckpoint(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(FROM_CHECKPOINT)) {
                return java.util.OptionalLong.of(Long.parseLong(arg.substring(FROM_CHECKPOINT.length())));
            }
        }
        return java.util.OptionalLong.empty();
    }

    private static Path reportFile(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(REPORT)) {
                return Path.of(arg.substring(REPORT.length()));
            }
        }
        return Path.of(DEFAULT_REPORT);
    }

    private static long stuckAfterHours(String[] args) {
        long stuckAfterHours = 24;
        for (String arg : args) {
            if (arg.startsWith(STUCK_AFTER_HOURS)) {
                stuckAfterHours = Long.parseLong(arg.substring(STUCK_AFTER_HOURS.length()));
            }
        }
        return stuckAfterHours;
    }

    private static int reconcile(ConfigurableApplicationContext ledger, long stuckAfterHours, String store, PrintStream out) {
        ReconciliationReport report = replay(ledger, stuckAfterHours, out);
        print(report, store, ledger.getBean(ObjectMapper.class), out);
        return report.clean() ? EXIT_CLEAN : EXIT_DISCREPANCY;
    }

    /**
     * The whole audit: the hash chain (docs/adr/0013-tamper-evident-log.md), then the replay. Passes only when the chain
     * holds and the replay is clean; the report file holds both, for the auditor.
     */
    private static int verify(ConfigurableApplicationContext ledger, long stuckAfterHours, java.util.OptionalLong fromCheckpoint,
                              Path reportFile, String store, PrintStream out) {
        long head = ledger.getBean(MongoEventStorageEngine.class).head();
        out.println("verifying the hash chain of " + head + " positions"
                + (fromCheckpoint.isPresent() ? " from checkpoint " + fromCheckpoint.getAsLong() : " from the genesis") + " ...");
        ChainVerification chain = ledger.getBean(ChainVerifier.class).verify(fromCheckpoint);
        Checkpoint latest = ledger.getBean(Checkpoints.class).latest().orElse(null);
        chain.firstBreak().ifPresentOrElse(
                found -> out.printf("chain: BROKEN at position %d (%s): %s%n", found.position(),
                        found.kind().name().toLowerCase(java.util.Locale.ROOT), found.detail()),
                () -> out.printf("chain: INTACT, sealed from %d through %d (%d checkpoints), each event's own hash checked through %d"
                        + " (%d documents)%n", chain.startPosition(), chain.sealedPosition(), chain.checkpointsChecked(),
                        chain.checkedPosition(), chain.documentsChecked()));
        if (latest != null) {
            out.printf("latest checkpoint: position %d, chain %s, sealed at %s (export it to verify from it later)%n",
                    latest.position(), latest.chainHex(), latest.sealedAt());
        }
        ReconciliationReport report = replay(ledger, stuckAfterHours, out);
        ObjectMapper api = ledger.getBean(ObjectMapper.class);
        print(report, store, api, out);
        boolean passed = chain.intact() && report.clean();
        java.util.Map<String, Object> file = new java.util.LinkedHashMap<>();
        file.put("store", store);
        file.put("verified_at", Instant.now().toString());
        file.put("passed", passed);
        file.put("chain", chainSection(chain, latest));
        file.put("reconciliation", report);
        try {
            Path parent = reportFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(reportFile, api.writerWithDefaultPrettyPrinter().writeValueAsString(file));
            out.println("report: " + reportFile.toAbsolutePath().normalize());
        } catch (Exception e) {
            out.println("FAILED: could not write the report " + reportFile + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        out.println(passed ? "VERIFIED" : "NOT VERIFIED");
        return passed ? EXIT_CLEAN : EXIT_DISCREPANCY;
    }

    private static java.util.Map<String, Object> chainSection(ChainVerification chain, Checkpoint latest) {
        java.util.Map<String, Object> section = new java.util.LinkedHashMap<>();
        section.put("intact", chain.intact());
        section.put("start_position", chain.startPosition());
        section.put("sealed_position", chain.sealedPosition());
        section.put("checked_position", chain.checkedPosition());
        section.put("documents_checked", chain.documentsChecked());
        section.put("checkpoints_checked", chain.checkpointsChecked());
        section.put("first_break", chain.firstBreak().map(found -> java.util.Map.of("position", found.position(),
                "kind", found.kind().name().toLowerCase(java.util.Locale.ROOT), "detail", found.detail())).orElse(null));
        section.put("latest_checkpoint", latest == null ? null : java.util.Map.of("position", latest.position(),
                "chain", latest.chainHex(), "sealed_at", latest.sealedAt().toString()));
        return section;
    }

    /** Waits for the projections to reach the store's head, then replays the events against them. */
    private static ReconciliationReport replay(ConfigurableApplicationContext ledger, long stuckAfterHours, PrintStream out) {
        long head = ledger.getBean(MongoEventStorageEngine.class).head();
        out.println("waiting for the projections to reach event " + head + " ...");
        CatchUp.await(ledger.getBean(EventProcessingConfiguration.class),
                List.of("wallets", TransferPolicy.PROCESSING_GROUP), head, Duration.ofHours(2), Duration.ofSeconds(5),
                done -> out.println("  projections at " + done + " of " + head));
        return ledger.getBean(Reconciler.class)
                .run(Duration.ofHours(stuckAfterHours), Instant.now(), done -> out.println("  replayed " + done + " events"));
    }

    private static int rebuild(ConfigurableApplicationContext ledger, String projection, PrintStream out) {
        ProjectionRebuilds rebuilds = ledger.getBean(ProjectionRebuilds.class);
        ProjectionRebuilds.Progress started;
        long head;
        try {
            started = rebuilds.start(projection);
            head = started.eventsInStore();
            out.println("rebuilding " + projection + " from " + head + " events");
            rebuilds.awaitRebuilt(projection, head, Duration.ofHours(6), Duration.ofSeconds(2), done -> {
                ProjectionRebuilds.Progress progress = rebuilds.progress(projection);
                out.printf("  %,d / %,d events, %,.0f events/s%s%n", progress.eventsDone(), head, progress.eventsPerSecond(),
                        progress.etaSeconds() == null ? "" : ", ETA " + progress.etaSeconds() + " s");
            });
        } catch (IllegalStateException failed) {
            out.println("FAILED: " + failed.getMessage());
            return EXIT_FAILED;
        }
        ProjectionRebuilds.Progress finished = rebuilds.progress(projection);
        out.printf("rebuilt %s: replayed %,d of %,d events in %.1f s; the service goes on from event %,d%n", projection,
                finished.eventsDone(), head, Duration.between(started.startedAt(), Instant.now()).toMillis() / 1000.0,
                finished.eventsDone());
        return EXIT_CLEAN;
    }

    /** The report as a table, then as JSON in the API's own form (snake_case, amounts as plain decimal strings). */
    static void print(ReconciliationReport report, String store, ObjectMapper api, PrintStream out) {
        out.printf("%nreconciliation of %,d events of %s at %s: %s%n", report.eventsRead(), store, report.generatedAt(),
                report.clean() ? "CLEAN" : "DISCREPANCIES");
        out.printf("%-8s %28s %28s %28s %8s%n", "currency", "users", "system", "in flight", "zero-sum");
        for (ReconciliationReport.CurrencyTotals totals : report.currencies()) {
            out.printf("%-8s %28s %28s %28s %8s%n", totals.currency(), totals.userTotal().toPlainString(),
                    totals.systemTotal().toPlainString(), totals.inFlight().toPlainString(), totals.zeroSum() ? "yes" : "NO");
        }
        report.negativeBalances().forEach(n -> out.println("NEGATIVE " + n));
        report.stuckHolds().forEach(h -> out.println("STUCK HOLD " + h));
        report.walletDifferences().forEach(d -> out.println("WALLETS DIFFER " + d));
        report.recordedMismatches().forEach(m -> out.println("EVENT MISMATCH " + m));
        report.parkedEvents().forEach((group, count) -> out.println("PARKED " + group + ": " + count + " events"));
        try {
            out.println(api.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (Exception e) {
            out.println("(could not write the JSON form: " + e.getMessage() + ")");
        }
    }
}
