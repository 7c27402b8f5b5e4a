package com.exchange.ledger.migration;

/**
 * Entry point of {@code ledger-migration.jar}. The migration itself (legacy rows replayed as seed events, with
 * verification) is the next step of the plan; until it lands, the program explains itself and refuses to run.
 */
public final class MigrationMain {

    static final int EXIT_NOT_AVAILABLE = 3;

    private MigrationMain() {
    }

    public static void main(String[] args) {
        System.out.println("""
                ledger-migration: replays the legacy balance collections (internal_balances, trader_balances,
                crypto_balances, savings_balances) as seed events of the wallet ledger.

                usage: java -jar ledger-migration/target/ledger-migration.jar [--dry-run] [--verify-only] [--report FILE]
                configured by MONGO_URL and DB_NAME.

                Not available in this build yet: nothing was read or written.""");
        boolean help = args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]));
        System.exit(help ? 0 : EXIT_NOT_AVAILABLE);
    }
}
