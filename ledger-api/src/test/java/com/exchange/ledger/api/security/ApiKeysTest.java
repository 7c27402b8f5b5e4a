package com.exchange.ledger.api.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @Test
    @DisplayName("parses key=scope,scope;key2=scope and answers each key's scopes")
    void parses() {
        ApiKeys keys = ApiKeys.parse("backend-key-0123456789=ledger:write,ledger:read; auditor-key-0123456789=ledger:audit;");

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.scopesOf("backend-key-0123456789")).contains(Set.of(Scope.WRITE, Scope.READ));
        assertThat(keys.scopesOf("auditor-key-0123456789")).contains(Set.of(Scope.AUDIT));
        assertThat(keys.scopesOf("backend-key-012345678")).isEmpty();
        assertThat(keys.scopesOf("")).isEmpty();
        assertThat(keys.scopesOf(null)).isEmpty();
        assertThat(keys.scopesOf("x".repeat(10_000))).isEmpty();
    }

    @Test
    @DisplayName("a malformed entry fails at startup, naming its position and never the key")
    void rejectsMalformed() {
        assertThatThrownBy(() -> ApiKeys.parse("short=ledger:read")).hasMessageContaining("entry 1").hasMessageNotContaining("short=");
        assertThatThrownBy(() -> ApiKeys.parse("good-key-0123456789=ledger:read;secret-key-0123456789=ledger:everything"))
                .hasMessageContaining("entry 2").hasMessageContaining("unknown scope").hasMessageNotContaining("secret-key");
        assertThatThrownBy(() -> ApiKeys.parse("no-equals-sign-here")).hasMessageContaining("entry 1");
    }

    @Test
    @DisplayName("keys never show in toString")
    void neverPrinted() {
        assertThat(ApiKeys.parse("hidden-key-0123456789=ledger:read").toString()).doesNotContain("hidden").contains("1 keys");
        assertThat(ApiKeys.parse("").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("name:key=scopes names a key; a key without a name gets key-<8 hex of its SHA-256>, stable and not the key")
    void names() {
        ApiKeys keys = ApiKeys.parse("ops-anna:admin-key-0123456789=ledger:admin;backend-key-0123456789=ledger:write");
        assertThat(keys.callerOf("admin-key-0123456789")).map(ApiKeys.Caller::name).contains("ops-anna");
        assertThat(keys.callerOf("ops-anna:admin-key-0123456789")).isEmpty();
        // SHA-256("backend-key-0123456789") starts with these 4 bytes: the name survives restarts and reorderings
        String derived = keys.callerOf("backend-key-0123456789").map(ApiKeys.Caller::name).orElseThrow();
        assertThat(derived).matches("key-[0-9a-f]{8}").doesNotContain("backend");
        assertThat(ApiKeys.parse("x-key-01234567890123=ledger:read;backend-key-0123456789=ledger:read").callerOf("backend-key-0123456789")
                .map(ApiKeys.Caller::name)).contains(derived);
        assertThat(keys.scopesOf("admin-key-0123456789")).contains(Set.of(Scope.ADMIN));
    }

    @Test
    @DisplayName("two keys with one name are refused at startup, naming the name and never a key")
    void uniqueNames() {
        assertThatThrownBy(() -> ApiKeys.parse("ops:first-key-0123456789=ledger:admin;ops:second-key-0123456789=ledger:admin"))
                .hasMessageContaining("entry 2").hasMessageContaining("ops").hasMessageNotContaining("second-key");
    }
}
