package com.exchange.ledger.api.admin;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The ledger's operations from the command line, on the store the service uses ({@code MONGO_URL}/{@code DB_NAME},
 * or the embedded store in {@code ./data} while the service is stopped):
 * <pre>
 *   bin/ledger-admin reconcile [--stuck-after-hours=24]   the auditor's replay; exit 0 only when clean
 *   bin/ledger-admin rebuild wallets|wallet-transactions  replay the store into a projection, with progress
 * </pre>
 */
public final class LedgerAdminCommand {

    static final int EXIT_CLEAN = 0;
    static final int EXIT_DISCREPANCY = 1;
    static final int EXIT_USAGE = 2;

    private LedgerAdminCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] all, PrintStream out) {
        String[] args = java.util.Arrays.stream(all).filter(arg -> !arg.startsWith("--ledger.") && !arg.startsWith("--spring."))
                .toArray(String[]::new);
        if (args.length == 0 || "--help".equals(args[0])) {
            out.println("usage: ledger-admin reconcile [--stuck-after-hours=N] | ledger-admin rebuild wallets|wallet-transactions");
            return args.length == 0 ? EXIT_USAGE : EXIT_CLEAN;
        }
        LedgerApplication.quietAxon();
        // settings may follow the command as Spring arguments, e.g. --ledger.data-dir=/var/ledger
        List<String> springArgs = new java.util.ArrayList<>(List.of("--logging.level.root=WARN", "--logging.level.com.exchange=WARN"));
        for (String arg : all) {
            if (arg.startsWith("--ledger.") || arg.startsWith("--spring.")) {
                springArgs.add(arg);
            }
        }
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            return switch (args[0]) {
                case "reconcile" -> reconcile(ledger, args, out);
                case "rebuild" -> rebuild(ledger, args, out);
                default -> {
                    out.println("unknown command " + args[0]);
                    yield EXIT_USAGE;
                }
            };
        }
    }

    private static int reconcile(ConfigurableApplicationContext ledger, String[] args, PrintStream out) {
        long stuckAfterHours = 24;
        for (String arg : args) {
            if (arg.startsWith("--stuck-after-hours=")) {
                stuckAfterHours = Long.parseLong(arg.substring("--stuck-after-hours=".length()));
            }
        }
        long head = ledger.getBean(MongoEventStorageEngine.class).head();
        out.println("waiting for the projections to reach event " + head + " ...");
        CatchUp.await(ledger.getBean(EventProcessingConfiguration.class),
                List.of("wallets", TransferPolicy.PROCESSING_GROUP), head, Duration.ofHours(2), Duration.ofSeconds(5),
                done -> out.println("  projections at " + done + " of " + head));
        ReconciliationReport report = ledger.getBean(Reconciler.class)
                .run(Duration.ofHours(stuckAfterHours), Instant.now(), done -> out.println("  replayed " + done + " events"));
        print(report, out);
        return report.clean() ? EXIT_CLEAN : EXIT_DISCREPANCY;
    }

    private static int rebuild(ConfigurableApplicationContext ledger, String[] args, PrintStream out) {
        if (args.length < 2) {
            out.println("rebuild which projection? one of " + ProjectionRebuilds.PROJECTIONS);
            return EXIT_USAGE;
        }
        ProjectionRebuilds rebuilds = ledger.getBean(ProjectionRebuilds.class);
        ProjectionRebuilds.Progress started = rebuilds.start(args[1]);
        long head = started.eventsInStore();
        out.println("rebuilding " + args[1] + " from " + head + " events");
        rebuilds.awaitRebuilt(args[1], head, Duration.ofHours(6), Duration.ofSeconds(2), done -> {
            ProjectionRebuilds.Progress progress = rebuilds.progress(args[1]);
            out.printf("  %,d / %,d events, %,.0f events/s, ETA %s s%n", progress.eventsDone(), head,
                    progress.eventsPerSecond(), progress.etaSeconds());
        });
        out.println("rebuilt " + args[1]);
        return EXIT_CLEAN;
    }

    static void print(ReconciliationReport report, PrintStream out) {
        out.printf("%nreconciliation of %,d events at %s: %s%n", report.eventsRead(), report.generatedAt(),
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
            out.println(new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (Exception e) {
            out.println("(could not write the JSON form: " + e.getMessage() + ")");
        }
    }
}
