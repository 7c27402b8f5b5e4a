package com.exchange.ledger.migration;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration run as its own process while the service holds the embedded store: a sentence, not H2's stack trace. */
class StoreInUseTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("the embedded store held by another process: one sentence saying to stop the service, exit 5")
    void storeHeldByTheService() throws Exception {
        Path data = directory.resolve("data");
        Path log = directory.resolve("migration.log");
        try (EmbeddedMongo service = EmbeddedMongo.persistedIn(data)) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), MigrationMain.class.getName())
                    .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("LEDGER_DATA_DIR", data.toString());
            Process migration = builder.start();
            assertThat(migration.waitFor(2, TimeUnit.MINUTES)).as("the migration ended").isTrue();

            String output = Files.readString(log);
            assertThat(migration.exitValue()).as(output).isEqualTo(MigrationMain.EXIT_FAILED);
            List<String> failed = output.lines().filter(line -> line.startsWith("FAILED: ")).toList();
            assertThat(failed).as(output).singleElement().satisfies(line -> assertThat(line)
                    .contains("the embedded store " + data.resolve("ledger.mv").toAbsolutePath() + " is in use by another process")
                    .contains("stop the service first"));
            assertThat(output).doesNotContain("\tat ").doesNotContain("MVStoreException");
        }
    }
}
