package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md cannot drift from the code: every setting the service reads under
 * {@code listings.} (each method of each {@code @ConfigMapping} interface, and each key of
 * application.properties) is in its table, as the environment variable that sets it.
 */
class ConfigurationDocsTest {

    static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");
    static final Pattern METHOD = Pattern.compile("^( +)([A-Za-z<>]+) ([a-z][A-Za-z]*)\\(\\);", Pattern.MULTILINE);
    static final Pattern NESTED = Pattern.compile("^ +interface ([A-Z][A-Za-z]*) \\{", Pattern.MULTILINE);
    static final Pattern GROUP = Pattern.compile("^    ([A-Z][A-Za-z]*) ([a-z][A-Za-z]*)\\(\\);", Pattern.MULTILINE);

    @Test
    void every_setting_of_the_service_is_in_docs_configuration() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                read.addAll(settingsOf(Files.readString(source)));
            }
        }
        Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(line -> line.startsWith("listings.")).map(line -> line.substring(0, line.indexOf('=')).strip())
                .forEach(read::add);
        assertThat(read).as("settings found in the code").hasSizeGreaterThan(30);

        Set<String> documented = documented(Files.readString(Path.of("docs/configuration.md")));
        List<String> missing = read.stream().map(ConfigurationDocsTest::environmentVariable).filter(name -> !documented.contains(name))
                .toList();
        assertThat(missing).as("settings the code reads and docs/configuration.md does not name").isEmpty();
    }

    /** The properties a @ConfigMapping interface declares, groups (nested interfaces) expanded. */
    static List<String> settingsOf(String source) {
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return List.of();
        }
        Map<String, List<String>> nested = new HashMap<>();
        Matcher group = NESTED.matcher(source);
        while (group.find()) {
            int body = group.end();
            int end = source.indexOf("\n    }", body);
            var methods = new ArrayList<String>();
            Matcher method = METHOD.matcher(source.substring(body, end));
            while (method.find()) {
                methods.add(kebab(method.group(3)));
            }
            nested.put(group.group(1), methods);
        }
        var settings = new ArrayList<String>();
        Matcher method = METHOD.matcher(source);
        while (method.find()) {
            // A method returning a group is expanded below, one setting per method of the group.
            if (method.group(1).length() == 4 && !nested.containsKey(method.group(2))) {
                settings.add(prefix.group(1) + "." + kebab(method.group(3)));
            }
        }
        Matcher groupMethod = GROUP.matcher(source);
        while (groupMethod.find()) {
            for (String child : nested.getOrDefault(groupMethod.group(1), List.of())) {
                settings.add(prefix.group(1) + "." + kebab(groupMethod.group(2)) + "." + child);
            }
        }
        return settings;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
    }

    /**
     * Each variable the tables name; a row may shorten its siblings to a suffix
     * ("`LISTINGS_IDEMPOTENCY_TTL`, `_ABANDONED_AFTER`"): the suffix then replaces any tail of the first.
     */
    static Set<String> documented(String document) {
        var names = new TreeSet<String>();
        for (String line : document.lines().filter(line -> line.startsWith("| `")).toList()) {
            String cell = line.substring(1, line.indexOf('|', 1));
            List<String> tokens = new ArrayList<>();
            Matcher token = Pattern.compile("`([A-Z_][A-Z0-9_]*)`").matcher(cell);
            while (token.find()) {
                tokens.add(token.group(1));
            }
            if (tokens.isEmpty()) {
                continue;
            }
            String base = tokens.getFirst();
            names.add(base);
            for (String sibling : tokens.subList(1, tokens.size())) {
                if (!sibling.startsWith("_")) {
                    names.add(sibling);
                    continue;
                }
                for (int cut = base.indexOf('_'); cut > 0; cut = base.indexOf('_', cut + 1)) {
                    names.add(base.substring(0, cut) + sibling);
                }
            }
        }
        return names;
    }
}
