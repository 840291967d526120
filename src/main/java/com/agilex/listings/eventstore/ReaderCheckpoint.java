package com.agilex.listings.eventstore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far a named reader of the global event order has got: a (tx_id, position) pair. */
@Entity
@Table(name = "reader_checkpoints")
public class ReaderCheckpoint {

    @Id
    @Column(name = "reader")
    public String reader;

    @Column(name = "tx_id", nullable = false)
    public long txId;

    @Column(name = "global_position", nullable = false)
    public long position;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public GlobalPosition toPosition() {
        return new GlobalPosition(txId, position);
    }
}
