package com.exchange.ledger.api.error;

import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules a validation problem names are the README's table of rules, no more and no fewer, and no input check
 * throws a 400 code without naming its rule: the documentation cannot drift from the code.
 */
@DisplayName("the documented rules are the rules in the code")
class RuleTableTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|");

    @Test
    @DisplayName("every rule in the code is a row of the README's table, and every row is a rule")
    void readmeListsEveryRule() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("<!-- rules:start -->");
        int end = readme.indexOf("<!-- rules:end -->");
        assertThat(start).as("the README marks its table of rules").isNotNegative().isLessThan(end);
        Matcher row = ROW.matcher(readme.substring(start, end));
        List<String> documented = new java.util.ArrayList<>();
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<String> inCode = Arrays.stream(RuleViolation.Rule.values()).map(RuleViolation.Rule::wireName).toList();
        assertThat(documented).as("one row per rule").doesNotHaveDuplicates();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    @DisplayName("no main code refuses input with a 400 code without naming the rule it broke")
    void everyInputRefusalNamesItsRule() throws IOException {
        String badRequestCodes = Arrays.stream(RejectionCode.values())
                .filter(code -> ProblemResponses.statusOf(code) == HttpStatus.BAD_REQUEST)
                .map(RejectionCode::name).collect(Collectors.joining("|"));
        Pattern unnamed = Pattern.compile("LedgerRejection\\.of\\(\\s*RejectionCode\\.(" + badRequestCodes + ")\\b");
        Set<String> offenders = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")).toList();
        }
        assertThat(sources).as("the modules' main sources are found").hasSizeGreaterThan(50);
        for (Path source : sources) {
            if (unnamed.matcher(Files.readString(source)).find()) {
                offenders.add(ROOT.relativize(source).toString());
            }
        }
        assertThat(offenders).as("use LedgerRejection.invalid(code, field, rule, ...) for input").isEmpty();
    }
}
