package com.agilex.listings.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Routes this process does not serve ({@link ServedRoutes}) answer 404, as if they did not exist (they are not in its OpenAPI either). */
public class RoleFilter {

    private final ServedRoutes routes;

    public RoleFilter(ServedRoutes routes) {
        this.routes = routes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response outsideTheRole(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (routes.serves(request.getMethod(), path)) {
            return null;
        }
        return ProblemMappers.problem(404, null, "Not Found", routes.whyNot(request.getMethod(), path), request.getUriInfo(), null);
    }
}
