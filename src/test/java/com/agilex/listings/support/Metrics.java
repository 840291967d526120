package com.agilex.listings.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of /q/metrics (Prometheus text format), as series → value. */
public record Metrics(Map<String, Double> series) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    public static Metrics scrape() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        var series = new LinkedHashMap<String, Double>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), parse(sample.group(3)));
            }
        }
        return new Metrics(series);
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    /** The metric names present (without labels). */
    public Set<String> names() {
        var names = new TreeSet<String>();
        series.keySet().forEach(key -> names.add(key.contains("{") ? key.substring(0, key.indexOf('{')) : key));
        return names;
    }

    /** The sum of the series of {@code name} whose labels include every one given ("key=\"value\""). */
    public double sum(String name, String... labels) {
        return series.entrySet().stream()
                .filter(entry -> entry.getKey().equals(name) || entry.getKey().startsWith(name + "{"))
                .filter(entry -> java.util.Arrays.stream(labels).allMatch(label -> entry.getKey().contains(label)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Whether any series of {@code name} has every label given. */
    public boolean has(String name, String... labels) {
        return series.keySet().stream()
                .filter(key -> key.equals(name) || key.startsWith(name + "{"))
                .anyMatch(key -> java.util.Arrays.stream(labels).allMatch(key::contains));
    }
}
