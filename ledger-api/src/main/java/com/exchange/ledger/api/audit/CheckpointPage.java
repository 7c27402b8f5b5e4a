package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.chain.Checkpoint;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** A page of the event log's checkpoints, for export and signing; {@code next_position} (the next page's {@code after}) is null on the last page. */
record CheckpointPage(List<Entry> checkpoints, Long nextPosition) {

    /** One checkpoint: it seals the positions {@code (from, position]}, continuing {@code previous} into {@code chain}. */
    record Entry(long position, long from, String previous, String chain, Instant sealedAt) {
    }

    static CheckpointPage of(List<Checkpoint> page, int limit) {
        List<Entry> entries = page.stream().map(c -> new Entry(c.position(), c.from(), HexFormat.of().formatHex(c.previous()),
                c.chainHex(), c.sealedAt())).toList();
        return new CheckpointPage(entries, page.size() < limit ? null : page.get(page.size() - 1).position());
    }
}
