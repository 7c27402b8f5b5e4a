package com.exchange.ledger.api.admin;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerAdminCommandTest {

    @TempDir
    Path dataDir;

    private String[] args(String... command) {
        String[] all = new String[command.length + 2];
        System.arraycopy(command, 0, all, 0, command.length);
        all[command.length] = "--ledger.data-dir=" + dataDir;
        all[command.length + 1] = "--ledger.mongo-url=";
        return all;
    }

    @Test
    @DisplayName("reconcile on a store prints the per-currency table and exits 0 when clean")
    void reconcileClean() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = LedgerAdminCommand.run(args("reconcile"), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reconciliation of 0 events").contains("CLEAN");
    }

    @Test
    @DisplayName("rebuild prints its progress; an unknown projection or command is a usage error")
    void rebuildAndUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(LedgerAdminCommand.run(args("rebuild", "wallets"), new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(LedgerAdminCommand.EXIT_CLEAN);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rebuilt wallets");

        assertThat(LedgerAdminCommand.run(new String[0], new PrintStream(new ByteArrayOutputStream()))).isEqualTo(LedgerAdminCommand.EXIT_USAGE);
        assertThat(LedgerAdminCommand.run(args("rebuild"), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(LedgerAdminCommand.EXIT_USAGE);
    }
}
