package com.exchange.ledger.api.statement;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the CSV form no random history reaches: quoting, the formula guard, which form Accept asks for. */
class StatementFormsTest {

    @Test
    @DisplayName("a text cell is quoted when it holds a separator, a quote or a line break, and never starts a formula")
    void textCells() {
        assertThat(StatementForms.text(null)).isEmpty();
        assertThat(StatementForms.text("op-1")).isEqualTo("op-1");
        assertThat(StatementForms.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(StatementForms.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StatementForms.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(StatementForms.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(StatementForms.text("+1")).isEqualTo("'+1");
        assertThat(StatementForms.text("-1")).isEqualTo("'-1");
        assertThat(StatementForms.text("@sum")).isEqualTo("'@sum");
    }

    @Test
    @DisplayName("CSV only when the caller prefers it: JSON without Accept, for a wildcard, or when JSON ranks higher")
    void form() {
        assertThat(StatementController.wantsCsv("text/csv")).isTrue();
        assertThat(StatementController.wantsCsv("text/csv, application/json")).isTrue();
        assertThat(StatementController.wantsCsv("application/json;q=0.5, text/csv")).isTrue();
        assertThat(StatementController.wantsCsv(null)).isFalse();
        assertThat(StatementController.wantsCsv("")).isFalse();
        assertThat(StatementController.wantsCsv("*/*")).isFalse();
        assertThat(StatementController.wantsCsv("application/json, text/csv")).isFalse();
        assertThat(StatementController.wantsCsv("text/csv;q=0.5, application/json")).isFalse();
    }
}
