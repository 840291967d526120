package com.agilex.listings.platform;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The routes this process serves, read from the resources themselves: their {@code @Path}, their
 * HTTP method annotations and their {@link ServedBy}. A path no resource declares (health,
 * metrics, OpenAPI, the static contract) is served by every role.
 */
public final class ServedRoutes {

    /** One resource method: its HTTP method, its path template, who serves it, and whether this process does. */
    record Route(String method, String template, Pattern path, ServedBy servedBy, boolean served) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");
    private static final String ANY_SEGMENT = "{}";

    private final Role role;
    private final List<Route> routes;
    /** The first path segments under which some route is not served ({@link #ANY_SEGMENT} for a template parameter): a request elsewhere needs no matching. */
    private final Set<String> contested;

    private ServedRoutes(Role role, List<Route> routes) {
        this.role = role;
        this.routes = routes;
        this.contested = routes.stream().filter(route -> !route.served()).map(route -> firstSegment(route.template()))
                .map(segment -> segment.startsWith("{") ? ANY_SEGMENT : segment)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The routes of these resource classes as served by {@code role}; {@code settingOn} answers {@link ServedBy#onlyIf()}. */
    public static ServedRoutes of(Role role, Collection<Class<?>> resources, Predicate<String> settingOn) {
        var routes = new ArrayList<Route>();
        for (Class<?> resource : resources) {
            ServedBy servedBy = resource.getAnnotation(ServedBy.class);
            Path base = resource.getAnnotation(Path.class);
            if (servedBy == null || base == null) {
                continue;
            }
            boolean served = serves(role, servedBy) && (servedBy.onlyIf().isEmpty() || settingOn.test(servedBy.onlyIf()));
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = join(base.value(), sub == null ? "" : sub.value());
                    routes.add(new Route(httpMethod, template, pattern(template), servedBy, served));
                }
            }
        }
        return new ServedRoutes(role, List.copyOf(routes));
    }

    /** Runs for every request (a pre-matching filter): most paths are settled by their first segment alone. */
    public boolean serves(String method, String path) {
        if (!contested.contains(firstSegment(path)) && !contested.contains(ANY_SEGMENT)) {
            return true;
        }
        List<Route> matching = matching(path);
        if (matching.isEmpty()) {
            return true;
        }
        String asked = method.equals("HEAD") ? "GET" : method;
        List<Route> sameMethod = matching.stream().filter(route -> route.method().equals(asked)).toList();
        // OPTIONS, or a method the path does not have: served where the path is, so JAX-RS answers (Allow, 405).
        return (sameMethod.isEmpty() ? matching : sameMethod).stream().anyMatch(Route::served);
    }

    /** Why a route is not served, for the 404's detail. */
    public String whyNot(String method, String path) {
        return matching(path).stream().filter(route -> route.method().equals(method))
                .map(Route::servedBy).filter(servedBy -> !servedBy.onlyIf().isEmpty() && serves(role, servedBy))
                .findFirst()
                .map(servedBy -> method + " " + path + " is off in this process (" + environmentName(servedBy.onlyIf()) + ")")
                .orElse(path + " is not served by a process in the role " + role.label());
    }

    /** The path templates this process serves for a method, as OpenAPI names them. */
    public boolean servesTemplate(String method, String template) {
        return routes.stream().filter(route -> route.method().equals(method) && route.template().equals(template))
                .allMatch(Route::served);
    }

    private List<Route> matching(String path) {
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream().filter(route -> route.path().matcher(normal).matches()).toList();
    }

    private static boolean serves(Role role, ServedBy servedBy) {
        return role == Role.ALL || Arrays.asList(servedBy.value()).contains(role);
    }

    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Pattern pattern(String template) {
        var regex = new StringBuilder();
        var parameters = PARAMETER.matcher(template);
        int last = 0;
        while (parameters.find()) {
            regex.append(Pattern.quote(template.substring(last, parameters.start()))).append("[^/]+");
            last = parameters.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last))).toString());
    }

    private static String environmentName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
