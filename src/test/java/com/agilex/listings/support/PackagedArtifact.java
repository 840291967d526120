package com.agilex.listings.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The command that runs what the build packaged (target/quarkus-artifact.properties): the
 * fast-jar on this JVM, or the native executable (mvn verify -Pnative). The tests that start
 * the service as a child process use it, so they test whichever artifact was built.
 */
public final class PackagedArtifact {

    private PackagedArtifact() {
    }

    /** The command line, with {@code -D} settings, to start the packaged service. */
    public static List<String> command(List<String> settings) {
        var artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("No target/quarkus-artifact.properties: package the service first (mvn verify)", e);
        }
        String path = Path.of("target").resolve(artifact.getProperty("path")).toString();
        var command = new ArrayList<String>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path);
            command.addAll(settings);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(settings);
            command.add("-jar");
            command.add(path);
        }
        return command;
    }
}
