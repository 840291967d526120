package com.agilex.listings.eventstore;

/**
 * Where an event stands in the store's global order: the id of the transaction that wrote it
 * ({@code xid8}) and its identity position. Readers checkpoint this pair, never the position
 * alone: positions are handed out at insert but become visible at commit, out of order.
 */
public record GlobalPosition(long txId, long position) implements Comparable<GlobalPosition> {

    /** Before the first event. */
    public static final GlobalPosition START = new GlobalPosition(0, 0);

    @Override
    public int compareTo(GlobalPosition other) {
        int byTx = Long.compare(txId, other.txId);
        return byTx != 0 ? byTx : Long.compare(position, other.position);
    }
}
