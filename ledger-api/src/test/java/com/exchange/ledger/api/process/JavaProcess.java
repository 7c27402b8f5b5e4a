package com.exchange.ledger.api.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program of this project run as an operator runs it: a JVM of its own (the test classpath, the main class of the
 * jar), in a working directory, to its exit; its output (stdout and stderr together) and exit status for the test.
 */
public final class JavaProcess {

    /** What the program printed and how it ended. */
    public record Result(int exitStatus, String output) {
        public List<String> lines() {
            return output.lines().toList();
        }
    }

    private JavaProcess() {
    }

    public static Result run(Path workingDirectory, Class<?> mainClass, String... arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: these processes live seconds; C2 would compile for most of that on two cores
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("ledger-process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(5, TimeUnit.MINUTES);
            assertThat(ended).as("%s %s ended within 5 minutes; its output so far:%n%s", mainClass.getSimpleName(),
                    List.of(arguments), Files.readString(log)).isTrue();
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
