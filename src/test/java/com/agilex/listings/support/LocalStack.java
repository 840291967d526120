package com.agilex.listings.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/** Runs bin/stack (up, down, postgres-down) for the outage tests, and fails the test if it fails. */
public final class LocalStack {

    private LocalStack() {
    }

    public static void run(String action) throws IOException, InterruptedException {
        var process = new ProcessBuilder("bin/stack", action).inheritIO().start();
        assertThat(process.waitFor()).as("bin/stack " + action).isZero();
    }
}
