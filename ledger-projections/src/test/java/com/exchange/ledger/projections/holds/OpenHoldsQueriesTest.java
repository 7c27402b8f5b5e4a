package com.exchange.ledger.projections.holds;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("OpenHoldsQueries: the open holds counted by when they were taken")
class OpenHoldsQueriesTest {

    private OpenHoldsProjection projection;
    private OpenHoldsQueries queries;

    @BeforeEach
    void freshView(MongoDatabase database) {
        projection = new OpenHoldsProjection(database, CURRENCIES);
        // the counts use the blocking driver only
        queries = new OpenHoldsQueries(database, null);
    }

    private void lock(String hold, int secondsAfterT0) {
        projection.on(new FundsLocked(ALICE_BTC, HoldId.of(hold), btc("0.1"), "withdrawal", after("1", "0.1", "0")), at(secondsAfterT0));
    }

    @Test
    @DisplayName("a bound is exclusive below and inclusive above, a null bound is open, and a settled hold is never counted")
    void countsByLockTime() {
        lock("h-10", 10);
        lock("h-20", 20);
        lock("h-30", 30);
        lock("h-40", 40);
        projection.on(new HoldUnlocked(ALICE_BTC, HoldId.of("h-40"), btc("0.1"), after("1", "0", "0")), at(41));

        assertThat(queries.countOpen(null, null)).isEqualTo(3);
        assertThat(queries.countOpen(at(20), null)).isEqualTo(1);
        assertThat(queries.countOpen(at(10), at(20))).isEqualTo(1);
        assertThat(queries.countOpen(null, at(20))).isEqualTo(2);
        assertThat(queries.countOpen(null, at(9))).isZero();
    }
}
