package com.exchange.ledger.api.liabilities;

import com.exchange.ledger.api.admin.CommandLineOptions;
import com.exchange.ledger.core.liabilities.LiabilityProof;
import com.exchange.ledger.core.liabilities.ProofVerifier;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ledger-admin verify-proof --proof FILE --root HASH --total T}: checks a saved proof (the JSON of
 * {@code GET /api/wallets/liabilities-proof/...}) against the root and total the auditors published. It opens no
 * store and starts nothing: a user runs it on their own machine. Exit 0 included, 1 not included, 2 a mistake in
 * the command or an unreadable file, each said in one line.
 */
public final class VerifyProofCommand {

    public static final int EXIT_VALID = 0;
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_USAGE = 2;
    /** A proof file is a few kilobytes (64 steps at most); a bigger one is not a proof. */
    static final long MAX_PROOF_BYTES = 64 * 1024;

    public static final String USAGE = "usage: ledger-admin verify-proof --proof FILE --root HASH --total AMOUNT";

    private static final java.util.Set<String> OPTIONS = new java.util.LinkedHashSet<>(List.of("--proof", "--root", "--total"));

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private VerifyProofCommand() {
    }

    /** @param args the words after {@code verify-proof} */
    public static int run(List<String> args, PrintStream out) {
        Map<String, String> options;
        try {
            options = CommandLineOptions.parse(args, OPTIONS);
        } catch (CommandLineOptions.Invalid mistake) {
            out.println(mistake.getMessage() + " (" + USAGE + ")");
            return EXIT_USAGE;
        }
        if (options.size() != 3) {
            out.println(USAGE);
            return EXIT_USAGE;
        }
        BigDecimal total;
        try {
            total = new BigDecimal(options.get("--total"));
        } catch (NumberFormatException e) {
            out.println("--total must be an amount like 1234.5678 (" + USAGE + ")");
            return EXIT_USAGE;
        }
        Path file = Path.of(options.get("--proof"));
        LiabilityProof proof;
        try {
            if (!Files.isRegularFile(file)) {
                out.println("no proof file at " + file);
                return EXIT_USAGE;
            }
            if (Files.size(file) > MAX_PROOF_BYTES) {
                out.println("the proof file is larger than " + MAX_PROOF_BYTES + " bytes: not a proof");
                return EXIT_USAGE;
            }
            proof = JSON.readValue(file.toFile(), LiabilityProof.class);
        } catch (IOException e) {
            out.println("the proof file is not a proof's JSON: " + firstLine(e.getMessage()));
            return EXIT_USAGE;
        }
        ProofVerifier.Verdict verdict = ProofVerifier.verify(proof, options.get("--root"), total);
        if (verdict.valid()) {
            out.printf("VALID: %s of user %s in %s is included in root %s, total %s (tree %s, position %d)%n", proof.balance(),
                    proof.userId(), proof.currency(), options.get("--root"), total.toPlainString(), proof.treeId(), proof.position());
            return EXIT_VALID;
        }
        out.println("INVALID: " + verdict.reason());
        return EXIT_INVALID;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
