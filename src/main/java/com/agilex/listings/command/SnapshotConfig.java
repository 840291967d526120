package com.agilex.listings.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Snapshots of listings' state. */
@ConfigMapping(prefix = "listings.snapshots")
public interface SnapshotConfig {

    /** Take a snapshot once this many events have been appended since the last one; 0 turns snapshots off. */
    @WithDefault("100")
    int every();
}
