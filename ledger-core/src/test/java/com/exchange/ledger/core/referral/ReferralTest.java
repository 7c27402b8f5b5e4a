package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.referral.ReferralCommands.SetReferrer;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.UserId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Referral: a referred user's referrer and commission rate; setting the same again records nothing")
class ReferralTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final ReferralId ALICES = ReferralId.of(ALICE);
    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(3600);

    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Referral.class);
    }

    private static SetReferrer set(UserId referrer, String rate, Instant at) {
        return new SetReferrer(ALICES, referrer, rate == null ? null : new BigDecimal(rate), at);
    }

    private static ReferrerSet referrerSet(UserId referrer, String rate, Instant at) {
        return new ReferrerSet(ALICE, referrer, new BigDecimal(rate), at);
    }

    @Nested
    @DisplayName("SetReferrer")
    class Set {

        @Test
        @DisplayName("records the first referrer and rate, and answers them; the aggregate id is referral:<user>")
        void first() {
            fixture.givenNoPriorActivity()
                    .when(set(BOB, "0.1", T1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(referrerSet(BOB, "0.1", T1))
                    .expectResultMessagePayload(referrerSet(BOB, "0.1", T1));
            assertThat(ALICES.toString()).isEqualTo("referral:alice");
        }

        @Test
        @DisplayName("the same referrer and rate again (rate written as 0.10, later) records nothing and answers the first setting")
        void sameAgain() {
            fixture.given(referrerSet(BOB, "0.1", T1))
                    .when(set(BOB, "0.10", T2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(referrerSet(BOB, "0.1", T1));
        }

        @Test
        @DisplayName("another rate for the same referrer is recorded from its time on")
        void otherRate() {
            fixture.given(referrerSet(BOB, "0.1", T1))
                    .when(set(BOB, "0.2", T2))
                    .expectEvents(referrerSet(BOB, "0.2", T2))
                    .expectResultMessagePayload(referrerSet(BOB, "0.2", T2));
        }

        @Test
        @DisplayName("another referrer is recorded from its time on")
        void otherReferrer() {
            fixture.given(referrerSet(BOB, "0.1", T1))
                    .when(set(CAROL, "0.1", T2))
                    .expectEvents(referrerSet(CAROL, "0.1", T2))
                    .expectResultMessagePayload(referrerSet(CAROL, "0.1", T2));
        }

        @Test
        @DisplayName("going back to an earlier setting is a change, and is recorded")
        void backToEarlier() {
            fixture.given(referrerSet(BOB, "0.1", T1), referrerSet(CAROL, "0.2", T1.plusSeconds(60)))
                    .when(set(BOB, "0.1", T2))
                    .expectEvents(referrerSet(BOB, "0.1", T2));
        }

        @Test
        @DisplayName("accepts the bounds 0 and 1 and a rate of exactly 8 decimals (trailing zeros do not count)")
        void rateBounds() {
            fixture.givenNoPriorActivity()
                    .when(set(BOB, "0", T1))
                    .expectEvents(referrerSet(BOB, "0", T1));
            assertThat(set(BOB, "1", T1).commissionRate()).isEqualByComparingTo("1");
            assertThat(set(BOB, "0.12345678", T1).commissionRate()).isEqualByComparingTo("0.12345678");
            assertThat(set(BOB, "0.123456780000", T1).commissionRate()).isEqualByComparingTo("0.12345678");
        }

        @Test
        @DisplayName("refuses a user as their own referrer: SELF_REFERRAL")
        void selfReferral() {
            assertRejected(() -> set(ALICE, "0.1", T1), RejectionCode.SELF_REFERRAL);
        }

        @Test
        @DisplayName("refuses a missing, negative, above-1 or over-precise rate: VALIDATION_FAILED")
        void invalidRate() {
            assertRejected(() -> set(BOB, null, T1), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> set(BOB, "-0.01", T1), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> set(BOB, "1.00000001", T1), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> set(BOB, "0.123456789", T1), RejectionCode.VALIDATION_FAILED);
        }
    }
}
