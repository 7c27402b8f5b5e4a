package com.exchange.ledger.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every decision record says whether it holds and since when, so the next engineer knows which ones still bind. */
@DisplayName("every ADR has a Status and a Date line under its title")
class AdrHeadersTest {

    private static final Pattern STATUS = Pattern.compile("(?m)^Status: (accepted|proposed|deprecated|superseded by ADR \\d{4})\\b.*$");
    private static final Pattern DATE = Pattern.compile("(?m)^Date: \\d{4}-\\d{2}-\\d{2}\\b.*$");

    @Test
    void everyAdrHasStatusAndDate() throws IOException {
        List<Path> adrs;
        try (Stream<Path> files = Files.list(Path.of("..", "docs", "adr"))) {
            adrs = files.filter(file -> file.getFileName().toString().matches("\\d{4}-.*\\.md")).sorted().toList();
        }
        assertThat(adrs).as("the ADRs are found").hasSizeGreaterThanOrEqualTo(12);
        for (Path adr : adrs) {
            // the header is the lines between the title and the first section
            String text = Files.readString(adr);
            int firstSection = text.indexOf("\n## ");
            String header = firstSection < 0 ? text : text.substring(0, firstSection);
            assertThat(STATUS.matcher(header).find()).as("%s has a Status line", adr.getFileName()).isTrue();
            assertThat(DATE.matcher(header).find()).as("%s has a Date line", adr.getFileName()).isTrue();
        }
    }
}
