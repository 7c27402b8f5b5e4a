package com.exchange.ledger.projections;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** What the projection tests share beyond ledger-core's {@code LedgerFixtures}: accounts, fixed instants, tokens, stored decimals. */
public final class Fixtures {


    public static final AccountId ALICE_BTC = AccountId.of("alice", "BTC");
    public static final AccountId BOB_BTC = AccountId.of("bob", "BTC");
    public static final AccountId CAROL_BTC = AccountId.of("carol", "BTC");
    public static final AccountId ALICE_ETH = AccountId.of("alice", "ETH");
    public static final AccountId BOB_USDT = AccountId.of("bob", "USDT");

    /** Whole seconds: Mongo dates keep milliseconds. */
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private Fixtures() {
    }

    public static Instant at(int secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    public static Date date(int secondsAfterT0) {
        return Date.from(at(secondsAfterT0));
    }

    /** Balances as an event records them; deliberately unscaled ({@code "0"}), as the aggregate may record them. */
    public static AccountBalances after(String available, String locked, String savings) {
        return new AccountBalances(new BigDecimal(available), new BigDecimal(locked), new BigDecimal(savings));
    }

    public static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.asList(gaps));
    }

    /** A Decimal128 field, as its exact plain string: scale included, so {@code "0.00000000"} is not {@code "0"}. */
    public static String decimal(Document document, String field) {
        assertThat(document.get(field)).as(field + " is stored as Decimal128").isInstanceOf(Decimal128.class);
        return ((Decimal128) document.get(field)).bigDecimalValue().toPlainString();
    }
}
