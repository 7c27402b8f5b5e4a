package com.exchange.ledger.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests configure the services they start themselves; an operator's shell with the deployment variables set
 * (README) must not change them. The build removes those variables from the test JVM (surefire's
 * excludedEnvironmentVariables), and every process a test starts inherits that environment.
 */
class TestEnvironmentTest {

    private static final List<String> DEPLOYMENT_VARIABLES = List.of("MONGO_URL", "DB_NAME", "SERVER_PORT", "LEDGER_API_KEYS",
            "NOWPAYMENTS_IPN_SECRET", "IS_STAGING", "LEDGER_DATA_DIR");

    @Test
    @DisplayName("the tests do not see the deployment variables of the machine they run on")
    void deploymentVariablesAreNotVisible() {
        assertThat(DEPLOYMENT_VARIABLES).allSatisfy(name -> assertThat(System.getenv(name)).as(name).isNull());
    }
}
