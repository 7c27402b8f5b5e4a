package com.exchange.ledger.benchmarks;

import com.exchange.ledger.benchmarks.audit.AuditBenchmark;
import com.exchange.ledger.benchmarks.http.HttpTransferBenchmark;
import com.exchange.ledger.benchmarks.migration.MigrationBenchmark;
import com.exchange.ledger.benchmarks.store.RebuildBenchmark;
import com.exchange.ledger.benchmarks.store.StoreBenchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar ledger-benchmarks.jar <benchmark> [arguments]}: runs one benchmark with the rest of the arguments
 * (the {@code bin/benchmark*} scripts call it so).
 */
public final class Benchmarks {

    private interface Entry {
        void run(String[] arguments) throws Exception;
    }

    private static final Map<String, Entry> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("store", StoreBenchmark::main);
        BENCHMARKS.put("rebuild", RebuildBenchmark::main);
        BENCHMARKS.put("http", HttpTransferBenchmark::main);
        BENCHMARKS.put("audit", AuditBenchmark::main);
        BENCHMARKS.put("migration", MigrationBenchmark::main);
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Entry benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            System.err.println("usage: java -jar ledger-benchmarks.jar " + String.join("|", BENCHMARKS.keySet())
                    + " [arguments]   (docs/benchmarks.md)");
            System.exit(2);
            return;
        }
        benchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
