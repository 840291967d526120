package com.agilex.listings.platform;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The routes this process serves, read from the resources themselves: their {@code @Path}, their
 * HTTP method annotations and their {@link ServedBy}. A path no resource declares (health,
 * metrics, OpenAPI, the static contract) is served by every role.
 */
public final class ServedRoutes {

    /** One resource method: its HTTP method, its path template and who serves it. */
    record Route(String method, String template, Pattern path, ServedBy servedBy) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

    private final Role role;
    private final List<Route> routes;
    private final Predicate<String> settingOn;

    private ServedRoutes(Role role, List<Route> routes, Predicate<String> settingOn) {
        this.role = role;
        this.routes = routes;
        this.settingOn = settingOn;
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
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = join(base.value(), sub == null ? "" : sub.value());
                    routes.add(new Route(httpMethod, template, pattern(template), servedBy));
                }
            }
        }
        return new ServedRoutes(role, List.copyOf(routes), settingOn);
    }

    public boolean serves(String method, String path) {
        List<Route> matching = matching(path);
        if (matching.isEmpty()) {
            return true;
        }
        String asked = method.equals("HEAD") ? "GET" : method;
        List<Route> sameMethod = matching.stream().filter(route -> route.method().equals(asked)).toList();
        // OPTIONS, or a method the path does not have: served where the path is, so JAX-RS answers (Allow, 405).
        return (sameMethod.isEmpty() ? matching : sameMethod).stream().anyMatch(this::served);
    }

    /** Why a route is not served, for the 404's detail. */
    public String whyNot(String method, String path) {
        return matching(path).stream().filter(route -> route.method().equals(method))
                .map(Route::servedBy).filter(servedBy -> !servedBy.onlyIf().isEmpty() && roleServes(servedBy))
                .findFirst()
                .map(servedBy -> method + " " + path + " is off in this process (" + environmentName(servedBy.onlyIf()) + ")")
                .orElse(path + " is not served by a process in the role " + role.label());
    }

    /** The path templates this process serves for a method, as OpenAPI names them. */
    public boolean servesTemplate(String method, String template) {
        return routes.stream().filter(route -> route.method().equals(method) && route.template().equals(template))
                .allMatch(this::served);
    }

    private List<Route> matching(String path) {
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return routes.stream().filter(route -> route.path().matcher(normal).matches()).toList();
    }

    private boolean served(Route route) {
        ServedBy servedBy = route.servedBy();
        return roleServes(servedBy) && (servedBy.onlyIf().isEmpty() || settingOn.test(servedBy.onlyIf()));
    }

    private boolean roleServes(ServedBy servedBy) {
        return role == Role.ALL || Set.of(servedBy.value()).contains(role);
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
