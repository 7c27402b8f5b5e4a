package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.testing.ExternalStore;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonValue;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What recording a refusal, and answering a claim the store refused, costs the store, counted command by command on the wire (a {@link CommandListener} on the
 * directory's own client), and what it answers when the claim changes between the directory's read and its
 * conditional write (the change made from a second client right after the read, so the race is certain, not likely).
 * The HTTP side of the same promises: {@code LedgerCommandsTest$IdClaims}.
 */
@DisplayName("IdDirectory.recordRefusal and whyClaimTaken: one read decides; a claim changed under it is read again")
class IdDirectoryRefusalTest {

    private static final AccountId MAX = AccountId.of("max", "ETH");
    private static final AccountId NED = AccountId.of("ned", "ETH");
    private static final String REQUEST = "fingerprint-of-the-debit";
    private static final String LEGACY = "legacy-fingerprint-of-the-debit";

    /** The stand-alone wire-protocol store on the embedded store's backend, unless the run names an external one. */
    private static final MongoServer SERVER = ExternalStore.url().isPresent() ? null : new MongoServer(new H2Backend(MVStore.open(null)));
    private static final String URL = SERVER == null ? ExternalStore.url().orElseThrow() : SERVER.bindAndGetConnectionString();
    private static final String DATABASE = ExternalStore.uniqueDatabaseName("id-directory");

    /** The directory's commands on its collection, by name, in order. */
    private static final List<String> SENT = new CopyOnWriteArrayList<>();
    /** Run once on the next successful {@code find}: a second client changing the claim the directory just read. */
    private static final AtomicReference<Runnable> AFTER_NEXT_READ = new AtomicReference<>();

    private static final MongoClient LISTENED = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(URL))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    BsonValue target = event.getCommand().get(event.getCommandName());
                    if (target != null && target.isString() && IdDirectory.COLLECTION.equals(target.asString().getValue())) {
                        SENT.add(event.getCommandName());
                    }
                }

                @Override
                public void commandSucceeded(CommandSucceededEvent event) {
                    Runnable change = "find".equals(event.getCommandName()) ? AFTER_NEXT_READ.getAndSet(null) : null;
                    if (change != null) {
                        change.run();
                    }
                }
            })
            .build());
    private static final MongoClient OTHER = MongoClients.create(URL);

    private final IdDirectory directory = new IdDirectory(LISTENED.getDatabase(DATABASE));
    private final MongoCollection<Document> claims = OTHER.getDatabase(DATABASE).getCollection(IdDirectory.COLLECTION);

    @BeforeEach
    void emptyDirectory() {
        claims.deleteMany(new Document());
        SENT.clear();
        AFTER_NEXT_READ.set(null);
    }

    @AfterAll
    static void close() {
        if (SERVER == null) {
            OTHER.getDatabase(DATABASE).drop();
        }
        LISTENED.close();
        OTHER.close();
        if (SERVER != null) {
            SERVER.shutdownNow();
        }
    }

    private static LedgerRejection insufficient() {
        return LedgerRejection.of(RejectionCode.INSUFFICIENT_FUNDS, "account max/ETH has 0 available, 1 is needed");
    }

    private LedgerRejection refusedAgain(String id, AccountId account, String request) {
        return catchThrowableOfType(LedgerRejection.class,
                () -> directory.recordRefusal(IdDirectory.Kind.OPERATION, id, account, request, LEGACY, insufficient()));
    }

    private Document claim(String id) {
        return claims.find(Filters.eq("_id", "operation:" + id)).first();
    }

    @Test
    @DisplayName("a first refusal is one insert")
    void firstRefusal() {
        directory.recordRefusal(IdDirectory.Kind.OPERATION, "r-1", MAX, REQUEST, LEGACY, insufficient());

        assertThat(SENT).containsExactly("insert");
        assertThat(claim("r-1")).containsEntry("account", "max/ETH").containsKey("refused");
    }

    @Test
    @DisplayName("a refused request sent again answers its refusal with the clashing insert and one read (five commands before)")
    void refusedRequestSentAgain() {
        directory.recordRefusal(IdDirectory.Kind.OPERATION, "r-2", MAX, REQUEST, LEGACY, insufficient());
        SENT.clear();

        LedgerRejection answer = refusedAgain("r-2", MAX, REQUEST);

        assertThat(answer.code()).isEqualTo(RejectionCode.INSUFFICIENT_FUNDS);
        assertThat(answer.getMessage()).isEqualTo(insufficient().getMessage());
        assertThat(SENT).containsExactly("insert", "find");
    }

    @Test
    @DisplayName("another request under a refused id, or an id another account holds, is a conflict, also from one read")
    void conflictsFromOneRead() {
        directory.recordRefusal(IdDirectory.Kind.OPERATION, "r-3", MAX, REQUEST, LEGACY, insufficient());
        SENT.clear();
        assertThat(refusedAgain("r-3", MAX, "fingerprint-of-another-request").code()).isEqualTo(RejectionCode.OPERATION_CONFLICT);
        assertThat(SENT).containsExactly("insert", "find");

        SENT.clear();
        assertThat(refusedAgain("r-3", NED, REQUEST).code()).isEqualTo(RejectionCode.OPERATION_CONFLICT);
        assertThat(SENT).containsExactly("insert", "find");
        assertThat(claim("r-3")).containsEntry("account", "max/ETH");
    }

    @Test
    @DisplayName("a claim of the account's without an outcome takes the refusal: insert, read, conditional replace")
    void claimWithoutOutcomeTakesTheRefusal() {
        claims.insertOne(new Document("_id", "operation:r-4").append("account", "max/ETH"));

        assertThatCode(() -> directory.recordRefusal(IdDirectory.Kind.OPERATION, "r-4", MAX, REQUEST, LEGACY, insufficient()))
                .doesNotThrowAnyException();

        assertThat(SENT).containsExactly("insert", "find", "update");
        assertThat(claim("r-4").get("refused", Document.class)).containsEntry("code", "INSUFFICIENT_FUNDS").containsEntry("request", REQUEST);
    }

    @Test
    @DisplayName("race: a refusal recorded between the read and the conditional write stands and is the answer, read afresh")
    void refusalRecordedMeanwhile() {
        claims.insertOne(new Document("_id", "operation:r-5").append("account", "max/ETH"));
        AFTER_NEXT_READ.set(() -> claims.updateOne(Filters.eq("_id", "operation:r-5"), Updates.set("refused",
                new Document("code", "INSUFFICIENT_FUNDS").append("detail", "the other request's refusal")
                        .append("request", "fingerprint-of-another-request").append("request_form", RequestFingerprint.FORM))));

        LedgerRejection answer = refusedAgain("r-5", MAX, REQUEST);

        assertThat(answer.code()).isEqualTo(RejectionCode.OPERATION_CONFLICT);
        assertThat(claim("r-5").get("refused", Document.class)).containsEntry("request", "fingerprint-of-another-request");
        // the refused conditional write, then the fresh reads (the claim's insert clashes, its read, the refusal's read)
        assertThat(SENT).containsExactly("insert", "find", "update", "insert", "find", "find");
    }

    @Test
    @DisplayName("race: a claim given up between the read and the conditional write is claimed afresh for the account")
    void claimGoneMeanwhile() {
        claims.insertOne(new Document("_id", "operation:r-6").append("account", "max/ETH"));
        AFTER_NEXT_READ.set(() -> claims.deleteOne(Filters.eq("_id", "operation:r-6")));

        assertThatCode(() -> directory.recordRefusal(IdDirectory.Kind.OPERATION, "r-6", MAX, REQUEST, LEGACY, insufficient()))
                .doesNotThrowAnyException();

        assertThat(claim("r-6")).containsEntry("account", "max/ETH");
        assertThat(SENT).containsExactly("insert", "find", "update", "insert", "find");
    }

    @Test
    @DisplayName("a claim the store refused is answered from one read: the recorded refusal, a conflict, or send once more")
    void claimTakenFromOneRead() {
        directory.recordRefusal(IdDirectory.Kind.OPERATION, "t-1", MAX, REQUEST, LEGACY, insufficient());
        claims.insertOne(new Document("_id", "operation:t-2").append("account", "max/ETH"));
        SENT.clear();

        assertThat(directory.whyClaimTaken(IdDirectory.Kind.OPERATION, "t-1", MAX, REQUEST, LEGACY))
                .hasValueSatisfying(earlier -> assertThat(earlier.code()).isEqualTo(RejectionCode.INSUFFICIENT_FUNDS));
        assertThat(directory.whyClaimTaken(IdDirectory.Kind.OPERATION, "t-1", MAX, "fingerprint-of-another-request", LEGACY))
                .hasValueSatisfying(earlier -> assertThat(earlier.code()).isEqualTo(RejectionCode.OPERATION_CONFLICT));
        assertThat(directory.whyClaimTaken(IdDirectory.Kind.OPERATION, "t-2", MAX, REQUEST, LEGACY)).isEmpty();
        assertThat(SENT).containsExactly("find", "find", "find");

        SENT.clear();
        assertThat(catchThrowableOfType(LedgerRejection.class,
                () -> directory.whyClaimTaken(IdDirectory.Kind.OPERATION, "t-1", NED, REQUEST, LEGACY)).code())
                .isEqualTo(RejectionCode.OPERATION_CONFLICT);
        assertThat(SENT).containsExactly("find");
    }

    @Test
    @DisplayName("a claim given up since the store refused it is claimed afresh for the account, and the request sent once more")
    void claimTakenThenGivenUp() {
        assertThat(directory.whyClaimTaken(IdDirectory.Kind.OPERATION, "t-3", MAX, REQUEST, LEGACY)).isEmpty();

        assertThat(claim("t-3")).containsEntry("account", "max/ETH").doesNotContainKey("refused");
        assertThat(SENT).containsExactly("find", "insert", "find");
    }
}
