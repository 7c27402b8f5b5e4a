package com.exchange.ledger.api.operations;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The {@code ledger} health component in the first second of an instance, before the sampler has looked at the store:
 * it said DOWN with "the ledger's health could not be read" (a null detail refused by Spring's builder), which took a
 * freshly started instance out of the load balancer and logged a warning with a stack trace at every start.
 */
class LedgerHealthIndicatorTest {

    @Test
    @DisplayName("before the first sample and the first reconciliation the component is UP and says what it has not done yet")
    void upBeforeTheFirstSample() {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerSampler sampler = new LedgerSampler(processing, null, null, null, null, registry, Clock.systemUTC());
        ScheduledReconciliation reconciliation = new ScheduledReconciliation(null, Duration.ofHours(24), registry, Clock.systemUTC());

        Health health = new LedgerHealthIndicator(sampler, reconciliation, Duration.ofMinutes(5)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("error")
                .containsEntry("sampled_at", "not sampled yet")
                .containsEntry("max_lag_seconds", 300L);
        assertThat(health.getDetails().get("reconciliation")).asString().contains("not run yet");
    }
}
